import type { BaselineStore } from '../canvas-baseline';
import { fromCsvFiles, loadBaselineRows, predictImport, type CanvasRows } from '../canvas-import-model';
import type { Predictor } from './prepare-sync';

/**
 * The row-level model of Canvas's importer bound to what Canvas holds today (the baseline), loaded on first use.
 * There is none without a baseline: whether Canvas skips a row depends on the objects it already holds.
 */
export function predictorFor(store: BaselineStore, baselineId: string): Predictor {
  let rows: CanvasRows | undefined;
  return (files, params) => {
    rows ??= loadBaselineRows(store, baselineId);
    return predictImport({ files: fromCsvFiles(files), baseline: rows, params });
  };
}
