import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSnapshot, type Evaluation } from '../../electron/services/evaluate';
import { runRuleModulesInWorker } from '../../electron/services/evaluate/rules-thread';
import { DEFECTS } from '../../electron/services/demo-provider/district/defects';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { DEFAULT_MAPPING_OPTIONS, RuleSettings } from '../../shared/mapping/options';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

/**
 * The rules in a worker thread (own read-only connection, in parallel with the planner) must give exactly
 * what they give on the calling thread: a small district with every known data defect, evaluated both ways.
 */
let dir: string;
let store: SnapshotStore;
let snapshotId: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-rules-thread-'));
  store = openSnapshotStore(dir);
  const defects = Object.keys(DEFECTS).map((kind) => ({ kind }));
  ({ snapshotId } = writeDistrictSnapshot(store, { preset: 'small', defects }));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything but the clock (evaluatedAt, durations, timings). */
const comparable = (e: Evaluation) =>
  JSON.stringify({
    summary: { ...e.summary, evaluatedAt: null, durationMs: null },
    plan: e.plan,
    findings: e.findings,
    rawFindings: e.rawFindings,
    canvasPlan: e.canvasPlan,
    modules: e.timings.modules.map((m) => [m.module, m.findings, m.error]),
  });

describe('rules in a worker thread', () => {
  it('give byte for byte the result of the in-process rules', async () => {
    const settings = RuleSettings.parse({ muted: ['USER-NO-EMAIL'] });
    const inline = await evaluateSnapshot({ store, snapshotId, settings, rulesThread: 'inline' });
    const worker = await evaluateSnapshot({ store, snapshotId, settings, rulesThread: 'worker' });
    expect(inline.timings.rulesThread).toBe('inline');
    expect(worker.timings.rulesThread).toBe('worker');
    expect(new Set(inline.findings.map((f) => f.ruleId)).size).toBeGreaterThan(5);
    expect(inline.summary.failedModules).toEqual([]);
    expect(comparable(worker)).toBe(comparable(inline));
  });

  it('are not started for a small snapshot, nor for custom modules', async () => {
    expect((await evaluateSnapshot({ store, snapshotId })).timings.rulesThread).toBe('inline');
    const none = await evaluateSnapshot({ store, snapshotId, modules: [], rulesThread: 'worker' });
    expect(none.timings.rulesThread).toBe('inline');
  });

  it('report a database the thread cannot open as a coded error', async () => {
    await expect(
      runRuleModulesInWorker(join(dir, 'missing.sqlite'), snapshotId, DEFAULT_MAPPING_OPTIONS),
    ).rejects.toMatchObject({ code: 'evaluate_rules_failed', hint: expect.any(String) });
  });
});
