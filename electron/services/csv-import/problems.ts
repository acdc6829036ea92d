import type { CsvImportProblem } from '../../../shared/snapshots/result';

/** Collects import problems up to a cap (a broken 1M-row file must not produce a 1M-entry result). */
export class ProblemList {
  readonly items: CsvImportProblem[] = [];
  more = 0;

  constructor(private readonly cap = 500) {}

  add(
    problem: Omit<CsvImportProblem, 'line' | 'column'> & { line?: number | null; column?: string | null },
  ): void {
    if (this.items.length >= this.cap) {
      this.more++;
      return;
    }
    this.items.push({ ...problem, line: problem.line ?? null, column: problem.column ?? null });
  }
}
