import { DEFAULT_MAPPING_OPTIONS, RuleSettings, type MappingOptions } from '../../../shared/mapping/options';
import { summarise } from '../../../shared/evaluate/summary';
import type { EvaluationResult, EvaluationSummary, PlanSummary } from '../../../shared/evaluate/result';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import { ServiceError } from '../errors';
import { buildPlan, planCounts } from '../plan';
import { runRules, type ModuleRun } from '../rules/runner';
import type { RuleModule } from '../rules/types';
import type { SnapshotStore } from '../snapshots/store';

export interface EvaluateInput {
  store: SnapshotStore;
  snapshotId: string;
  options?: MappingOptions;
  settings?: RuleSettings;
  /** For tests of the runner; defaults to every registered module. */
  modules?: readonly RuleModule[];
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
  timings: { planMs: number; rulesMs: number; modules: ModuleRun[] };
}

/**
 * Plan + rules over one complete snapshot under a profile's mapping options and rule settings. Nothing is
 * stored: it is fast enough to run again (see bench/evaluate.bench.ts).
 */
export function evaluateSnapshot(input: EvaluateInput): Evaluation {
  const { store, snapshotId } = input;
  const meta = store.get(snapshotId);
  if (meta === null) {
    throw new ServiceError(
      'snapshot_not_found',
      `There is no snapshot ${snapshotId}.`,
      'List snapshots with `preflight snapshots list`.',
    );
  }
  if (meta.status !== 'complete') {
    throw new ServiceError(
      'snapshot_not_complete',
      `Snapshot ${snapshotId} is ${meta.status}: its data may be partial, so it is not evaluated.`,
      meta.status === 'running'
        ? 'Wait for the pull to finish.'
        : 'Resume the pull (`preflight resume ID`) or pull again, then evaluate the complete snapshot.',
    );
  }
  const options = input.options ?? DEFAULT_MAPPING_OPTIONS;
  const settings = input.settings ?? RuleSettings.parse({});
  const started = performance.now();
  const canvasPlan = buildPlan(store.db, snapshotId, options);
  const planned = performance.now();
  const run = runRules(store.db, snapshotId, options, settings, input.modules);
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
    timings: { planMs: planned - started, rulesMs: finished - planned, modules: run.modules },
  };
}

/** The `evaluate --json` object (summary, plan counts, findings) without the in-memory extras. */
export function toEvaluationResult(e: Evaluation): EvaluationResult {
  return { summary: e.summary, plan: e.plan, findings: e.findings };
}
