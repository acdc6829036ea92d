import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider/index';
import {
  OPTIONAL_PATHS,
  REQUIRED_PATHS,
  closedPort,
  findingsOf,
  ruleIds,
  runVerify,
  targetArgs,
  tinyProvider,
} from './helpers';

/** `preflight verify` end to end against the real demo provider: exit codes, JSON report, checklist. */
describe('preflight verify (CLI)', () => {
  let provider: RunningProvider;

  beforeAll(async () => {
    provider = await tinyProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('passes every check on a healthy provider: exit 0, no findings, every endpoint with status, latency and total', async () => {
    provider.setFaults({});
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(0);
    const report = run.report!;
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({
      verdict: 'ready',
      counts: { blocker: 0, warning: 0, info: 0 },
      cancelled: false,
      onerosterVersion: '1.1',
    });
    expect(report.summary.target).toEqual({
      baseUrl: provider.baseUrl,
      authKind: 'oauth1',
      signatureMethod: 'HMAC-SHA256',
    });
    const byId = new Map(report.summary.checks.map((c) => [c.id, c]));
    for (const id of ['reach', 'base-path', 'auth', 'clock', 'paging', 'rate', 'latency'])
      expect(byId.get(id)?.status, id).toBe('pass');
    expect(byId.get('tls')?.status).toBe('skip'); // plain http on loopback
    const counts = provider.district.counts as unknown as Record<string, number>;
    for (const path of [...REQUIRED_PATHS, ...OPTIONAL_PATHS]) {
      const check = byId.get(`endpoint:${path}`);
      expect(check, path).toMatchObject({ status: 'pass', httpStatus: 200, sampleInvalid: 0 });
      expect(check!.latencyMs).toBeGreaterThanOrEqual(0);
      expect(check!.totalCount, path).toBe(counts[path.slice(1)]);
    }
    // The JSON on stdout is exactly the report; no progress chatter in --json mode.
    expect(Object.keys(JSON.parse(run.stdout) as object).sort()).toEqual(['findings', 'summary']);
    expect(run.stderr).toBe('');
  });

  it('prints a readable checklist on stdout and progress on stderr without --json', async () => {
    provider.setFaults({});
    const run = await runVerify(targetArgs(provider), provider.clientSecret);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ \/orgs\s+200 · \d+ ms · 3 total/);
    expect(run.stdout).toContain('Connection OK — 0 blockers, 0 warnings, 0 info');
    expect(run.stderr).toContain('… Checking 12 endpoints');
  });

  it('wrong secret → CONN-AUTH "replace the client secret", exit 1, and neither secret is printed', async () => {
    provider.setFaults({});
    const wrong = 'definitely-not-the-secret-42';
    const run = await runVerify([...targetArgs(provider), '--json'], wrong);
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-AUTH']);
    const [auth] = findingsOf(run.report, 'CONN-AUTH');
    expect(auth).toMatchObject({ severity: 'blocker', entityType: 'profile', sourcedId: provider.baseUrl });
    // The provider checked the signature, so it knows the key: the secret is what is wrong.
    expect(auth!.remedy).toContain('Replace the client secret');
    expect(auth!.message).toContain('Invalid OAuth signature');
    expect(auth!.detail).toMatchObject({ triedMethods: ['HMAC-SHA256', 'HMAC-SHA1'] });
    expect(run.stdout).not.toContain(provider.clientSecret);
  });

  it('--fail-on decides the exit code: a warning fails with --fail-on warning, passes by default; a blocker passes with never', async () => {
    provider.setFaults({ clampLimit: 7 });
    const strict = await runVerify(
      [...targetArgs(provider), '--json', '--fail-on', 'warning'],
      provider.clientSecret,
    );
    expect(strict.report!.summary.counts).toMatchObject({ blocker: 0, warning: 1 });
    expect(strict.code).toBe(1);
    const lenient = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(lenient.code).toBe(0);
    provider.setFaults({});
    const healthy = await runVerify(
      [...targetArgs(provider), '--json', '--fail-on', 'info'],
      provider.clientSecret,
    );
    expect(healthy.code).toBe(0);
    const never = await runVerify(
      [...targetArgs(provider), '--json', '--fail-on', 'never'],
      'wrong-secret-for-never',
    );
    expect(ruleIds(never.report)).toContain('CONN-AUTH');
    expect(never.code).toBe(0);
  });

  it('unreachable port → CONN-REACH, exit 1', async () => {
    const port = await closedPort();
    const run = await runVerify(
      [...targetArgs(provider, `http://127.0.0.1:${port}/ims/oneroster/v1p1`), '--json'],
      provider.clientSecret,
    );
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-REACH']);
    const [reach] = findingsOf(run.report);
    expect(reach).toMatchObject({
      severity: 'blocker',
      entityType: 'endpoint',
      sourcedId: '/orgs',
      detail: { errno: 'ECONNREFUSED' },
    });
    expect(reach!.remedy).toContain(`127.0.0.1:${port}`);
  });

  it('usage errors exit 2 with a hint (secret variable not set, bad --fail-on)', async () => {
    const missing = await runVerify(
      ['--base-url', provider.baseUrl, '--client-id', 'x', '--client-secret-env', 'NOT_SET_ANYWHERE'],
      provider.clientSecret,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NOT_SET_ANYWHERE is not set');
    const badFailOn = await runVerify(
      [...targetArgs(provider), '--fail-on', 'sometimes'],
      provider.clientSecret,
    );
    expect(badFailOn.code).toBe(2);
    expect(badFailOn.stderr).toMatch(/--fail-on/);
  });
});
