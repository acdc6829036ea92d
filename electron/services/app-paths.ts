import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Must match package.json `productName`: Electron names the userData folder after it. */
export const PRODUCT_NAME = 'Roster Preflight';
export const DATA_DIR_ENV = 'PREFLIGHT_DATA_DIR';

export interface PathEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The folder Electron's `app.getPath('userData')` returns for this app, so the CLI and the desktop app
 * share profiles and snapshots. `PREFLIGHT_DATA_DIR` overrides it.
 */
export function defaultDataDir({
  env = process.env,
  platform = process.platform,
  home = homedir(),
}: PathEnv = {}): string {
  const override = env[DATA_DIR_ENV];
  if (override && override.trim() !== '') return resolve(override);
  return join(appDataDir(env, platform, home), PRODUCT_NAME);
}

/** `--data-dir` wins over the environment variable, which wins over the platform default. */
export function resolveDataDir(flag: string | undefined, pathEnv: PathEnv = {}): string {
  return flag && flag.trim() !== '' ? resolve(flag) : defaultDataDir(pathEnv);
}

/** Electron's `appData`: per-user application data root. */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}
