import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeSecret, filesContaining, listFiles } from './no-leak';

const dataDir = mkdtempSync(join(tmpdir(), 'preflight-nokeychain-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The environment of a machine with no Secret Service: the session bus address leads nowhere. */
function noKeychainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/preflight-test-bus',
  };
  delete env.DISPLAY;
  return env;
}

describe('no OS keychain (child process, real keytar, D-Bus pointing nowhere)', () => {
  const secret = fakeSecret('nokeychain');
  const child = spawnSync(
    process.execPath,
    ['bin/run-ts.js', 'tests/secrets/fixtures/no-keychain.ts', dataDir],
    {
      input: secret,
      env: noKeychainEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

  it('fails every secret operation with keychain_unavailable, a plain message and a hint', () => {
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as Record<
      string,
      { ok: boolean; code?: string; message?: string; hint?: string }
    >;
    for (const op of ['set', 'status', 'target', 'remove']) {
      expect(result[op], op).toMatchObject({ ok: false, code: 'keychain_unavailable' });
      expect(result[op]?.message).toMatch(
        /^No OS keychain is available \(Secret Service \/ gnome-keyring on Linux\)/,
      );
      expect(result[op]?.hint).toMatch(/Install and unlock one.*secrets are never stored in plain text/);
    }
  });

  it('writes no plain-text secret anywhere: not in the data folder, logs, output or messages', () => {
    expect(filesContaining(dataDir, secret)).toEqual([]);
    expect(child.stdout).not.toContain(secret);
    expect(child.stderr).not.toContain(secret);
    // The failure was logged (with the secret in its fields) and redacted.
    const log = readFileSync(join(dataDir, 'logs', 'preflight.log'), 'utf8');
    expect(log).toContain('secret operation failed');
    expect(log).toContain('[REDACTED]');
    // Only the profile list and the log exist: no fallback secret file of any name.
    expect(listFiles(dataDir)).toEqual(['logs/preflight.log', 'profiles.json']);
  });

  it('keeps the profile when its secrets cannot be deleted (nothing is lost)', () => {
    const file = JSON.parse(readFileSync(join(dataDir, 'profiles.json'), 'utf8')) as {
      profiles: Array<{ name: string }>;
    };
    expect(file.profiles.map((p) => p.name)).toEqual(['No Keychain District']);
  });
});
