import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OneRosterAuth, Profile } from '../../shared/profiles/profile';
import { ServiceError } from '../../shared/errors';
import { networkFor, type HttpClient } from './net';
import { createLogger } from './logging/logger';
import type { Logger, LogLevel } from './logging/logger';
import { ProfileStore } from './profiles/profile-store';
import { KeytarSecretStore } from './secrets/keytar-store';
import type { SecretStore } from './secrets/secret-store';
import { CredentialVault } from './secrets/vault';
import { SettingsStore } from './settings';
import { openSnapshotStore, type SnapshotStore } from './snapshots';

/** Everything the app's main process and the CLI share. A plain object: add fields, don't subclass. */
export interface Services {
  dataDir: string;
  logger: Logger;
  vault: CredentialVault;
  profiles: ProfileStore;
  /** The snapshot database (`<dataDir>/preflight.sqlite`), opened on first use. */
  readonly snapshots: SnapshotStore;
  /** Per-profile mapping options and rule settings (`<dataDir>/settings/<profileId>.json`). */
  settings: SettingsStore;
}

export interface ServicesOptions {
  dataDir: string;
  /** Defaults to the OS keychain (keytar). */
  secretStore?: SecretStore;
  /** Defaults to `<dataDir>/logs/preflight.log`. */
  logger?: Logger;
  logLevel?: LogLevel;
  /** Mirror log lines somewhere else too (the CLI's `PREFLIGHT_DEBUG=1` sends them to stderr). */
  logEcho?: (line: string) => void;
}

export const LOG_FILE = join('logs', 'preflight.log');

export function createServices(options: ServicesOptions): Services {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger =
    options.logger ??
    createLogger({
      file: join(dataDir, LOG_FILE),
      level: options.logLevel ?? 'info',
      ...(options.logEcho ? { stderr: options.logEcho } : {}),
    });
  const vault = new CredentialVault(options.secretStore ?? new KeytarSecretStore(), logger.child('vault'));
  const profiles = new ProfileStore({ dataDir, vault, logger: logger.child('profiles') });
  let snapshots: SnapshotStore | undefined;
  return {
    dataDir,
    logger,
    vault,
    profiles,
    settings: new SettingsStore(dataDir),
    get snapshots() {
      return (snapshots ??= openSnapshotStore(dataDir));
    },
  };
}

/** Everything needed to talk to one OneRoster provider, secret included (main process / CLI only). */
export interface OneRosterTarget {
  /** For ad-hoc CLI targets this is an unsaved profile built from the flags (`saved: false`). */
  profile: Profile;
  saved: boolean;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  auth: OneRosterAuth;
  /** The HTTP client with the profile's proxy and trusted CAs. */
  http: HttpClient;
}

/** Loads a saved profile (object, id or name) and its OneRoster client secret from the keychain. */
export async function resolveOneRosterTarget(
  services: Pick<Services, 'profiles' | 'vault'>,
  profileOrName: Profile | string,
): Promise<OneRosterTarget> {
  const profile =
    typeof profileOrName === 'string' ? await services.profiles.resolve(profileOrName) : profileOrName;
  // Held back (an error) when the secret was saved for another origin than the profile has now.
  const clientSecret = await services.profiles.secretFor(profile, 'oneroster.clientSecret');
  if (clientSecret === null) {
    throw new ServiceError('secret_missing', `No OneRoster client secret is stored for "${profile.name}".`, {
      detail: { profile: profile.name },
    });
  }
  return {
    profile,
    saved: true,
    baseUrl: profile.oneroster.baseUrl,
    clientId: profile.oneroster.clientId,
    clientSecret,
    auth: profile.oneroster.auth,
    http: networkFor(profile.network, { demo: profile.demo }),
  };
}
