import { useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';

/**
 * The client secret of a saved profile. Once stored it is never shown again (the renderer never receives it):
 * only "Stored in keychain ✓" with Replace and Delete.
 */
export function SecretField({
  profileId,
  stored,
  onChanged,
}: {
  profileId: string;
  stored: boolean;
  onChanged(): Promise<unknown>;
}) {
  const [mode, setMode] = useState<'view' | 'replace' | 'confirm-delete'>('view');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<IpcError | undefined>();

  const editing = mode === 'replace' || !stored;

  const save = async () => {
    if (value.trim() === '') {
      setFieldError('Enter the client secret');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const secret = value;
      setValue('');
      await call('secrets:set', { profileId, kind: 'oneroster.clientSecret', value: secret });
      setMode('view');
      setFieldError(undefined);
      await onChanged();
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call('secrets:delete', { profileId, kind: 'oneroster.clientSecret' });
      setMode('view');
      await onChanged();
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field secret-field" role="group" aria-labelledby="secret-label">
      <span id="secret-label" className="field-label">
        Client secret
      </span>
      {stored && mode === 'view' && (
        <div className="secret-stored">
          <span className="secret-ok" data-testid="secret-status">
            <Icon name="key" size={16} /> Stored in keychain ✓
          </span>
          <div className="row-actions">
            <button type="button" className="btn btn-small" onClick={() => setMode('replace')}>
              Replace
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              onClick={() => setMode('confirm-delete')}
            >
              Delete
            </button>
          </div>
        </div>
      )}
      {stored && mode === 'confirm-delete' && (
        <div className="confirm" role="alertdialog" aria-label="Delete the stored secret?">
          <p>Delete the stored secret? Verify and pull stop working until you enter it again.</p>
          <div className="row-actions">
            <button type="button" className="btn btn-small btn-danger" onClick={remove} disabled={busy}>
              Delete secret
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {editing && (
        <div className="secret-form">
          {!stored && (
            <p className="secret-missing" data-testid="secret-status">
              <Icon name="alert" size={16} /> No secret stored
            </p>
          )}
          <div className="secret-row">
            <input
              type="password"
              aria-label="New client secret"
              autoComplete="off"
              spellCheck={false}
              value={value}
              aria-invalid={fieldError ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                // Enter saves the secret, not the surrounding district form.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void save();
                }
              }}
              placeholder="Paste the client secret"
            />
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
              Save secret
            </button>
            {stored && (
              <button type="button" className="btn" onClick={() => (setMode('view'), setValue(''))}>
                Cancel
              </button>
            )}
          </div>
          {fieldError && <p className="field-error">{fieldError}</p>}
        </div>
      )}
      <p className="field-help">
        Kept in the OS keychain only; never shown again, never written to reports or logs.
      </p>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}
