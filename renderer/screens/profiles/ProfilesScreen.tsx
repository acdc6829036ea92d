import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProfileCard } from './ProfileCard';
import { ProfileForm } from './ProfileForm';
import { SecretField } from './SecretField';

type Editing = { mode: 'new' } | { mode: 'edit'; id: string } | { mode: 'none' };

export function ProfilesScreen() {
  const app = useApp();
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const [error, setError] = useState<IpcError | undefined>();
  const [opening, setOpening] = useState(false);

  const profiles = app.profiles;
  // By default the active district is open for editing.
  const target: Editing =
    editing ?? (app.activeProfile ? { mode: 'edit', id: app.activeProfile.profile.id } : { mode: 'none' });
  const editingView = target.mode === 'edit' ? profiles?.find((p) => p.profile.id === target.id) : undefined;

  const openDemo = async () => {
    setOpening(true);
    setError(undefined);
    try {
      const view = await call('demo:open', {});
      await app.refresh();
      app.setActive(view.profile.id);
      setEditing(undefined);
      app.go('verify');
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setOpening(false);
    }
  };

  const onSaved = async (view: ProfileView) => {
    await app.refresh();
    app.setActive(view.profile.id);
    setEditing({ mode: 'edit', id: view.profile.id });
  };

  const onDeleted = async (id: string) => {
    const list = await app.refresh();
    if (app.activeProfile?.profile.id === id) app.setActive(list[0]?.profile.id);
    setEditing(undefined);
  };

  const demoButton = (
    <button type="button" className="btn" onClick={openDemo} disabled={opening}>
      <Icon name="sparkle" size={16} />
      {opening ? 'Starting demo…' : 'Open demo district'}
    </button>
  );

  if (profiles === undefined) return <p className="muted">Loading districts…</p>;

  if (profiles.length === 0 && target.mode !== 'new') {
    return (
      <>
        {app.loadError && <ErrorNotice error={app.loadError} />}
        {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
        <EmptyState
          icon="building"
          title="Add your first district"
          actions={
            <>
              <button type="button" className="btn btn-primary" onClick={() => setEditing({ mode: 'new' })}>
                <Icon name="plus" size={16} />
                Add district
              </button>
              {demoButton}
            </>
          }
        >
          <p>
            A district is a OneRoster connection: base URL, client key and secret. The secret goes to your OS
            keychain and never leaves this computer.
          </p>
          <p className="muted">
            No credentials at hand? The demo district runs a sample provider inside the app, with no network.
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <div className="profiles-layout">
      <section className="panel profiles-list" aria-label="Districts">
        <div className="panel-head">
          <h2>Districts</h2>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              onClick={() => setEditing({ mode: 'new' })}
            >
              <Icon name="plus" size={16} />
              Add district
            </button>
          </div>
        </div>
        {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
        {profiles.length === 0 && (
          <p className="muted list-empty">No districts yet. Fill in the form to add the first one.</p>
        )}
        <ul className="card-list">
          {profiles.map((view) => (
            <ProfileCard
              key={view.profile.id}
              view={view}
              selected={target.mode === 'edit' && target.id === view.profile.id}
              active={app.activeProfile?.profile.id === view.profile.id}
              onEdit={() => {
                app.setActive(view.profile.id);
                setEditing({ mode: 'edit', id: view.profile.id });
              }}
              onVerify={() => {
                app.setActive(view.profile.id);
                app.go('verify');
              }}
              onDeleted={() => onDeleted(view.profile.id)}
            />
          ))}
        </ul>
        <div className="panel-foot">{demoButton}</div>
      </section>

      <section
        className="panel profile-editor"
        aria-label={target.mode === 'new' ? 'Add district' : 'Edit district'}
      >
        {target.mode === 'new' && (
          <>
            <div className="panel-head">
              <h2>Add district</h2>
            </div>
            <ProfileForm onSaved={onSaved} onCancel={() => setEditing(undefined)} />
          </>
        )}
        {target.mode === 'edit' && editingView && (
          <>
            <div className="panel-head">
              <h2>{editingView.profile.name}</h2>
              {editingView.profile.demo && <span className="pill">Demo</span>}
            </div>
            <ProfileForm
              key={editingView.profile.id + editingView.profile.updatedAt}
              existing={editingView}
              onSaved={onSaved}
              onCancel={() => setEditing({ mode: 'none' })}
              secretSlot={
                <SecretField
                  profileId={editingView.profile.id}
                  stored={editingView.secrets['oneroster.clientSecret'] === true}
                  onChanged={app.refresh}
                />
              }
              canvasTokenSlot={
                <SecretField
                  kind="canvas.token"
                  profileId={editingView.profile.id}
                  stored={editingView.secrets['canvas.token'] === true}
                  onChanged={app.refresh}
                  help="An admin token that can read the account and run reports. Kept in the OS keychain only."
                />
              }
            />
          </>
        )}
        {(target.mode === 'none' || (target.mode === 'edit' && !editingView)) && (
          <EmptyState icon="edit" title="Select a district">
            <p>Pick a district on the left to edit it, or add a new one.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
