import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import { fakeSecret, filesContaining } from '../secrets/no-leak';
import { readLog, run } from './run';

const root = mkdtempSync(join(tmpdir(), 'preflight-cli-profiles-'));
const dirs: string[] = [];
let dataDir: string;
beforeEach(() => {
  dataDir = join(root, `d${dirs.length}`);
  dirs.push(dataDir);
});
afterAll(async () => {
  // Remove any keychain entries the tests left behind.
  for (const dir of dirs) {
    const services = createServices({ dataDir: dir });
    for (const p of await services.profiles.list().catch(() => [])) await services.vault.deleteAll(p.id);
  }
  rmSync(root, { recursive: true, force: true });
});

const add = (name: string, ...extra: string[]) =>
  run([
    'profiles',
    'add',
    '--data-dir',
    dataDir,
    '--name',
    name,
    '--base-url',
    'https://or.example.org/ims/oneroster/v1p1',
    '--client-id',
    'ck-1',
    ...extra,
  ]);

describe('preflight profiles', () => {
  it('add → list → list --json → remove, with exit code 0', async () => {
    expect(await run(['profiles', 'list', '--data-dir', dataDir])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/No profiles yet/),
    });

    const added = await add('Springfield USD', '--page-size', '250', '--concurrency', '8');
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/Saved profile "Springfield USD"/);
    expect(added.out).toMatch(/preflight secret set --profile "Springfield USD"/);
    expect(
      (
        await add(
          'Shelbyville',
          '--auth',
          'oauth2',
          '--token-url',
          'https://or.example.org/token',
          '--scope',
          'a b',
        )
      ).code,
    ).toBe(0);

    const list = await run(['profiles', 'list', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    const lines = list.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+AUTH\s+BASE URL\s+CLIENT SECRET$/);
    expect(lines[1]).toMatch(
      /^Shelbyville\s+oauth2\s+https:\/\/or\.example\.org\/ims\/oneroster\/v1p1\s+missing$/,
    );
    expect(lines[2]).toMatch(/^Springfield USD\s+oauth1-sha256\s+\S+\s+missing$/);

    const json = JSON.parse((await run(['profiles', 'list', '--json', '--data-dir', dataDir])).out);
    expect(json.problems).toEqual([]);
    expect(json.profiles).toHaveLength(2);
    expect(json.profiles[1]).toMatchObject({
      name: 'Springfield USD',
      oneroster: { pageSize: 250, concurrency: 8, clientId: 'ck-1' },
      secrets: { 'oneroster.clientSecret': false, 'canvas.token': false },
    });
    expect(json.profiles[0].oneroster.auth).toEqual({
      kind: 'oauth2',
      tokenUrl: 'https://or.example.org/token',
      scope: 'a b',
    });

    const removed = await run(['profiles', 'remove', 'springfield usd', '--data-dir', dataDir]);
    expect(removed).toMatchObject({
      code: 0,
      out: 'Removed profile "Springfield USD" and its keychain secrets.\n',
    });
    expect(
      JSON.parse((await run(['profiles', 'list', '--json', '--data-dir', dataDir])).out).profiles,
    ).toHaveLength(1);
  });

  it('add --secret-stdin stores the secret in the keychain and never prints it', async () => {
    const secret = fakeSecret();
    const res = await run(
      [
        'profiles',
        'add',
        '--data-dir',
        dataDir,
        '--name',
        'Piped',
        '--base-url',
        'https://or.example.org/v1p1',
        '--client-id',
        'k',
        '--secret-stdin',
      ],
      { stdin: `${secret}\n` },
    );
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Stored the client secret in the OS keychain/);
    const list = await run(['profiles', 'list', '--data-dir', dataDir]);
    expect(list.out).toMatch(/Piped\s+oauth1-sha256\s+\S+\s+stored in keychain/);
    const services = createServices({ dataDir });
    const profile = await services.profiles.getByName('Piped');
    expect(await services.vault.getSecret(profile.id, 'oneroster.clientSecret')).toBe(secret);
    for (const text of [res.out, res.err, list.out, list.err, readLog(dataDir)])
      expect(text).not.toContain(secret);
    expect(filesContaining(dataDir, secret)).toEqual([]);
  });

  it.each([
    [['profiles', 'add', '--name', 'x'], /required option '--base-url <url>' not specified/],
    [
      [
        'profiles',
        'add',
        '--name',
        'x',
        '--base-url',
        'https://a.org',
        '--client-id',
        'k',
        '--auth',
        'basic',
      ],
      /Allowed choices are oauth1-sha256, oauth1-sha1, oauth2/,
    ],
    [
      [
        'profiles',
        'add',
        '--name',
        'x',
        '--base-url',
        'https://a.org',
        '--client-id',
        'k',
        '--auth',
        'oauth2',
      ],
      /--auth oauth2 needs --token-url/,
    ],
    [
      ['profiles', 'add', '--name', 'x', '--base-url', 'https://a.org', '--client-id', 'k', '--scope', 's'],
      /only apply to --auth oauth2/,
    ],
    [
      [
        'profiles',
        'add',
        '--name',
        'x',
        '--base-url',
        'https://a.org',
        '--client-id',
        'k',
        '--page-size',
        '-3',
      ],
      /Expected a whole number/,
    ],
    [
      ['profiles', 'add', '--name', 'x', '--base-url', 'https://a.org', '--client-id', 'k', '--secret-stdin'],
      /stdin was empty/,
    ],
    [['profiles', 'list', 'extra'], /too many arguments/],
    [['profile', 'list'], /unknown command 'profile'[\s\S]*Did you mean profiles\?/],
  ])('usage error %j exits 2 with a readable message', async (argv, message) => {
    const res = await run([...argv, '--data-dir', dataDir]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(res.out).toBe('');
    expect(await createServices({ dataDir }).profiles.list()).toEqual([]);
  });

  it('a command group without a subcommand prints its usage and exits 2', async () => {
    const res = await run(['profiles']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/Usage: preflight profiles[\s\S]*list[\s\S]*add[\s\S]*remove/);
  });

  it('reports invalid fields, duplicate names and unknown profiles with codes and hints (exit 2)', async () => {
    const invalid = await add('Bad', '--base-url', 'not-a-url');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(
      /^error \(invalid_profile\): .*oneroster\.baseUrl: Enter a full http\(s\) URL/,
    );
    expect(invalid.err).toMatch(/hint: /);

    expect((await add('Springfield')).code).toBe(0);
    const dup = await add('SPRINGFIELD');
    expect(dup).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^error \(profile_name_taken\): A profile named "SPRINGFIELD" already exists/,
      ),
    });

    const missing = await run(['profiles', 'remove', 'Nowhere', '--data-dir', dataDir]);
    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /profile_not_found[\s\S]*hint: List profiles with `preflight profiles list`/,
      ),
    });
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await run(['profiles', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--data-dir <dir>/);
    expect(help.out).toMatch(/--secret-stdin/);
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('uses PREFLIGHT_DATA_DIR when --data-dir is absent, and --data-dir when both are given', async () => {
    const envDir = join(root, 'env-dir');
    dirs.push(envDir);
    expect(
      (
        await run(
          ['profiles', 'add', '--name', 'Env', '--base-url', 'https://a.org/v1p1', '--client-id', 'k'],
          { env: { PREFLIGHT_DATA_DIR: envDir } },
        )
      ).code,
    ).toBe(0);
    expect((await createServices({ dataDir: envDir }).profiles.list()).map((p) => p.name)).toEqual(['Env']);
    expect((await add('Flag')).code).toBe(0);
    const both = await run(['profiles', 'list', '--json', '--data-dir', dataDir], {
      env: { PREFLIGHT_DATA_DIR: envDir },
    });
    expect(JSON.parse(both.out).profiles.map((p: { name: string }) => p.name)).toEqual(['Flag']);
  });

  it('reports a corrupt profiles.json without touching it', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    createServices({ dataDir });
    writeFileSync(join(dataDir, 'profiles.json'), '{oops');
    const res = await run(['profiles', 'list', '--data-dir', dataDir]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /error \(profiles_corrupt\): The profile list .*profiles\.json cannot be read: it is not valid JSON/,
    );
    expect(res.err).toMatch(/hint: Preflight will not overwrite it/);
    expect((await add('After')).code).toBe(2);
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).toBe('{oops');
  });
});
