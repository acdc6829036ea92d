import { useState, type FormEvent, type ReactNode } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import {
  AUTH_OPTIONS,
  emptyValues,
  validate,
  valuesFromProfile,
  type FieldErrors,
  type FormValues,
} from './formModel';
import { Field } from './Field';
import { NetworkFields, TimeZoneField } from './ZoneAndNetworkFields';

/**
 * Add or edit a district. Validation runs the shared zod schema (the same one main checks) and shows
 * the messages next to each field. A new district's secret goes straight to the keychain after the profile is saved.
 */
export function ProfileForm({
  existing,
  secretSlot,
  canvasTokenSlot,
  onSaved,
  onCancel,
}: {
  existing?: ProfileView;
  /** For a saved district: the stored-secret controls, shown in place of the secret input. */
  secretSlot?: ReactNode;
  /** For a saved district: the stored Canvas token controls, shown in place of the token input. */
  canvasTokenSlot?: ReactNode;
  onSaved(view: ProfileView): Promise<void> | void;
  onCancel(): void;
}) {
  const [values, setValues] = useState<FormValues>(() =>
    existing ? valuesFromProfile(existing.profile) : emptyValues(),
  );
  const [secret, setSecret] = useState('');
  const [canvasToken, setCanvasToken] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<IpcError | undefined>();
  const [busy, setBusy] = useState(false);
  const isNew = !existing;

  const set = (field: keyof FormValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { draft, errors: found } = validate(values, existing?.profile.demo ?? false);
    if (isNew && secret.trim() === '')
      found.secret = 'Enter the client secret (it is stored in the OS keychain)';
    if (isNew && canvasToken.trim() !== '' && draft.canvas === null)
      found.canvasBaseUrl = 'Enter the Canvas URL the token belongs to';
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setSubmitError({
        code: 'invalid_input',
        message: 'Some fields need attention.',
        hint: 'Fix the highlighted fields and save again.',
      });
      return;
    }
    setSubmitError(undefined);
    setBusy(true);
    try {
      if (existing) {
        await onSaved(await call('profiles:update', { id: existing.profile.id, patch: draft }));
      } else {
        const created = await call('profiles:create', draft);
        const value = secret;
        setSecret('');
        await call('secrets:set', { profileId: created.profile.id, kind: 'oneroster.clientSecret', value });
        const token = canvasToken;
        setCanvasToken('');
        if (token.trim() !== '') {
          await call('secrets:set', { profileId: created.profile.id, kind: 'canvas.token', value: token });
        }
        await onSaved({
          ...created,
          secrets: {
            ...created.secrets,
            'oneroster.clientSecret': true,
            'canvas.token': token.trim() !== '',
          },
        });
      }
    } catch (err) {
      setSubmitError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="profile-form"
      onSubmit={submit}
      noValidate
      aria-label={isNew ? 'Add district' : 'Edit district'}
    >
      <Field label="District name" name="name" errors={errors}>
        {(id, invalid) => (
          <input
            id={id}
            value={values.name}
            onChange={(e) => set('name')(e.target.value)}
            aria-invalid={invalid}
            placeholder="e.g. Springfield Public Schools"
          />
        )}
      </Field>
      <Field
        label="OneRoster base URL"
        name="baseUrl"
        errors={errors}
        help="Usually ends in /ims/oneroster/v1p1"
      >
        {(id, invalid) => (
          <input
            id={id}
            value={values.baseUrl}
            onChange={(e) => set('baseUrl')(e.target.value)}
            aria-invalid={invalid}
            placeholder="https://…/ims/oneroster/v1p1"
            spellCheck={false}
          />
        )}
      </Field>
      <div className={isNew ? 'field-grid' : undefined}>
        <Field label="Client key" name="clientId" errors={errors}>
          {(id, invalid) => (
            <input
              id={id}
              value={values.clientId}
              onChange={(e) => set('clientId')(e.target.value)}
              aria-invalid={invalid}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        {isNew && (
          <Field
            label="Client secret"
            name="secret"
            errors={errors}
            help="Goes straight to the OS keychain; never shown again."
          >
            {(id, invalid) => (
              <input
                id={id}
                type="password"
                value={secret}
                onChange={(e) => {
                  setSecret(e.target.value);
                  if (errors.secret) setErrors((er) => ({ ...er, secret: undefined }));
                }}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        )}
      </div>
      {secretSlot}

      <fieldset className="auth-choice">
        <legend>Authentication</legend>
        {AUTH_OPTIONS.map((opt) => (
          <label key={opt.value} className={values.auth === opt.value ? 'radio-card selected' : 'radio-card'}>
            <input
              type="radio"
              name="auth"
              value={opt.value}
              checked={values.auth === opt.value}
              onChange={() => set('auth')(opt.value)}
            />
            <span className="radio-title">{opt.label}</span>
            <span className="radio-help">{opt.help}</span>
          </label>
        ))}
      </fieldset>

      {values.auth === 'oauth2' && (
        <div className="field-grid">
          <Field label="Token URL" name="tokenUrl" errors={errors}>
            {(id, invalid) => (
              <input
                id={id}
                value={values.tokenUrl}
                onChange={(e) => set('tokenUrl')(e.target.value)}
                aria-invalid={invalid}
                spellCheck={false}
                placeholder="https://…/oauth2/token"
              />
            )}
          </Field>
          <Field label="Scope" name="scope" errors={errors} help="Leave empty to try the standard scopes">
            {(id, invalid) => (
              <input
                id={id}
                value={values.scope}
                onChange={(e) => set('scope')(e.target.value)}
                aria-invalid={invalid}
                spellCheck={false}
              />
            )}
          </Field>
        </div>
      )}

      <fieldset className="canvas-settings">
        <legend>Canvas (optional)</legend>
        <p className="field-help">
          Needed to compare with what Canvas holds today (Conversion). Without it, import a provisioning
          report zip instead.
        </p>
        <div className="field-grid canvas-grid">
          <Field
            label="Canvas URL"
            name="canvasBaseUrl"
            errors={errors}
            help="e.g. https://district.instructure.com"
          >
            {(id, invalid) => (
              <input
                id={id}
                value={values.canvasBaseUrl}
                onChange={(e) => set('canvasBaseUrl')(e.target.value)}
                aria-invalid={invalid}
                placeholder="https://…instructure.com"
                spellCheck={false}
              />
            )}
          </Field>
          <Field label="Root account id" name="canvasRootAccountId" errors={errors} help="Usually 1">
            {(id, invalid) => (
              <input
                id={id}
                inputMode="numeric"
                value={values.canvasRootAccountId}
                onChange={(e) => set('canvasRootAccountId')(e.target.value)}
                aria-invalid={invalid}
                placeholder="1"
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        {isNew ? (
          <Field
            label="Canvas access token"
            name="canvasToken"
            errors={errors}
            help="An admin token that can read the account and run reports. Goes to the OS keychain."
          >
            {(id, invalid) => (
              <input
                id={id}
                type="password"
                value={canvasToken}
                onChange={(e) => setCanvasToken(e.target.value)}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        ) : (
          canvasTokenSlot
        )}
      </fieldset>

      <TimeZoneField values={values} errors={errors} set={set} />
      <NetworkFields values={values} errors={errors} set={set} />

      <details className="advanced">
        <summary>Advanced</summary>
        <div className="field-grid three">
          <Field label="Page size" name="pageSize" errors={errors}>
            {(id, invalid) => (
              <input
                id={id}
                inputMode="numeric"
                value={values.pageSize}
                onChange={(e) => set('pageSize')(e.target.value)}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Parallel requests" name="concurrency" errors={errors}>
            {(id, invalid) => (
              <input
                id={id}
                inputMode="numeric"
                value={values.concurrency}
                onChange={(e) => set('concurrency')(e.target.value)}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Timeout (seconds)" name="timeoutSec" errors={errors}>
            {(id, invalid) => (
              <input
                id={id}
                inputMode="numeric"
                value={values.timeoutSec}
                onChange={(e) => set('timeoutSec')(e.target.value)}
                aria-invalid={invalid}
              />
            )}
          </Field>
        </div>
      </details>

      {submitError && <ErrorNotice error={submitError} onDismiss={() => setSubmitError(undefined)} />}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {isNew ? 'Save district' : 'Save changes'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
