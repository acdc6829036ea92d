import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider/index';
import { COLLECTIONS } from '../../shared/oneroster/endpoints';
import { findingsOf, runVerify, targetArgs, tinyProvider } from './helpers';

/** `preflight verify` against the demo provider's OneRoster 1.2 mode (v1p2 rostering path, OAuth 2 only, roles[]). */

let provider: RunningProvider;
beforeAll(async () => {
  provider = await tinyProvider({ version: '1.2' });
});
afterAll(async () => {
  await provider?.close();
});

const oauth2 = (p: RunningProvider): string[] => ['--auth', 'oauth2', '--token-url', p.tokenUrl];

describe('preflight verify against a OneRoster 1.2 provider', () => {
  it('passes every endpoint check on the 1.2 paths, reports version 1.2, and reads roles[] users as valid', async () => {
    const run = await runVerify(
      [...targetArgs(provider), ...oauth2(provider), '--json'],
      provider.clientSecret,
    );
    expect(run.code).toBe(0);
    const summary = run.report!.summary;
    expect(summary.onerosterVersion).toBe('1.2');
    expect(summary.counts.blocker).toBe(0);
    // 1.2-shaped users are the standard at a 1.2 base: no CONN-ENVELOPE "non-standard shape" warning.
    expect(findingsOf(run.report)).toEqual([]);
    const base = summary.checks.find((c) => c.id === 'base-path');
    expect(base).toMatchObject({ status: 'pass', detail: provider.baseUrl });
    const endpoints = summary.checks.filter((c) => c.id.startsWith('endpoint:'));
    expect(endpoints.map((c) => c.endpoint)).toEqual(COLLECTIONS.map((c) => c.path));
    for (const c of endpoints) {
      expect(c.status, c.id).toBe('pass');
      expect(c.sampleSize, c.id).toBeGreaterThan(0);
      expect(c.sampleInvalid, c.id).toBe(0);
    }
    const users = endpoints.find((c) => c.endpoint === '/users')!;
    expect(users.detail).not.toContain('not valid');
    expect(run.stdout).not.toContain(provider.clientSecret);
  });

  it('the plain-text report names the version it talked to', async () => {
    const run = await runVerify([...targetArgs(provider), ...oauth2(provider)], provider.clientSecret);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verify ${provider.baseUrl} (OneRoster 1.2, OAuth 2 client credentials)`);
  });

  it('asks for the 1.2 scope names first (a provider that only knows those passes auth with them)', async () => {
    const v12 = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
    const strict = await tinyProvider({
      version: '1.2',
      auth: {
        oauth2: {
          // Its token endpoint refuses the 1.1 names. (The demo provider's per-endpoint scope check knows only
          // the 1.1 names, so it stays off here.)
          acceptedScopes: [`${v12}roster-core.readonly`, `${v12}roster.readonly`],
        },
      },
    });
    try {
      const run = await runVerify([...targetArgs(strict), ...oauth2(strict), '--json'], strict.clientSecret);
      expect(run.code).toBe(0);
      const auth = run.report!.summary.checks.find((c) => c.id === 'auth');
      expect(auth).toMatchObject({
        status: 'pass',
        detail: `scope: ${v12}roster-core.readonly ${v12}roster.readonly`,
      });
      expect(findingsOf(run.report)).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('a 1.1 base URL given for this 1.2-only provider gets the v1p2 rostering path suggested', async () => {
    const v1p1 = `${new URL(provider.baseUrl).origin}/ims/oneroster/v1p1`;
    const run = await runVerify(
      [...targetArgs(provider, v1p1), ...oauth2(provider), '--json'],
      provider.clientSecret,
    );
    expect(run.code).not.toBe(0);
    const [finding, ...more] = findingsOf(run.report, 'CONN-BASE-PATH');
    expect(more).toEqual([]);
    expect(finding!.detail).toMatchObject({ suggestedBaseUrl: provider.baseUrl });
    expect(finding!.message).toContain(provider.baseUrl);
    // The endpoint checks continued at the suggestion, so the version is the one it talked to there.
    expect(run.report!.summary.onerosterVersion).toBe('1.2');
    const endpoints = run.report!.summary.checks.filter((c) => c.id.startsWith('endpoint:'));
    expect(endpoints.length).toBe(COLLECTIONS.length);
    expect(endpoints.every((c) => c.status === 'pass')).toBe(true);
  });
});
