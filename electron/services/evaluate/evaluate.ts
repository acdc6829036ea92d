import { DEFAULT_MAPPING_OPTIONS, RuleSettings, type MappingOptions } from '../../../shared/mapping/options';
import { summarise } from '../../../shared/evaluate/summary';
import type { EvaluationResult, EvaluationSummary, PlanSummary } from '../../../shared/evaluate/result';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import { ServiceError } from '../../../shared/errors';
import { buildPlan, planCounts } from '../plan';
import { applyRuleSettings } from '../../../shared/evaluate/apply-settings';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { runRuleModules, type ModuleRun, type RawRuleRun } from '../rules/runner';
import type { RuleModule } from '../rules/types';
import type { SnapshotStore } from '../snapshots/store';
import { buildPlanInWorker } from './plan-thread';
import { runRuleModulesInWorker } from './rules-thread';

/**
 * Where the rule modules run. 'worker': a worker thread with its own read-only connection, in parallel with
 * the planner (two cores; the caller's thread is free meanwhile). 'inline': on the calling thread after the
 * planner. 'auto': the worker from WORKER_MIN_RECORDS stored records on (below that, starting a thread costs
 * more than the overlap saves).
 */
export type RulesThread = 'auto' | 'worker' | 'inline';

/**
 * Measured with bench/evaluate.bench.ts under tsx: starting the thread costs ≈ 1 s CPU (less in the bundled
 * app), so the medium district (≈ 120k records, plan + rules 1.1 s) is slower with it and the large one
 * (≈ 1.3M records) ≈ 30% faster (10.2 → 7.1 s wall). Below this many stored records the rules run inline.
 */
export const WORKER_MIN_RECORDS = 300_000;

export interface EvaluateInput {
  store: SnapshotStore;
  snapshotId: string;
  options?: MappingOptions;
  settings?: RuleSettings;
  /** For tests of the runner; defaults to every registered module. */
  modules?: readonly RuleModule[];
  /** Default 'auto'. Custom `modules` always run inline (functions cannot cross to a thread). */
  rulesThread?: RulesThread;
  /**
   * 'worker': the planner runs in a worker thread too, and the rules always do (custom `modules` aside), so the
   * calling thread only receives results: what the app's main thread uses. Default 'inline' (CLI, benchmarks).
   */
  planThread?: 'inline' | 'worker';
}

/** What `evaluateSnapshot` returns: the `--json` shape plus the full plan and timings for callers that need them. */
export interface Evaluation extends EvaluationResult {
  summary: EvaluationSummary;
  plan: PlanSummary;
  findings: Finding[];
  /** Every planned Canvas object (not part of the JSON result: it can hold a million enrollments). */
  canvasPlan: Plan;
  /** Findings before the profile's rule settings (catalogue severities, nothing muted), for views that re-apply them. */
  rawFindings: Finding[];
  /** planMs and rulesMs overlap when the rules ran in a worker ('worker': rulesMs includes its start-up). */
  timings: { planMs: number; rulesMs: number; rulesThread: 'worker' | 'inline'; modules: ModuleRun[] };
}

/**
 * Plan + rules over one complete snapshot under a profile's mapping options and rule settings. Nothing is
 * stored: it is fast enough to run again (see bench/evaluate.bench.ts).
 */
export async function evaluateSnapshot(input: EvaluateInput): Promise<Evaluation> {
  const { store, snapshotId } = input;
  const meta = store.get(snapshotId);
  if (meta === null) {
    throw new ServiceError('snapshot_not_found', `There is no snapshot ${snapshotId}.`, {
      detail: { snapshotId },
    });
  }
  if (meta.status !== 'complete') {
    throw new ServiceError(
      'snapshot_not_complete',
      `Snapshot ${snapshotId} is ${meta.status}: its data may be partial, so it is not evaluated.`,
      { detail: { snapshotId, status: meta.status } },
    );
  }
  const options = input.options ?? DEFAULT_MAPPING_OPTIONS;
  const settings = input.settings ?? RuleSettings.parse({});
  const inWorker = useWorker(input, meta);
  const started = performance.now();
  let rulesDone = started;
  // Started first so the thread reads while this one plans; a failure is awaited (and thrown) below.
  const pending: Promise<RawRuleRun> | null = inWorker
    ? runRuleModulesInWorker(store.dbPath, snapshotId, options).then((r) => {
        rulesDone = performance.now();
        return r;
      })
    : null;
  pending?.catch(() => undefined);
  const canvasPlan =
    input.planThread === 'worker'
      ? await buildPlanInWorker(store.dbPath, snapshotId, options)
      : buildPlan(store.db, snapshotId, options);
  const planned = performance.now();
  let raw: RawRuleRun;
  if (pending !== null) raw = await pending;
  else {
    raw = runRuleModules(store.db, snapshotId, options, input.modules);
    rulesDone = performance.now();
  }
  const run = { ...raw, applied: applyRuleSettings(raw.findings, settings) };
  const finished = performance.now();
  const summary = summarise({
    snapshotId,
    profileId: meta.profileId,
    evaluatedAt: new Date().toISOString(),
    durationMs: Math.round(finished - started),
    applied: run.applied,
    failedModules: run.failedModules,
  });
  return {
    summary,
    plan: { counts: planCounts(canvasPlan), skipped: canvasPlan.skipped },
    findings: run.applied.findings,
    canvasPlan,
    rawFindings: run.findings,
    timings: {
      planMs: planned - started,
      rulesMs: rulesDone - (inWorker ? started : planned),
      rulesThread: inWorker ? 'worker' : 'inline',
      modules: run.modules,
    },
  };
}

function useWorker(input: EvaluateInput, meta: SnapshotMeta): boolean {
  const mode = input.rulesThread ?? 'auto';
  if (input.modules !== undefined || mode === 'inline') return false;
  if (input.planThread === 'worker') return true;
  if (mode === 'worker') return true;
  const counts = meta.counts;
  const records = counts === null ? 0 : Object.values(counts).reduce((a, b) => a + b, 0);
  return records >= WORKER_MIN_RECORDS;
}

/** The `evaluate --json` object (summary, plan counts, findings) without the in-memory extras. */
export function toEvaluationResult(e: Evaluation): EvaluationResult {
  return { summary: e.summary, plan: e.plan, findings: e.findings };
}
