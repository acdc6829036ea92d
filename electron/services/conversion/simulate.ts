import {
  SIM_TYPES,
  type SimType,
  type SimulationRow,
  type ThresholdSimulation,
} from '../../../shared/conversion/types';
import { THRESHOLDED, thresholdShare } from '../../../shared/conversion/shares';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { ServiceError } from '../../../shared/errors';

/**
 * The threshold simulation (docs/canvas-importer.md). The caller tallies, per Canvas type and term, what the
 * plan does to each object (create / update / unchanged) and how many SIS-created objects Canvas holds
 * (`existing`) of which the plan does not cover `absent`; the import mode then decides what happens to those:
 *  - standard: nothing (only rows present change);
 *  - batch (one term): courses, sections and enrollments of that term are deleted (enrollments get dropStatus);
 *    change_threshold compares deletions ÷ SIS objects of the term;
 *  - diffing (against the previous import, taken to be what Canvas holds today): every absent object is deleted
 *    (enrollments get dropStatus); change_threshold compares file sizes, |1 − current/previous| (rows stand in for
 *    bytes), and over it Canvas applies the whole file without diffing.
 * Concluded counts enrollments set to completed or inactive instead of deleted.
 */

export interface TallyCell {
  create: number;
  update: number;
  unchanged: number;
  existing: number;
  absent: number;
}
type Field = keyof TallyCell;

export class Tally {
  private readonly cells = new Map<string, { type: SimType; term: string | null; cell: TallyCell }>();

  add(type: SimType, term: string | null, field: Field, n = 1): void {
    const key = `${type}\u0000${term ?? ''}\u0000${term === null ? 0 : 1}`;
    let entry = this.cells.get(key);
    if (!entry) {
      entry = { type, term, cell: { create: 0, update: 0, unchanged: 0, existing: 0, absent: 0 } };
      this.cells.set(key, entry);
    }
    entry.cell[field] += n;
  }

  entries(): Array<{ type: SimType; term: string | null; cell: TallyCell }> {
    const order = new Map(SIM_TYPES.map((t, i) => [t, i]));
    return [...this.cells.values()].sort(
      (a, b) =>
        order.get(a.type)! - order.get(b.type)! ||
        (a.term === b.term ? 0 : a.term === null ? -1 : b.term === null ? 1 : a.term < b.term ? -1 : 1),
    );
  }
}

export function simulate(tally: Tally, importMode: ImportMode): ThresholdSimulation {
  if (importMode.mode === 'batch' && importMode.termId.trim() === '') {
    throw new ServiceError(
      'import_mode_invalid',
      'Batch mode needs the SIS term whose missing courses, sections and enrollments it deletes.',
      'Choose the term (batch_mode_term_id) in the sync settings, or use standard or diffing mode.',
    );
  }
  const rows: SimulationRow[] = tally.entries().map(({ type, term, cell }) => {
    const removes =
      importMode.mode === 'diffing' ||
      (importMode.mode === 'batch' &&
        (THRESHOLDED as readonly string[]).includes(type) &&
        term === importMode.termId);
    const removed = removes ? cell.absent : 0;
    const concludes = type === 'enrollments' && importMode.dropStatus !== 'deleted';
    return {
      type,
      term,
      create: cell.create,
      update: cell.update,
      delete: concludes ? 0 : removed,
      conclude: concludes ? removed : 0,
      unchanged: cell.unchanged,
      existing: cell.existing,
    };
  });
  return withRows(
    { importMode, rows, percentages: { courses: 0, sections: 0, enrollments: 0 }, exceeds: [] },
    rows,
  );
}

/**
 * The same simulation over other rows (the sync preview shows the row-level prediction's): the percentages and
 * what exceeds change_threshold are recomputed from those rows, so a share never disagrees with the rows beside it.
 */
export function withRows(base: ThresholdSimulation, rows: SimulationRow[]): ThresholdSimulation {
  const percentages = { courses: 0, sections: 0, enrollments: 0 };
  for (const type of THRESHOLDED) percentages[type] = thresholdShare(rows, base.importMode, type).percent;
  const threshold = base.importMode.changeThreshold;
  const exceeds = threshold === null ? [] : THRESHOLDED.filter((t) => percentages[t] > threshold);
  return { importMode: base.importMode, rows, percentages, exceeds };
}
