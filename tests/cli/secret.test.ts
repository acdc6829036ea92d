import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import { fakeSecret, filesContaining } from '../secrets/no-leak';
import { readLog, run } from './run';

const dataDir = mkdtempSync(join(tmpdir(), 'preflight-cli-secret-'));
const services = createServices({ dataDir });
let profileId = '';
const outputs: string[] = [];
const secrets: string[] = [];

/** Runs the CLI and keeps every byte it printed, for the leak check at the end. */
const cli = async (argv: string[], stdin?: string) => {
  const res = await run([...argv, '--data-dir', dataDir], stdin === undefined ? {} : { stdin });
  outputs.push(res.out, res.err);
  return res;
};

beforeAll(async () => {
  profileId = (
    await services.profiles.create({
      name: 'Springfield USD',
      oneroster: { baseUrl: 'https://or.example.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
    })
  ).id;
});
afterAll(async () => {
  await services.vault.deleteAll(profileId);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('preflight secret', () => {
  it('set reads stdin (one trailing newline trimmed), status shows it, delete removes it', async () => {
    const secret = fakeSecret();
    secrets.push(secret);
    const set = await cli(
      ['secret', 'set', '--profile', 'springfield usd', '--kind', 'oneroster.clientSecret'],
      `${secret}\n`,
    );
    expect(set).toMatchObject({
      code: 0,
      err: '',
      out: 'Stored oneroster.clientSecret for "Springfield USD" in the OS keychain.\n',
    });
    expect(await services.vault.getSecret(profileId, 'oneroster.clientSecret')).toBe(secret);

    const status = await cli(['secret', 'status', '--profile', 'Springfield USD']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/oneroster\.clientSecret\s+stored in keychain/);
    expect(status.out).toMatch(/canvas\.token\s+not stored/);
    const json = JSON.parse((await cli(['secret', 'status', '--profile', 'Springfield USD', '--json'])).out);
    expect(json).toEqual({
      profile: { id: profileId, name: 'Springfield USD' },
      secrets: { 'oneroster.clientSecret': true, 'canvas.token': false },
    });

    expect(
      (await cli(['secret', 'delete', '--profile', 'Springfield USD', '--kind', 'oneroster.clientSecret']))
        .out,
    ).toMatch(/^Deleted oneroster\.clientSecret/);
    expect(
      (await cli(['secret', 'delete', '--profile', 'Springfield USD', '--kind', 'oneroster.clientSecret']))
        .out,
    ).toMatch(/^No oneroster\.clientSecret was stored/);
    expect(await services.vault.hasSecret(profileId, 'oneroster.clientSecret')).toBe(false);
  });

  it('--kind defaults to the OneRoster client secret; CRLF is trimmed once; delete --all clears every kind', async () => {
    const clientSecret = fakeSecret('or');
    const token = fakeSecret('canvas');
    secrets.push(clientSecret, token);
    expect((await cli(['secret', 'set', '--profile', 'Springfield USD'], `${clientSecret}\r\n`)).code).toBe(
      0,
    );
    expect(
      (await cli(['secret', 'set', '--profile', 'Springfield USD', '--kind', 'canvas.token'], token)).code,
    ).toBe(0);
    expect(await services.vault.getSecret(profileId, 'oneroster.clientSecret')).toBe(clientSecret);
    expect(await services.vault.getSecret(profileId, 'canvas.token')).toBe(token);
    expect((await cli(['secret', 'delete', '--profile', 'Springfield USD', '--all'])).out).toBe(
      'Deleted 2 secrets for "Springfield USD".\n',
    );
    expect(await services.vault.status(profileId)).toEqual({
      'oneroster.clientSecret': false,
      'canvas.token': false,
    });
  });

  it('rejects empty or malformed stdin with a hint and stores nothing', async () => {
    const empty = await cli(['secret', 'set', '--profile', 'Springfield USD'], '');
    expect(empty).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /No secret was given on stdin[\s\S]*hint: Pipe it in: printf %s "\$SECRET" \| preflight secret set/,
      ),
    });
    const twoLines = await cli(['secret', 'set', '--profile', 'Springfield USD'], 'abc\n\n');
    expect(twoLines).toMatchObject({ code: 2, err: expect.stringMatching(/error \(invalid_secret\)/) });
    expect(await services.vault.hasSecret(profileId, 'oneroster.clientSecret')).toBe(false);
  });

  it.each([
    [
      ['secret', 'set', '--profile', 'Springfield USD', '--kind', 'password'],
      /Allowed choices are oneroster\.clientSecret, canvas\.token/,
    ],
    [['secret', 'set'], /required option '--profile <name>'/],
    [['secret', 'set', '--profile', 'Springfield USD', 'my-secret-on-argv'], /too many arguments/],
    [['secret', 'delete', '--profile', 'Springfield USD'], /--kind KIND or --all/],
    [
      ['secret', 'delete', '--profile', 'Springfield USD', '--all', '--kind', 'canvas.token'],
      /--kind KIND or --all/,
    ],
    [['secret', 'status', '--profile', 'Nobody'], /profile_not_found/],
  ])('%j exits 2 with an explanation', async (argv, message) => {
    const res = await cli(argv, 'unused');
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
  });

  it('no output, log line or data-folder file ever contained a stored secret', () => {
    expect(secrets.length).toBeGreaterThan(0);
    const log = readLog(dataDir);
    expect(log).toMatch(/secret stored .*"kind":"oneroster.clientSecret"/);
    for (const secret of secrets) {
      for (const text of [...outputs, log]) expect(text).not.toContain(secret);
      expect(filesContaining(dataDir, secret)).toEqual([]);
    }
  });
});
