import type { CsvImportProblem } from '../../../shared/snapshots/result';

/** Problems of one kind in one file, counted without a cap (they become findings; see feed-facts.ts). */
export interface ProblemGroup {
  file: string;
  code: string;
  severity: 'error' | 'warning';
  count: number;
  firstLine: number | null;
  column: string | null;
  /** The first occurrence's message. */
  message: string;
}

/** Collects import problems up to a cap (a broken 1M-row file must not produce a 1M-entry result). */
export class ProblemList {
  readonly items: CsvImportProblem[] = [];
  more = 0;
  private readonly groups = new Map<string, ProblemGroup>();

  constructor(private readonly cap = 500) {}

  add(
    problem: Omit<CsvImportProblem, 'line' | 'column'> & { line?: number | null; column?: string | null },
  ): void {
    const key = `${problem.file}\u0000${problem.code}\u0000${problem.column ?? ''}`;
    const group = this.groups.get(key);
    if (group !== undefined) group.count++;
    else {
      this.groups.set(key, {
        file: problem.file,
        code: problem.code,
        severity: problem.severity,
        count: 1,
        firstLine: problem.line ?? null,
        column: problem.column ?? null,
        message: problem.message,
      });
    }
    if (this.items.length >= this.cap) {
      this.more++;
      return;
    }
    this.items.push({ ...problem, line: problem.line ?? null, column: problem.column ?? null });
  }

  /** Every problem, grouped by file, code and column, in first-seen order. */
  grouped(): ProblemGroup[] {
    return [...this.groups.values()];
  }

  get total(): number {
    return this.items.length + this.more;
  }
}
