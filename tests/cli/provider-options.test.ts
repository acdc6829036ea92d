import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createServices } from '../../electron/services/container';
import { addTargetOptions, resolveTarget } from '../../electron/cli/provider-options';
import type { TargetOptions } from '../../electron/cli/provider-options';
import { redact } from '../../electron/services/logging/redact';
import { fakeSecret } from '../secrets/no-leak';
import { run } from './run';
import { cliHint } from '../../electron/cli/hints';
import type { ServiceError } from '../../shared/errors';

const dataDir = mkdtempSync(join(tmpdir(), 'preflight-cli-target-'));
const services = createServices({ dataDir });
let profileId = '';
const secret = fakeSecret();

beforeAll(async () => {
  const p = await services.profiles.create({
    name: 'Saved District',
    oneroster: {
      baseUrl: 'https://saved.example.org/v1p1',
      clientId: 'saved-key',
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA1' },
    },
  });
  profileId = p.id;
  await services.vault.setSecret(p.id, 'oneroster.clientSecret', secret);
});
afterAll(async () => {
  await services.vault.deleteAll(profileId);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Parses ARGV with the real option set, then resolves the target. */
async function resolveArgs(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const cmd = addTargetOptions(new Command('t').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(argv, { from: 'user' });
  return resolveTarget(cmd.opts<TargetOptions>(), services, env);
}

describe('CLI target resolution (shared by verify and pull)', () => {
  it('--profile NAME reads the secret from the keychain', async () => {
    const t = await resolveArgs(['--profile', 'saved district']);
    expect(t).toMatchObject({
      saved: true,
      baseUrl: 'https://saved.example.org/v1p1',
      clientId: 'saved-key',
      clientSecret: secret,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA1' },
    });
    expect(t.profile.id).toBe(profileId);
  });

  it('--base-url/--client-id/--client-secret-env builds an unsaved target; the env secret is redacted from then on', async () => {
    const envSecret = fakeSecret('env');
    const t = await resolveArgs(
      [
        '--base-url',
        'https://adhoc.example.org/ims/oneroster/v1p1',
        '--client-id',
        'ad',
        '--client-secret-env',
        'OR_SECRET',
        '--auth',
        'oauth2',
        '--token-url',
        'https://adhoc.example.org/token',
      ],
      { OR_SECRET: `${envSecret}\n` },
    );
    expect(t).toMatchObject({
      saved: false,
      baseUrl: 'https://adhoc.example.org/ims/oneroster/v1p1',
      clientId: 'ad',
      clientSecret: envSecret,
      auth: { kind: 'oauth2', tokenUrl: 'https://adhoc.example.org/token', scope: '' },
      profile: { id: 'ad-hoc', name: 'adhoc.example.org', oneroster: { pageSize: 1000 } },
    });
    expect(redact(`x ${envSecret} y`)).toBe('x [REDACTED] y');
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['Saved District']);
  });

  it.each([
    [[], {}, /Say which OneRoster provider/],
    [
      ['--profile', 'Saved District', '--base-url', 'https://x.org'],
      {},
      /--profile cannot be combined with --base-url/,
    ],
    [['--base-url', 'https://x.org', '--client-id', 'a'], {}, /Missing --client-secret-env/],
    [
      ['--base-url', 'https://x.org', '--client-id', 'a', '--client-secret-env', 'NOT_SET'],
      {},
      /NOT_SET is not set, or too short/,
    ],
    [
      ['--base-url', 'https://x.org', '--client-id', 'a', '--client-secret-env', 'S', '--scope', 'x'],
      { S: 'secret-value' },
      /only apply to --auth oauth2/,
    ],
  ])('%j is a usage error with a hint', async (argv, env, message) => {
    const error = await resolveArgs(argv, env).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'usage',
      message: expect.stringMatching(message),
      hint: expect.any(String),
    });
  });

  it('an invalid ad-hoc URL is reported field by field', async () => {
    await expect(
      resolveArgs(['--base-url', 'nope', '--client-id', 'a', '--client-secret-env', 'S'], {
        S: 'secret-value',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_profile',
      detail: { fields: { 'oneroster.baseUrl': expect.any(String) } },
    });
  });

  it('--client-secret on argv is refused (exit 2), explained, and never echoed', async () => {
    const argvSecret = fakeSecret('argv');
    const error = await resolveArgs(['--profile', 'Saved District', '--client-secret', argvSecret]).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/--client-secret is not accepted/),
      hint: expect.stringMatching(/--client-secret-env/),
    });

    // Through the real CLI (the verify command registers the same options).
    const res = await run([
      'verify',
      '--data-dir',
      dataDir,
      '--base-url',
      'https://x.org',
      '--client-id',
      'a',
      `--client-secret=${argvSecret}`,
    ]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /--client-secret is not accepted: a secret on the command line is saved in shell history/,
    );
    expect(res.err + res.out).not.toContain(argvSecret);
  });

  it('a profile without a stored secret fails with secret_missing and the exact command to fix it', async () => {
    const p = await services.profiles.create({
      name: 'Secretless',
      oneroster: { baseUrl: 'https://s.example.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
    });
    const error = await resolveArgs(['--profile', 'Secretless']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secret_missing', detail: { profile: 'Secretless' } });
    expect(cliHint((error as ServiceError).toData())).toContain(
      'preflight secret set --profile Secretless --kind oneroster.clientSecret',
    );
    await services.profiles.remove(p.id);
  });
});
