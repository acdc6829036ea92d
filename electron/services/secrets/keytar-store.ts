import { createRequire } from 'node:module';
import { ServiceError } from '../../../shared/errors';
import { redactError } from '../logging/redact';
import type * as KeytarModule from 'keytar';
import type { SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

/** The keychain "service" every Roster Preflight secret is filed under. */
export const KEYCHAIN_SERVICE = 'Roster Preflight';

const KEYCHAIN_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows Credential Manager',
};

/** The OS keychain could not be loaded or reached. Nothing was stored anywhere else. */
export function keychainUnavailable(why: string, cause?: unknown): ServiceError {
  const which = KEYCHAIN_NAMES[process.platform] ?? 'Secret Service / gnome-keyring on Linux';
  return new ServiceError('keychain_unavailable', `No OS keychain is available (${which}). ${why}`.trim(), {
    hint:
      'Install and unlock one (on Linux: gnome-keyring or KWallet, running in your desktop session); ' +
      'secrets are never stored in plain text.',
    cause,
  });
}

export interface KeytarStoreOptions {
  service?: string;
  /** Module to load; only changed to exercise the "keytar cannot load" path. */
  moduleId?: string;
}

/** SecretStore over keytar. keytar is loaded on first use so a broken native module only fails secret calls. */
export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  private readonly moduleId: string;
  private keytar: Keytar | undefined;

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.moduleId = options.moduleId ?? 'keytar';
  }

  get(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account));
  }

  private async call<T>(fn: (k: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.load();
    try {
      return await fn(keytar);
    } catch (e) {
      throw keychainUnavailable(`The keychain call failed: ${firstLine(e)}.`, e);
    }
  }

  private load(): Keytar {
    if (this.keytar) return this.keytar;
    try {
      // createRequire: keytar is a CommonJS native addon, and this works both under tsx and in the bundled main.
      this.keytar = createRequire(import.meta.url)(this.moduleId) as Keytar;
      return this.keytar;
    } catch (e) {
      throw keychainUnavailable(`The keytar module could not be loaded: ${firstLine(e)}.`, e);
    }
  }
}

/** Native errors can carry a multi-line require stack; the first line says what went wrong. */
function firstLine(e: unknown): string {
  return (redactError(e).split('\n')[0] ?? '').replace(/\.+$/, '');
}
