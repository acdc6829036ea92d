import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider/index';
import {
  OPTIONAL_PATHS,
  REQUIRED_PATHS,
  findingsOf,
  ruleIds,
  runVerify,
  targetArgs,
  tinyProvider,
} from './helpers';

/** Base path, per-endpoint access, paging and rate limiting, each driven by a real provider fault. */
describe('preflight verify: endpoints, paging, rate', () => {
  let provider: RunningProvider;

  beforeAll(async () => {
    provider = await tinyProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('base URL without /ims/oneroster/v1p1 → CONN-BASE-PATH suggesting the working base, then checks the rest with it', async () => {
    provider.setFaults({});
    const run = await runVerify([...targetArgs(provider, provider.origin), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-BASE-PATH']);
    const [finding] = findingsOf(run.report);
    expect(finding).toMatchObject({ severity: 'blocker', entityType: 'profile', sourcedId: provider.origin });
    expect(finding!.detail).toMatchObject({ suggestedBaseUrl: provider.baseUrl });
    expect(finding!.remedy).toBe(`Change the base URL to ${provider.baseUrl}.`);
    const checks = new Map(run.report!.summary.checks.map((c) => [c.id, c.status]));
    expect(checks.get('base-path')).toBe('fail');
    expect(checks.get('endpoint:/enrollments')).toBe('pass');
  });

  it('a base URL with the wrong version segment (…/v1p2) gets the v1p1 base suggested', async () => {
    provider.setFaults({});
    const run = await runVerify(
      [...targetArgs(provider, `${provider.origin}/ims/oneroster/v1p2`), '--json'],
      provider.clientSecret,
    );
    expect(findingsOf(run.report, 'CONN-BASE-PATH')[0]!.detail).toMatchObject({
      suggestedBaseUrl: provider.baseUrl,
    });
  });

  it('403 on /enrollments → CONN-FORBIDDEN on /enrollments (blocker); the other endpoints pass', async () => {
    provider.setFaults({ forbidden: ['/enrollments'] });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => [f.ruleId, f.sourcedId, f.severity])).toEqual([
      ['CONN-FORBIDDEN', '/enrollments', 'blocker'],
    ]);
    const [finding] = findingsOf(run.report);
    expect(finding).toMatchObject({ entityType: 'endpoint', detail: { status: 403, required: true } });
    expect(finding!.remedy).toMatch(/share enrollments with this application/);
    const checks = new Map(run.report!.summary.checks.map((c) => [c.id, c]));
    expect(checks.get('endpoint:/enrollments')).toMatchObject({
      status: 'fail',
      httpStatus: 403,
      ruleIds: ['CONN-FORBIDDEN'],
    });
    for (const path of REQUIRED_PATHS.filter((p) => p !== '/enrollments'))
      expect(checks.get(`endpoint:${path}`)?.status, path).toBe('pass');
  });

  it('403 on an optional endpoint (/demographics) is a warning, not a blocker', async () => {
    provider.setFaults({ forbidden: ['/demographics'] });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(0);
    expect(run.report!.findings.map((f) => [f.ruleId, f.sourcedId, f.severity])).toEqual([
      ['CONN-FORBIDDEN', '/demographics', 'warning'],
    ]);
  });

  it('a failing optional endpoint → CONN-ENDPOINT warning; a failing required one → blocker', async () => {
    provider.setFaults({ notFound: ['/gradingPeriods', '/teachers'] });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => [f.ruleId, f.sourcedId, f.severity])).toEqual([
      ['CONN-ENDPOINT', '/teachers', 'blocker'],
      ['CONN-ENDPOINT', '/gradingPeriods', 'warning'],
    ]);
  });

  it('429s → CONN-RATE with the rate that worked, and the run still completes every check', async () => {
    provider.setFaults({ rate429: { every: 4 } });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(0);
    expect(ruleIds(run.report)).toEqual(['CONN-RATE']);
    const [rate] = findingsOf(run.report);
    expect(rate).toMatchObject({ severity: 'warning', entityType: 'endpoint' });
    const detail = rate!.detail as {
      count429: number;
      concurrency: number;
      requestsPerSecond: number;
      suggestedConcurrency: number;
    };
    expect(detail.count429).toBeGreaterThan(0);
    expect(detail.concurrency).toBe(4);
    expect(detail.requestsPerSecond).toBeGreaterThan(0);
    expect(rate!.remedy).toContain(`concurrency for this district to ${detail.suggestedConcurrency}`);
    const checks = run.report!.summary.checks;
    for (const path of [...REQUIRED_PATHS, ...OPTIONAL_PATHS])
      expect(checks.find((c) => c.id === `endpoint:${path}`)?.status, path).toBe('pass');
    expect(checks.find((c) => c.id === 'paging')?.status).toBe('pass');
    expect(provider.stats().served429).toBeGreaterThan(0);
  });

  it('clamped limit → CONN-PAGING saying what the pull will do', async () => {
    provider.setFaults({ clampLimit: 7 });
    const run = await runVerify(
      [...targetArgs(provider), '--json', '--page-size', '500'],
      provider.clientSecret,
    );
    expect(ruleIds(run.report)).toEqual(['CONN-PAGING']);
    const [paging] = findingsOf(run.report);
    expect(paging).toMatchObject({
      severity: 'warning',
      entityType: 'endpoint',
      detail: { requestedLimit: 500, servedPerPage: 7 },
    });
    expect(paging!.message).toContain('at most 7 records per page although 500 were requested');
    expect(paging!.remedy).toMatch(/The pull adapts: pages of 7/);
  });

  it('missing X-Total-Count → CONN-PAGING; envelope quirks and statusInfoSet in a 200 → CONN-ENVELOPE per endpoint', async () => {
    provider.setFaults({ omitTotalCount: true, envelopeKeys: { '/students': 'students' } });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(0);
    const paging = findingsOf(run.report, 'CONN-PAGING');
    expect(paging).toHaveLength(1);
    expect(paging[0]!.message).toContain('X-Total-Count is missing on every endpoint');
    expect(findingsOf(run.report, 'CONN-ENVELOPE').map((f) => f.sourcedId)).toEqual(['/students']);
    expect(findingsOf(run.report, 'CONN-ENVELOPE')[0]!.message).toContain(
      'under "students" instead of "users"',
    );

    provider.setFaults({ statusInfoWarningIn200: true });
    const warned = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(
      findingsOf(warned.report, 'CONN-ENVELOPE')
        .map((f) => f.sourcedId)
        .sort(),
    ).toEqual([...REQUIRED_PATHS, ...OPTIONAL_PATHS].sort());
  });
});
