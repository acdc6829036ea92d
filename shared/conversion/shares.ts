import type { ImportMode } from '../sync/import-mode';
import type { SimulationRow } from './types';

/**
 * The share change_threshold compares (docs/canvas-importer.md "Batch mode and change_threshold", "Diffing mode"),
 * computed from the simulation rows it is shown beside, with the counts behind it — one formula for the conversion,
 * the sync preview and the report:
 *  - batch: removed (deleted + concluded) ÷ SIS objects of the batch term;
 *  - diffing: |1 − rows sent ÷ rows Canvas holds| (rows stand in for file sizes);
 *  - standard: nothing is removed.
 */
export const THRESHOLDED = ['courses', 'sections', 'enrollments'] as const;
export type ThresholdedType = (typeof THRESHOLDED)[number];

export interface ThresholdShare {
  /** Percent, one decimal. */
  percent: number;
  /** batch: removed objects; diffing: rows more or fewer than Canvas holds; standard: 0. */
  count: number;
  /** batch: SIS objects of the term; diffing and standard: SIS objects Canvas holds. */
  of: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const sum = (rows: readonly SimulationRow[], f: (r: SimulationRow) => number): number =>
  rows.reduce((n, r) => n + f(r), 0);

export function thresholdShare(
  rows: readonly SimulationRow[],
  importMode: Pick<ImportMode, 'mode' | 'termId'>,
  type: ThresholdedType,
): ThresholdShare {
  const mine = rows.filter((r) => r.type === type);
  if (importMode.mode === 'batch') {
    const inTerm = mine.filter((r) => r.term === importMode.termId);
    const of = sum(inTerm, (r) => r.existing);
    const count = sum(inTerm, (r) => r.delete + r.conclude);
    return { percent: of === 0 ? 0 : round1((count / of) * 100), count, of };
  }
  const of = sum(mine, (r) => r.existing);
  if (importMode.mode === 'diffing') {
    const current = sum(mine, (r) => r.create + r.update + r.unchanged);
    return {
      percent: of === 0 ? 0 : round1(Math.abs(1 - current / of) * 100),
      count: Math.abs(current - of),
      of,
    };
  }
  return { percent: 0, count: 0, of };
}

/** "12.5 %", and "<0.1 %" for a share that is not zero but rounds to it. */
export function formatPercent(percent: number, count: number): string {
  if (count > 0 && percent < 0.1) return '<0.1 %';
  return `${percent.toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
}

/** "<0.1 % (22 of 31,240)": the share with the counts it comes from. */
export function shareText(share: ThresholdShare, formatCount: (n: number) => string): string {
  return `${formatPercent(share.percent, share.count)} (${formatCount(share.count)} of ${formatCount(share.of)})`;
}
