import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanvasClient } from '../../electron/services/canvas-api';
import {
  fetchBaselineViaApi,
  fetchBaselineViaReport,
  type BaselineFetchProgress,
} from '../../electron/services/canvas-baseline';
import {
  generateBaseline,
  startCanvasDouble,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';
import { BASELINE_TYPES, type BaselineType } from '../../shared/canvas/baseline';
import { evaluateConversion } from '../../electron/services/conversion';
import { buildPlan } from '../../electron/services/plan';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { tempStores } from './helpers';

const TOKEN = 'canvas-test-token-3f9c1a77e2b14d0c';
const scenarios = {
  seed: 5,
  absentShare: 0.1,
  oldSisIdShare: 0.2,
  claimedLogins: 3,
  sisIdTaken: 2,
  deletedHolders: 2,
  multiLogin: 3,
  renamedSchools: 1,
  renamedTerms: 1,
  orphanCourses: 2,
  crosslisted: 3,
};
const generated = generateBaseline({ preset: 'small' }, scenarios);
const stores = tempStores();
let double: RunningCanvasDouble;

beforeAll(async () => {
  double = await startCanvasDouble({
    baseline: generated,
    token: TOKEN,
    reportDelayMs: 150,
    throttle: { everyNth: 37 },
  });
});
afterAll(async () => {
  await double.close();
  stores.cleanup();
});

const client = () => new CanvasClient({ baseUrl: double.url, token: TOKEN, retryBaseMs: 5, retryMaxMs: 20 });

function sorted(rows: Iterable<unknown>): string[] {
  return [...rows].map((r) => JSON.stringify(r)).sort();
}
function stored(id: string, type: BaselineType): string[] {
  return sorted(stores.baselines.iterate(id, type));
}

describe('Canvas baseline fetch: API and provisioning report', () => {
  let apiId = '';
  let reportId = '';

  it('reads the baseline through the REST API, streaming pages into the store', async () => {
    const events: BaselineFetchProgress[] = [];
    const meta = await fetchBaselineViaApi({
      store: stores.baselines,
      client: client(),
      rootAccountId: '1',
      profileId: 'p1',
      canvasUrl: double.url,
      onProgress: (p) => events.push(p),
    });
    apiId = meta.id;
    expect(meta).toMatchObject({ status: 'complete', source: 'api', rootAccountId: '1', error: null });
    for (const type of BASELINE_TYPES) {
      expect(stored(meta.id, type), type).toEqual(sorted(generated[type]));
    }
    expect(meta.counts!.crosslisted).toBe(3);
    expect(meta.counts!.users.byStatus.deleted).toBe(2);
    // Per-page progress for every phase, with page counts that show Link paging at 100 per page.
    const phases = new Set(events.map((e) => e.phase));
    expect([...phases]).toEqual([
      'accounts',
      'terms',
      'courses',
      'sections',
      'users',
      'logins',
      'enrollments',
    ]);
    const lastUsers = events.filter((e) => e.phase === 'users').at(-1)!;
    expect(lastUsers.pages).toBe(Math.ceil(lastUsers.rows / 100));
    // The double throttled every 37th request and the client retried through it.
    expect(double.stats.throttled).toBeGreaterThan(0);
    expect(double.stats.byPath['GET /api/v1/accounts/:id/logins']).toBeGreaterThan(1);
  });

  it('reads the same baseline through the provisioning report', async () => {
    const events: BaselineFetchProgress[] = [];
    const meta = await fetchBaselineViaReport({
      store: stores.baselines,
      client: client(),
      rootAccountId: '1',
      profileId: 'p1',
      canvasUrl: double.url,
      pollIntervalMs: 20,
      onProgress: (p) => events.push(p),
    });
    reportId = meta.id;
    expect(meta).toMatchObject({ status: 'complete', source: 'report', problemCount: 0 });
    expect(events.some((e) => e.phase === 'report' && (e.percent ?? 0) > 0 && (e.percent ?? 0) < 100)).toBe(
      true,
    );
    expect(events.some((e) => e.phase === 'import' && e.type === 'users')).toBe(true);
    expect(double.stats.reports).toMatchObject({ started: 1, downloads: 1, blobWithAuth: 0 });
    expect(double.stats.reports.polls).toBeGreaterThan(1);
  });

  it('both sources store identical rows for every type', () => {
    for (const type of BASELINE_TYPES) expect(stored(reportId, type), type).toEqual(stored(apiId, type));
    const a = stores.baselines.get(apiId)!.counts;
    const r = stores.baselines.get(reportId)!.counts;
    expect(a).toEqual(r);
  });

  it('both sources give the same conversion: findings, proposals and counts', () => {
    const { snapshotId } = writeDistrictSnapshot(stores.snapshots, generated.district);
    const plan = buildPlan(stores.snapshots.db, snapshotId, DEFAULT_MAPPING_OPTIONS);
    const run = (baselineId: string) =>
      evaluateConversion({ plan, baselineStore: stores.baselines, baselineId, snapshotId });
    const viaApi = run(apiId);
    const viaReport = run(reportId);
    // The scenarios make every kind of CNV finding show up, so "equal" is not "both empty".
    expect(new Set(viaApi.findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(6);
    expect(viaReport.findings).toEqual(viaApi.findings);
    expect(viaReport.proposals).toEqual(viaApi.proposals);
    expect({ ...viaReport.summary, baselineId: '' }).toEqual({ ...viaApi.summary, baselineId: '' });
  });

  it('a cancelled API fetch leaves a failed baseline, never a complete one', async () => {
    const controller = new AbortController();
    const before = new Set(stores.baselines.list().map((b) => b.id));
    const run = fetchBaselineViaApi({
      store: stores.baselines,
      client: client(),
      rootAccountId: '1',
      canvasUrl: double.url,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'users' && p.pages === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'baseline_fetch_cancelled' });
    const fresh = stores.baselines.list().filter((b) => !before.has(b.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ status: 'failed', error: 'cancelled', source: 'api' });
    expect(fresh[0]!.counts!.users.total).toBe(0);
    expect(fresh[0]!.counts!.courses.total).toBe(generated.courses.length);
  });

  it('a cancelled report fetch stores nothing complete', async () => {
    const controller = new AbortController();
    const before = new Set(stores.baselines.list().map((b) => b.id));
    const run = fetchBaselineViaReport({
      store: stores.baselines,
      client: client(),
      rootAccountId: '1',
      canvasUrl: double.url,
      pollIntervalMs: 20,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'report') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'baseline_fetch_cancelled' });
    expect(stores.baselines.list().filter((b) => !before.has(b.id) && b.status === 'complete')).toEqual([]);
  });

  it('a wrong root account id fails before anything is stored', async () => {
    const before = stores.baselines.list().length;
    const run = fetchBaselineViaApi({
      store: stores.baselines,
      client: client(),
      rootAccountId: '999',
      canvasUrl: double.url,
    });
    await expect(run).rejects.toMatchObject({
      code: 'canvas_not_found',
      message: expect.stringContaining('999'),
    });
    expect(stores.baselines.list().length).toBe(before);
  });
});
