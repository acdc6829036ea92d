import { SECRET_KINDS, type Profile, type SecretKind } from '../../../shared/profiles/profile';
import { insecureUrlProblem, originOf } from '../../../shared/profiles/url-policy';
import { ServiceError } from '../../../shared/errors';
import { invalidProfile, type FieldErrors } from './errors';

/**
 * Secrets are bound to the origins they were saved for: the OneRoster client secret to the base URL's origin
 * (and the OAuth 2 token URL's), the Canvas token to the Canvas origin. A changed origin drops the binding.
 */
type ProfileUrls = Pick<Profile, 'oneroster' | 'canvas'>;

export function boundSecretKinds(): readonly SecretKind[] {
  return SECRET_KINDS;
}

/** The origins a secret of `kind` would be sent to, as one comparable string; null when there is none. */
export function secretBinding(profile: ProfileUrls, kind: SecretKind): string | null {
  if (kind === 'canvas.token') return profile.canvas ? originOf(profile.canvas.baseUrl) : null;
  const origins = [originOf(profile.oneroster.baseUrl)];
  if (profile.oneroster.auth.kind === 'oauth2') origins.push(originOf(profile.oneroster.auth.tokenUrl));
  return origins.map((o) => o ?? 'invalid').join(' ');
}

/** The refusal for a secret saved for other origins than the profile has now, or null when it may be used. */
export function secretHeldBack(profile: Profile, kind: SecretKind): ServiceError | null {
  const saved = profile.secretOrigins[kind];
  if (saved === undefined) return null; // saved before bindings existed: trusted as before
  const now = secretBinding(profile, kind);
  if (saved === now) return null;
  const what = kind === 'canvas.token' ? 'Canvas access token' : 'OneRoster client secret';
  return new ServiceError(
    'secret_origin_changed',
    `The ${what} of "${profile.name}" was saved for ${saved.split(' ').join(' and ')}, but the profile now points to ${now ?? 'no server'}; it is not sent.`,
    { detail: { profile: profile.name, kind } },
  );
}

/** https only, except loopback (the demo and tests): refused with a message per field. */
export function assertSecureUrls(profile: ProfileUrls): void {
  const fields: FieldErrors = {};
  const check = (field: string, url: string, what: string): void => {
    const problem = insecureUrlProblem(url, what);
    if (problem) fields[field] = problem;
  };
  check('oneroster.baseUrl', profile.oneroster.baseUrl, 'OneRoster base URL');
  if (profile.oneroster.auth.kind === 'oauth2')
    check('oneroster.auth.tokenUrl', profile.oneroster.auth.tokenUrl, 'OAuth 2 token URL');
  if (profile.canvas) check('canvas.baseUrl', profile.canvas.baseUrl, 'Canvas URL');
  if (Object.keys(fields).length > 0) throw invalidProfile(fields);
}
