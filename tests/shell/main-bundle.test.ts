import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';
import { ensureBuilt, OUT_DIR, ROOT } from '../../test-support/e2e/build';

/**
 * Smoke test of the BUILT main bundle: run out/main/index.js in plain Node with `electron` resolved to a
 * recording fake (fixtures/fake-electron.mjs), then check what it asked Electron to do.
 */
interface Record {
  windows: { webPreferences: { [k: string]: unknown; preload: string } }[];
  loads: { kind: string; path?: string; url?: string }[];
  ipcHandles: string[];
  menu: string[] | null;
  openedExternal: string[];
  probes: { [k: string]: unknown };
  probeError?: string;
}

let record: Record;
let userData: string;

beforeAll(() => {
  ensureBuilt();
  userData = mkdtempSync(join(tmpdir(), 'preflight-shell-'));
  const recordFile = join(userData, 'record.json');
  const run = spawnSync(
    process.execPath,
    ['--import', resolve(import.meta.dirname, 'fixtures/electron-hook.mjs'), join(OUT_DIR, 'main/index.js')],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        FAKE_ELECTRON_RECORD: recordFile,
        FAKE_ELECTRON_USER_DATA: join(userData, 'data'),
        ELECTRON_RENDERER_URL: '',
      },
    },
  );
  if (run.status !== 0 || !existsSync(recordFile)) {
    throw new Error(
      `main bundle exited with ${run.status}\n${run.stdout}\n${run.stderr}\n${existsSync(recordFile) ? readFileSync(recordFile, 'utf8') : ''}`,
    );
  }
  record = JSON.parse(readFileSync(recordFile, 'utf8')) as Record;
});

afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('built main bundle', () => {
  it('creates one window with hardened webPreferences', () => {
    expect(record.windows).toHaveLength(1);
    expect(record.windows[0]!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('points at a preload file that exists in the build', () => {
    const preload = record.windows[0]!.webPreferences.preload;
    expect(preload).toBe(join(OUT_DIR, 'preload/index.cjs'));
    expect(existsSync(preload)).toBe(true);
  });

  it('loads the built renderer', () => {
    expect(record.loads).toEqual([{ kind: 'file', path: join(OUT_DIR, 'renderer/index.html') }]);
    expect(existsSync(record.loads[0]!.path!)).toBe(true);
  });

  it('registers an ipcMain.handle for every contract channel, and nothing else', () => {
    expect([...record.ipcHandles].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('sets the File/Edit/View/Help menu', () => {
    expect(record.menu).toEqual(expect.arrayContaining(['File', 'editMenu', 'View', 'help']));
  });

  it('blocks navigation, new windows and permission requests', () => {
    expect(record.probeError).toBeUndefined();
    expect(record.probes.willNavigatePrevented).toBe(true);
    expect(record.probes.windowOpenHttps).toEqual({ action: 'deny' });
    expect(record.probes.windowOpenJs).toEqual({ action: 'deny' });
    expect(record.probes.permissionGranted).toBe(false);
    expect(record.probes.permissionCheck).toBe(false);
    // https links from window.open go to the browser; anything else goes nowhere.
    expect(record.openedExternal).toContain('https://www.imsglobal.org/');
    expect(record.openedExternal.some((u) => u.startsWith('javascript:'))).toBe(false);
  });

  it('answers IPC only from the app window and maps failures to IpcResult errors', () => {
    expect(record.probes.trustedInfo).toEqual({
      ok: true,
      data: { version: '9.9.9-fake', dataDir: join(userData, 'data'), platform: process.platform },
    });
    for (const key of ['untrustedSender', 'untrustedUrl', 'subFrame']) {
      expect(record.probes[key], key).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(record.probes.badInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(record.probes.openHttp).toMatchObject({ ok: false, error: { code: 'unsafe_url' } });
    expect(record.probes.openHttps).toEqual({ ok: true, data: { opened: true } });
    expect(record.openedExternal).toContain('https://example.org/docs');
  });
});
