import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { DistrictHealth } from './DistrictHealth';

export function authLabel(view: ProfileView): string {
  const auth = view.profile.oneroster.auth;
  return auth.kind === 'oauth2' ? 'OAuth 2' : `OAuth 1.0a · ${auth.signatureMethod.replace('HMAC-', '')}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function ProfileCard({
  view,
  selected,
  active,
  onEdit,
  onVerify,
  onDeleted,
}: {
  view: ProfileView;
  selected: boolean;
  active: boolean;
  onEdit(): void;
  onVerify(): void;
  onDeleted(): Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<IpcError | undefined>();
  const { profile } = view;
  const hasSecret = view.secrets['oneroster.clientSecret'] === true;

  const remove = async () => {
    try {
      await call('profiles:delete', { id: profile.id });
      await onDeleted();
    } catch (err) {
      setError(toDisplayError(err));
    }
  };

  return (
    <li className={selected ? 'card selected' : 'card'} data-profile={profile.name}>
      <button type="button" className="card-main" onClick={onEdit} aria-label={`Edit ${profile.name}`}>
        <span className="card-title">
          {profile.name}
          {profile.demo && <span className="pill">Demo</span>}
          {active && <span className="pill pill-accent">Active</span>}
        </span>
        <span className="card-meta">
          {hostOf(profile.oneroster.baseUrl)} · {authLabel(view)}
        </span>
        <span className={hasSecret ? 'card-secret ok' : 'card-secret missing'}>
          <Icon name={hasSecret ? 'key' : 'alert'} size={14} />
          {hasSecret ? 'Secret in keychain' : 'No secret stored'}
        </span>
      </button>
      <DistrictHealth profileId={profile.id} hasSecret={hasSecret} />
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${profile.name}?`}>
          <p>Delete “{profile.name}” and its stored secret?</p>
          <div className="row-actions">
            <button type="button" className="btn btn-small btn-danger" onClick={remove}>
              Delete district
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="card-actions">
          <button type="button" className="btn btn-small" onClick={onVerify}>
            <Icon name="check" size={16} />
            Verify
          </button>
          <button
            type="button"
            className="btn-icon"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${profile.name}`}
            title="Delete"
          >
            <Icon name="trash" size={16} />
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </li>
  );
}
