import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { defaultDataDir, PRODUCT_NAME, resolveDataDir } from '../../electron/services/app-paths';

const home = '/home/ada';

describe('data folder', () => {
  it('matches Electron userData for productName "Roster Preflight" on each platform', () => {
    expect(PRODUCT_NAME).toBe('Roster Preflight');
    expect(defaultDataDir({ env: {}, platform: 'linux', home })).toBe('/home/ada/.config/Roster Preflight');
    expect(defaultDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home })).toBe(
      '/xdg/Roster Preflight',
    );
    expect(defaultDataDir({ env: {}, platform: 'darwin', home })).toBe(
      '/home/ada/Library/Application Support/Roster Preflight',
    );
    const win = defaultDataDir({
      env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      platform: 'win32',
      home,
    });
    expect(win.startsWith('C:\\Users\\ada\\AppData\\Roaming')).toBe(true);
    expect(win.endsWith(PRODUCT_NAME)).toBe(true);
  });

  it('PREFLIGHT_DATA_DIR overrides the platform folder; --data-dir overrides both', () => {
    const env = { PREFLIGHT_DATA_DIR: 'rel/data', XDG_CONFIG_HOME: '/xdg' };
    expect(defaultDataDir({ env, platform: 'linux', home })).toBe(resolve('rel/data'));
    expect(resolveDataDir('/flag/dir', { env, platform: 'linux', home })).toBe('/flag/dir');
    expect(resolveDataDir(undefined, { env, platform: 'linux', home })).toBe(resolve('rel/data'));
    expect(resolveDataDir('', { env: {}, platform: 'linux', home })).toBe(
      join(home, '.config', PRODUCT_NAME),
    );
    expect(defaultDataDir({ env: { PREFLIGHT_DATA_DIR: '  ' }, platform: 'linux', home })).toBe(
      '/home/ada/.config/Roster Preflight',
    );
  });
});
