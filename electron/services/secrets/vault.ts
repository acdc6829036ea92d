import { SECRET_KINDS, SecretKind } from '../../../shared/profiles/profile';
import type { SecretStatus } from '../../../shared/profiles/profile';
import { ServiceError } from '../../../shared/errors';
import type { Logger } from '../logging/logger';
import { MIN_REDACTABLE_LENGTH, registerSecret } from '../logging/redact';
import type { SecretStore } from './secret-store';

export const MAX_SECRET_LENGTH = 8192;
/** Real client secrets and tokens are far longer; anything this short is a paste mistake. */
export const MIN_SECRET_LENGTH = MIN_REDACTABLE_LENGTH;
const MAX_PROFILE_ID_LENGTH = 100;

/**
 * Per-profile secrets (OneRoster client secret, Canvas token) in the OS keychain.
 * Account names are `${profileId}:${kind}`. Every value that passes through is registered for log
 * redaction. `getSecret` is for the main process and the CLI only: secrets never cross IPC.
 */
export class CredentialVault {
  constructor(
    private readonly store: SecretStore,
    private readonly logger?: Logger,
  ) {}

  async setSecret(profileId: string, kind: SecretKind, value: string): Promise<void> {
    const account = accountFor(profileId, kind);
    checkSecretValue(value);
    registerSecret(value);
    await this.store.set(account, value);
    this.logger?.info('secret stored', { profileId, kind });
  }

  async getSecret(profileId: string, kind: SecretKind): Promise<string | null> {
    const value = await this.store.get(accountFor(profileId, kind));
    registerSecret(value);
    return value;
  }

  async hasSecret(profileId: string, kind: SecretKind): Promise<boolean> {
    return (await this.getSecret(profileId, kind)) !== null;
  }

  async deleteSecret(profileId: string, kind: SecretKind): Promise<boolean> {
    const deleted = await this.store.delete(accountFor(profileId, kind));
    if (deleted) this.logger?.info('secret deleted', { profileId, kind });
    return deleted;
  }

  /** Deletes every kind of secret for the profile; returns how many existed. */
  async deleteAll(profileId: string): Promise<number> {
    let deleted = 0;
    for (const kind of SECRET_KINDS) if (await this.deleteSecret(profileId, kind)) deleted++;
    return deleted;
  }

  /** Which secrets are stored; never the values. */
  async status(profileId: string): Promise<SecretStatus> {
    const entries = await Promise.all(
      SECRET_KINDS.map(async (kind) => [kind, await this.hasSecret(profileId, kind)] as const),
    );
    return Object.fromEntries(entries) as SecretStatus;
  }
}

function accountFor(profileId: string, kind: SecretKind): string {
  if (typeof profileId !== 'string' || profileId.trim() === '' || profileId !== profileId.trim()) {
    throw new ServiceError(
      'invalid_profile_id',
      'A profile id is required to store a secret.',
      'Save the profile first.',
    );
  }
  if (profileId.length > MAX_PROFILE_ID_LENGTH || /[\p{Cc}]/u.test(profileId)) {
    throw new ServiceError(
      'invalid_profile_id',
      'The profile id is not valid.',
      'Use the id of a saved profile.',
    );
  }
  if (!SecretKind.safeParse(kind).success) {
    throw new ServiceError(
      'invalid_secret_kind',
      `Unknown secret kind "${String(kind)}".`,
      `Use one of: ${SECRET_KINDS.join(', ')}.`,
    );
  }
  return `${profileId}:${kind}`;
}

/** Messages here must never quote the value: they are shown and logged. */
function checkSecretValue(value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.trim() === '') {
    throw new ServiceError(
      'invalid_secret',
      'The secret is empty.',
      'Paste the secret the district gave you.',
    );
  }
  if (value !== value.trim()) {
    throw new ServiceError(
      'invalid_secret',
      'The secret starts or ends with spaces or line breaks.',
      'Paste it again without the surrounding whitespace.',
    );
  }
  // A very short secret is accepted (some test tenants issue them); the app warns before saving it instead.
  if (value.length > MAX_SECRET_LENGTH) {
    throw new ServiceError(
      'invalid_secret',
      `The secret is longer than ${MAX_SECRET_LENGTH} characters.`,
      'Check that you pasted only the secret, not a whole file or message.',
    );
  }
  if (/[\p{Cc}]/u.test(value)) {
    throw new ServiceError(
      'invalid_secret',
      'The secret contains line breaks or control characters.',
      'Paste only the secret, on one line.',
    );
  }
}
