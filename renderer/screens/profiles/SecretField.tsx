import { useId, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import type { SecretKind } from '../../../shared/profiles/profile';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';

/** The words one secret's controls use (button names stay distinct so two fields can share a form). */
export interface SecretWording {
  label: string;
  inputLabel: string;
  placeholder: string;
  missing: string;
  replace: string;
  remove: string;
  confirmRemove: string;
  save: string;
  confirmTitle: string;
  deleteWarning: string;
  none: string;
  testId: string;
}

export const SECRET_WORDING: Record<SecretKind, SecretWording> = {
  'oneroster.clientSecret': {
    label: 'Client secret',
    inputLabel: 'New client secret',
    placeholder: 'Paste the client secret',
    missing: 'Enter the client secret',
    replace: 'Replace',
    remove: 'Delete',
    confirmRemove: 'Delete secret',
    save: 'Save secret',
    confirmTitle: 'Delete the stored secret?',
    deleteWarning: 'Delete the stored secret? Verify and pull stop working until you enter it again.',
    none: 'No secret stored',
    testId: 'secret-status',
  },
  'canvas.token': {
    label: 'Canvas access token',
    inputLabel: 'New Canvas access token',
    placeholder: 'Paste an admin access token',
    missing: 'Enter the access token',
    replace: 'Change token',
    remove: 'Remove token',
    confirmRemove: 'Yes, remove the token',
    save: 'Save token',
    confirmTitle: 'Remove the stored token?',
    deleteWarning: 'Remove the stored token? Fetching the Canvas baseline needs it again.',
    none: 'No token stored',
    testId: 'canvas-token-status',
  },
};

/** Below this length a secret is probably cut short when pasted: warned about, never refused. */
const SHORT_SECRET = 12;

/**
 * A secret of a saved profile. Once stored it is never shown again (the renderer never receives it):
 * only "Stored in keychain ✓" with Replace and Delete.
 */
export function SecretField({
  profileId,
  stored,
  onChanged,
  kind = 'oneroster.clientSecret',
  help = 'Kept in the OS keychain only; never shown again, never written to reports or logs.',
  startReplacing = false,
}: {
  profileId: string;
  stored: boolean;
  onChanged(): Promise<unknown>;
  kind?: SecretKind;
  help?: string;
  /** Open with the new-secret input shown (Verify, after the provider rejected the secret). */
  startReplacing?: boolean;
}) {
  const words = SECRET_WORDING[kind];
  const labelId = useId();
  const [mode, setMode] = useState<'view' | 'replace' | 'confirm-delete'>(
    startReplacing ? 'replace' : 'view',
  );
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<IpcError | undefined>();

  const editing = mode === 'replace' || !stored;

  const save = async () => {
    if (value.trim() === '') {
      setFieldError(words.missing);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await call('secrets:set', { profileId, kind, value });
      // Cleared only once stored: a refused secret stays in the field to be corrected.
      setValue('');
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
      await call('secrets:delete', { profileId, kind });
      setMode('view');
      await onChanged();
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field secret-field" role="group" aria-labelledby={labelId} data-secret={kind}>
      <span id={labelId} className="field-label">
        {words.label}
      </span>
      {stored && mode === 'view' && (
        <div className="secret-stored">
          <span className="secret-ok" data-testid={words.testId}>
            <Icon name="key" size={16} /> Stored in keychain ✓
          </span>
          <div className="row-actions">
            <button type="button" className="btn btn-small" onClick={() => setMode('replace')}>
              {words.replace}
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              onClick={() => setMode('confirm-delete')}
            >
              {words.remove}
            </button>
          </div>
        </div>
      )}
      {stored && mode === 'confirm-delete' && (
        <div className="confirm" role="alertdialog" aria-label={words.confirmTitle}>
          <p>{words.deleteWarning}</p>
          <div className="row-actions">
            <button type="button" className="btn btn-small btn-danger" onClick={remove} disabled={busy}>
              {words.confirmRemove}
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
            <p className="secret-missing" data-testid={words.testId}>
              <Icon name="alert" size={16} /> {words.none}
            </p>
          )}
          <div className="secret-row">
            <input
              type="password"
              aria-label={words.inputLabel}
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
              placeholder={words.placeholder}
            />
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
              {words.save}
            </button>
            {stored && (
              <button type="button" className="btn" onClick={() => (setMode('view'), setValue(''))}>
                Cancel
              </button>
            )}
          </div>
          {fieldError && <p className="field-error">{fieldError}</p>}
          {!fieldError && value.trim() !== '' && value.trim().length < SHORT_SECRET && (
            <p className="warn-text small" data-testid="short-secret-warning">
              This is only {value.trim().length} {value.trim().length === 1 ? 'character' : 'characters'};
              providers usually issue much longer secrets. Check that you pasted all of it (it can still be
              saved).
            </p>
          )}
        </div>
      )}
      <p className="field-help">{help}</p>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}
