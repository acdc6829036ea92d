import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateConversion } from '../../electron/services/conversion';
import {
  ConversionWorker,
  type ConversionRequest,
} from '../../electron/services/conversion/conversion-thread';
import { buildPlan } from '../../electron/services/plan';
import type { RemapDecisions } from '../../shared/conversion/types';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { ImportMode } from '../../shared/sync/import-mode';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { storeBaseline, tempStores } from './helpers';

/**
 * The conversion thread (ConversionWorker): the same answer as `evaluateConversion` in process, and the calling
 * thread stays free while it works. The district is big enough that an inline conversion blocks the calling
 * thread for most of a second (5k users, ~40k enrollments), so the responsiveness check would fail inline.
 */
const stores = tempStores();
const worker = new ConversionWorker(stores.snapshots.dbPath);
let snapshotId = '';
let baselineId = '';

beforeAll(() => {
  const baseline = generateBaseline(
    { preset: 'small', users: 5_000, enrollmentsPerStudent: 8 },
    { oldSisIdShare: 0.05, absentShare: 0.05, claimedLogins: 3 },
  );
  snapshotId = writeDistrictSnapshot(stores.snapshots, baseline.district).snapshotId;
  baselineId = storeBaseline(stores.baselines, baseline);
}, 60_000);

afterAll(async () => {
  await worker.dispose();
  stores.cleanup();
});

function request(over: Partial<ConversionRequest> = {}): ConversionRequest {
  return {
    snapshotId,
    baselineId,
    mapping: DEFAULT_MAPPING_OPTIONS,
    decisions: {},
    importMode: ImportMode.parse({}),
    ...over,
  };
}

function inline(req: ConversionRequest) {
  return evaluateConversion({
    plan: buildPlan(stores.snapshots.db, req.snapshotId, req.mapping),
    baselineStore: stores.baselines,
    baselineId: req.baselineId,
    snapshotId: req.snapshotId,
    decisions: req.decisions,
    importMode: req.importMode,
  });
}

describe('ConversionWorker', () => {
  it('keeps the calling thread responsive while a conversion runs', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    delay.enable();
    try {
      const result = await worker.convert(request());
      expect(result.objects.length).toBeGreaterThan(5_000);
    } finally {
      delay.disable();
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
    expect(delay.max / 1e6).toBeLessThan(200);
  }, 60_000);

  it('answers exactly what evaluateConversion answers in process, decisions and import mode included', async () => {
    const first = inline(request());
    expect(first.proposals.length).toBeGreaterThan(10);
    const decisions: RemapDecisions = {};
    first.proposals.forEach((p, i) => {
      if (i % 3 === 0) decisions[p.id] = 'accepted';
      else if (i % 3 === 1) decisions[p.id] = 'rejected';
    });
    const termId = first.objects.find((o) => o.type === 'terms' && o.plannedId)?.plannedId;
    expect(termId).toBeTruthy();
    const req = request({
      decisions,
      importMode: ImportMode.parse({ mode: 'batch', termId, changeThreshold: 10 }),
    });
    const [fromWorker, again] = await Promise.all([worker.convert(req), worker.convert(request())]);
    expect(fromWorker).toEqual(inline(req));
    expect(again).toEqual(first);
    expect(fromWorker.summary.proposals.accepted).toBeGreaterThan(0);
  }, 60_000);

  it('rebuilds the plan for other mapping options (and after forget) with the same answer', async () => {
    const mapping = { ...DEFAULT_MAPPING_OPTIONS, courseMode: 'perCourseTermSchool' as const };
    worker.forget();
    const req = request({ mapping });
    expect(await worker.convert(req)).toEqual(inline(req));
  }, 60_000);

  it('a newer request with the same key replaces a queued one; others still run', async () => {
    const running = worker.convert(request(), 'district');
    const replaced = worker.convert(request({ decisions: {} }), 'district');
    const other = worker.convert(request(), 'preview');
    const newest = worker.convert(request(), 'district');
    await expect(replaced).rejects.toMatchObject({ code: 'conversion_superseded' });
    const [a, b, c] = await Promise.all([running, other, newest]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  }, 60_000);

  it('reports a missing baseline with its code and hint, and keeps working', async () => {
    await expect(worker.convert(request({ baselineId: 'no-such-baseline' }))).rejects.toMatchObject({
      code: 'baseline_not_found',
      hint: expect.stringContaining('provisioning report'),
    });
    const ok = await worker.convert(request());
    expect(ok.summary.baselineId).toBe(baselineId);
  }, 60_000);

  it('rejects what is still queued when disposed', async () => {
    const own = new ConversionWorker(stores.snapshots.dbPath);
    const first = expect(own.convert(request())).rejects.toMatchObject({ code: 'conversion_failed' });
    const queued = expect(own.convert(request())).rejects.toMatchObject({ code: 'conversion_failed' });
    await own.dispose();
    await first;
    await queued;
    await expect(own.convert(request())).rejects.toMatchObject({ code: 'conversion_failed' });
  }, 60_000);
});
