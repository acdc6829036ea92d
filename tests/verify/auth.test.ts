import { afterEach, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider/index';
import {
  REQUIRED_PATHS,
  SECRET_ENV,
  findingsOf,
  ruleIds,
  runVerify,
  targetArgs,
  tinyProvider,
} from './helpers';

/** 401 diagnosis: clock, signature method, OAuth 2 — each against a real provider configured that way. */
describe('preflight verify: authentication', () => {
  let provider: RunningProvider | undefined;
  afterEach(async () => {
    await provider?.close();
    provider = undefined;
  });

  it('server clock 15 min ahead → CONN-CLOCK saying by how much, not CONN-AUTH', async () => {
    provider = await tinyProvider({ faults: { clockSkewSec: 900 } });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-CLOCK']);
    const [clock] = findingsOf(run.report);
    expect(clock).toMatchObject({ severity: 'blocker', entityType: 'profile', sourcedId: provider.baseUrl });
    const skew = (clock!.detail as { skewSeconds: number }).skewSeconds;
    expect(Math.abs(skew - 900)).toBeLessThanOrEqual(2);
    expect(clock!.message).toMatch(/1[45] min .*behind the server/);
  });

  it('provider accepts only HMAC-SHA1 → CONN-AUTH suggesting HMAC-SHA1, and the other checks still run with it', async () => {
    provider = await tinyProvider({ auth: { oauth1Methods: ['HMAC-SHA1'] } });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    const [auth] = findingsOf(run.report);
    expect(auth!.remedy).toMatch(/Switch the signature method to HMAC-SHA1/);
    expect(auth!.detail).toEqual({ configured: 'HMAC-SHA256', works: 'HMAC-SHA1' });
    const checks = new Map(run.report!.summary.checks.map((c) => [c.id, c.status]));
    expect(checks.get('auth')).toBe('fail');
    for (const path of REQUIRED_PATHS) expect(checks.get(`endpoint:${path}`), path).toBe('pass');
  });

  it('wrong secret with a known key → "replace the secret", the provider\'s words, HTTP 401, endpoints listed as skipped', async () => {
    provider = await tinyProvider();
    const run = await runVerify([...targetArgs(provider), '--json'], 'not-the-secret');
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    const [auth] = findingsOf(run.report);
    expect(auth!.message).toMatch(
      /knows the client key but rejects the request signature: “Invalid OAuth signature/,
    );
    expect(auth!.remedy).toMatch(/^Replace the client secret/);
    expect(auth!.remedy).not.toMatch(/Switch the signature method/);
    expect(auth!.detail).toMatchObject({ status: 401, triedMethods: ['HMAC-SHA256', 'HMAC-SHA1'] });
    const checks = run.report!.summary.checks;
    expect(checks.find((c) => c.id === 'auth')).toMatchObject({ status: 'fail', httpStatus: 401 });
    for (const path of REQUIRED_PATHS) {
      expect(
        checks.find((c) => c.id === `endpoint:${path}`),
        path,
      ).toMatchObject({
        status: 'skip',
        detail: 'skipped until authentication passes',
      });
    }
  });

  it('unknown client key → "check the client key", without trying the other signature method', async () => {
    provider = await tinyProvider();
    const run = await runVerify(
      ['--base-url', provider.baseUrl, '--client-id', 'nobody', '--client-secret-env', SECRET_ENV, '--json'],
      provider.clientSecret,
    );
    const [auth] = findingsOf(run.report, 'CONN-AUTH');
    expect(auth!.message).toMatch(/does not recognise the client key: “Unknown oauth_consumer_key/);
    expect(auth!.remedy).toMatch(/^Check the client key/);
  });

  it('configured for SHA1 against a SHA-256-only provider → CONN-AUTH suggesting HMAC-SHA256', async () => {
    provider = await tinyProvider({ auth: { oauth1Methods: ['HMAC-SHA256'] } });
    const run = await runVerify(
      [...targetArgs(provider), '--auth', 'oauth1-sha1', '--json'],
      provider.clientSecret,
    );
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    expect(findingsOf(run.report)[0]!.remedy).toContain('Switch the signature method to HMAC-SHA256');
  });

  it('OAuth 2 client credentials: happy path passes with the scope that was granted', async () => {
    provider = await tinyProvider();
    const run = await runVerify(
      [...targetArgs(provider), '--auth', 'oauth2', '--token-url', provider.tokenUrl, '--json'],
      provider.clientSecret,
    );
    expect(run.code).toBe(0);
    expect(run.report!.findings).toEqual([]);
    expect(run.report!.summary.target.authKind).toBe('oauth2');
    const auth = run.report!.summary.checks.find((c) => c.id === 'auth');
    expect(auth).toMatchObject({ status: 'pass', label: 'Authentication (OAuth 2 client credentials)' });
    expect(auth!.detail).toContain('roster-core.readonly');
    expect(run.stdout).not.toMatch(/Bearer\s+\S{12,}/);
  });

  it('OAuth 2 with a wrong secret → CONN-AUTH about the token endpoint credentials', async () => {
    provider = await tinyProvider();
    const run = await runVerify(
      [...targetArgs(provider), '--auth', 'oauth2', '--token-url', provider.tokenUrl, '--json'],
      'wrong-oauth2-secret',
    );
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    const [auth] = findingsOf(run.report);
    expect(auth!.message).toContain('token endpoint rejected the client ID or secret');
    expect(auth!.detail).toMatchObject({ tokenUrl: provider.tokenUrl, status: 401 });
  });

  it('OAuth 2 with a wrong token URL → CONN-AUTH telling to check the token URL', async () => {
    provider = await tinyProvider();
    const run = await runVerify(
      [
        ...targetArgs(provider),
        '--auth',
        'oauth2',
        '--token-url',
        `${provider.origin}/not/the/token`,
        '--json',
      ],
      provider.clientSecret,
    );
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    expect(findingsOf(run.report)[0]!.remedy).toMatch(/token URL/);
  });
});
