import type { Plan } from '../../../shared/plan/types';
import type { ImportPrediction } from '../../../shared/sync/prediction';
import type { BaselineStore } from '../canvas-baseline';
import { planToCsvFiles, type ChangeSisIdRow } from '../canvas-csv';
import { machineTimeZone } from '../canvas-csv/dates';
import { fromCsvFiles, loadBaselineRows, predictImport } from '../canvas-import-model';
import type { PredictorOutput } from '../sync/prepare-sync';

/**
 * The row-level prediction of Canvas's importer for the files a sync would send (plan + accepted remaps, dates in
 * `timeZone`), remembered for the last plan: the conversion computes it for its findings and the sync preview
 * asks for the same one right after (~8 s on the medium district), so the second ask is a lookup. Only the rows
 * the sync shows are kept (skipped, rejected or with a message), not one outcome per row of a 1M-row district.
 */
export interface SyncPredictionInput {
  plan: Plan;
  baselineStore: BaselineStore;
  baselineId: string;
  remaps: readonly ChangeSisIdRow[];
  params: Record<string, string>;
  /** The district's IANA zone; null = this machine's (as planToCsvFiles). */
  timeZone: string | null;
}

let last: { plan: WeakRef<Plan>; key: string; output: PredictorOutput } | null = null;

function keyOf(input: SyncPredictionInput): string {
  return JSON.stringify([input.baselineId, input.remaps, input.params, input.timeZone || machineTimeZone()]);
}

/** What a sync keeps of a prediction (prepareSync reads nothing else). */
export function compactPrediction(p: ImportPrediction): PredictorOutput {
  return {
    refusal: p.refusal,
    abort: p.abort,
    counts: p.counts,
    rows: p.rows.filter((r) => r.outcome === 'skip' || r.outcome === 'error' || (r.message ?? '') !== ''),
    simulationRows: p.simulationRows,
  };
}

/** Predicts (and remembers) the import; `full` receives the whole prediction when it is computed here. */
export function predictSyncImport(
  input: SyncPredictionInput,
  full?: (p: ImportPrediction) => void,
): PredictorOutput {
  const key = keyOf(input);
  if (last !== null && last.key === key && last.plan.deref() === input.plan && full === undefined)
    return last.output;
  const files = planToCsvFiles(input.plan, { changeSisIdRows: input.remaps, timeZone: input.timeZone });
  const prediction = predictImport({
    files: fromCsvFiles(files),
    baseline: loadBaselineRows(input.baselineStore, input.baselineId),
    params: input.params,
  });
  full?.(prediction);
  last = { plan: new WeakRef(input.plan), key, output: compactPrediction(prediction) };
  return last.output;
}
