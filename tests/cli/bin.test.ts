import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import { fakeSecret, filesContaining, listFiles } from '../secrets/no-leak';

// The real `preflight` executable: node + tsx + electron/cli/index.ts, as users run it.
const dataDir = mkdtempSync(join(tmpdir(), 'preflight-bin-'));
afterAll(async () => {
  const services = createServices({ dataDir });
  for (const p of await services.profiles.list().catch(() => [])) await services.vault.deleteAll(p.id);
  rmSync(dataDir, { recursive: true, force: true });
});

function preflight(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const res = spawnSync(process.execPath, ['bin/preflight.js', ...args], {
    input: options.input ?? '',
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('bin/preflight.js', () => {
  it('exits 0 on success and 2 on a usage error', () => {
    const add = preflight([
      'profiles',
      'add',
      '--data-dir',
      dataDir,
      '--name',
      'Bin District',
      '--base-url',
      'https://or.example.org/v1p1',
      '--client-id',
      'k',
    ]);
    expect(add, add.err).toMatchObject({
      code: 0,
      out: expect.stringMatching(/Saved profile "Bin District"/),
    });

    const bad = preflight(['profiles', 'add', '--data-dir', dataDir, '--name', 'X']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/error: required option '--base-url <url>' not specified/);
    expect(bad.out).toBe('');
  });

  it('stores a piped secret in the real keychain without printing or writing it', async () => {
    const secret = fakeSecret('bin');
    const set = preflight(['secret', 'set', '--data-dir', dataDir, '--profile', 'Bin District'], {
      input: `${secret}\n`,
    });
    expect(set, set.err).toMatchObject({ code: 0, err: '' });
    const services = createServices({ dataDir });
    const profile = await services.profiles.getByName('Bin District');
    expect(await services.vault.getSecret(profile.id, 'oneroster.clientSecret')).toBe(secret);
    expect(set.out + set.err).not.toContain(secret);
    expect(filesContaining(dataDir, secret)).toEqual([]);
  });

  it('without a keychain: exit 2, a clear message and hint, and no plain-text copy anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-bin-nokc-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/preflight-test-bus',
      };
      delete env.DISPLAY;
      // Profiles need no keychain; create one in-process to save a process start.
      await createServices({ dataDir: dir }).profiles.create({
        name: 'N',
        oneroster: { baseUrl: 'https://a.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
      });
      const secret = fakeSecret('nokc');
      const res = preflight(['secret', 'set', '--data-dir', dir, '--profile', 'N'], { input: secret, env });
      expect(res.code).toBe(2);
      expect(res.err).toMatch(
        /^error \(keychain_unavailable\): No OS keychain is available \(Secret Service \/ gnome-keyring on Linux\)/,
      );
      expect(res.err).toMatch(/hint: Install and unlock one .*secrets are never stored in plain text/);
      expect(res.out + res.err).not.toContain(secret);
      expect(filesContaining(dir, secret)).toEqual([]);
      expect(listFiles(dir)).toEqual(['logs/preflight.log', 'profiles.json']);
      // Listing still works, and says the secret status is unknown rather than failing.
      const list = preflight(['profiles', 'list', '--data-dir', dir], { env });
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/N\s+oauth1-sha256\s+\S+\s+unknown/);
      expect(list.err).toMatch(/warning: secret status unknown — No OS keychain is available/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
