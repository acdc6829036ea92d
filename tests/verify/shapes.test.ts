import { SNAPSHOT_COLLECTIONS } from '../../shared/snapshots/collections';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDistrict, startProvider } from '../../electron/services/demo-provider/index';
import type { GeneratedDistrict, RunningProvider } from '../../electron/services/demo-provider/index';
import { withBuild } from '../../electron/services/demo-provider/district/model';
import { verifyConnection } from '../../electron/services/verify/index';
import { findingsOf, runVerify, targetArgs, tinyProvider } from './helpers';

/** What the provider serves, changed at the data level: empty collections, 1.2 shapes, slow pages. */
describe('verify: empty collections, 1.2 shapes, slow provider', () => {
  let provider: RunningProvider | undefined;
  afterEach(async () => {
    await provider?.close();
    provider = undefined;
  });

  function withTables(d: GeneratedDistrict, tables: Partial<GeneratedDistrict['tables']>): GeneratedDistrict {
    return { ...d, tables: { ...d.tables, ...tables } };
  }

  it('an empty required collection → CONN-EMPTY ("data may not be shared") on that endpoint', async () => {
    const d = generateDistrict({ preset: 'tiny' });
    const enrollments = d.tables.enrollments;
    provider = await startProvider({
      district: withTables(d, {
        enrollments: { ...enrollments, size: 0, id: enrollments.id, build: enrollments.build },
      }),
    });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(0);
    expect(run.report!.findings.map((f) => [f.ruleId, f.sourcedId, f.severity])).toEqual([
      ['CONN-EMPTY', '/enrollments', 'warning'],
    ]);
    expect(findingsOf(run.report)[0]!.remedy).toMatch(/sharing settings/);
  });

  it('1.2-shaped users (roles[]) on the v1p1 path → CONN-ENVELOPE on /users', async () => {
    const d = generateDistrict({ preset: 'tiny' });
    const users = withBuild(d.tables.users, (i, ctx) => {
      const { role, orgs, ...rest } = d.tables.users.build(i, ctx);
      return { ...rest, roles: [{ roleType: 'primary', role, org: (orgs as unknown[])[0] }] };
    });
    provider = await startProvider({ district: withTables(d, { users }) });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    const envelope = findingsOf(run.report, 'CONN-ENVELOPE');
    expect(envelope.map((f) => f.sourcedId)).toEqual(['/users']);
    expect(envelope[0]!.message).toContain('OneRoster 1.2 shape');
  });

  it('a 200 whose body is cut short (broken JSON) → CONN-ENDPOINT blocker on that endpoint', async () => {
    provider = await tinyProvider({ faults: { malformedJson: [{ path: '/courses', offset: 0 }] } });
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret);
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => [f.ruleId, f.sourcedId, f.severity])).toEqual([
      ['CONN-ENDPOINT', '/courses', 'blocker'],
    ]);
    expect(findingsOf(run.report)[0]!.message).toContain('not JSON');
  });

  it('p95 latency over 2 s → CONN-SLOW (info) with an estimated full-pull time', async () => {
    provider = await tinyProvider({ faults: { latencyMs: 2100 } });
    const report = await verifyConnection(
      {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
        pageSize: 50,
      },
      { concurrency: 12 },
    );
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['CONN-SLOW', 'info']]);
    expect(report.summary.verdict).toBe('ready');
    const [slow] = report.findings;
    const detail = slow!.detail as { p95Ms: number; estimatedPullMs: number; estimatedPages: number };
    expect(detail.p95Ms).toBeGreaterThan(2000);
    // Pages at 50 per page over the totals of the collections a pull fetches (not /students, /terms… aliases),
    // 12 in parallel, ~2.1 s each.
    const pulled = new Set<string>(SNAPSHOT_COLLECTIONS.map((c) => `/${c}`));
    const pages = report.summary.checks
      .filter((c) => c.endpoint && c.id.startsWith('endpoint:') && pulled.has(c.endpoint))
      .reduce((n, c) => n + Math.max(1, Math.ceil((c.totalCount ?? 0) / 50)), 0);
    expect(detail.estimatedPages).toBe(pages);
    expect(report.summary.pullForecast?.pages).toBe(pages);
    expect(detail.estimatedPullMs).toBeGreaterThan(2000 * Math.floor(pages / 12));
    expect(slow!.remedy).toMatch(/Expect a full pull of about/);
  }, 30_000);
});
