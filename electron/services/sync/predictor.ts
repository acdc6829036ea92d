import { BASELINE_TYPES } from '../../../shared/canvas/baseline';
import type { BaselineStore } from '../canvas-baseline';
import { fromCsvFiles, loadBaselineRows, predictImport, type CanvasRows } from '../canvas-import-model';
import type { Predictor } from './prepare-sync';

/**
 * The row-level model of Canvas's importer bound to what Canvas holds today (the baseline). Without a baseline
 * it still predicts what Canvas rejects from the rows themselves (missing or bad logins, bad references…), as
 * for an empty Canvas; conflicts with existing objects are then unknown (the checklist says so).
 */
export function predictorFor(store: BaselineStore, baselineId: string | null): Predictor {
  let rows: CanvasRows | undefined;
  return (files, params) => {
    rows ??= baselineId !== null ? loadBaselineRows(store, baselineId) : emptyCanvas();
    return predictImport({ files: fromCsvFiles(files), baseline: rows, params });
  };
}

function emptyCanvas(): CanvasRows {
  return Object.fromEntries(BASELINE_TYPES.map((t) => [t, []])) as unknown as CanvasRows;
}
