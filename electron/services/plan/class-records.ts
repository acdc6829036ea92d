const US = '\u001f';
const RS = '\u001e';

/** Receives one enrollment; called in class order (see readEnrollments). */
export type EnrollmentVisitor = (
  sourcedId: string,
  active: boolean,
  userId: string | null,
  classId: string | null,
  role: string,
  primary: boolean | null,
  begin: string | null,
  end: string | null,
) => void;

/**
 * One class's joined records, read without splitting: a million enrollments split into arrays of six strings
 * were a third of the planner's allocations (and its garbage collection). Per record only the user and sourced
 * ids become new strings; role, primary and dates repeat from one record to the next (one class) and reuse the
 * previous record's string when equal. Same values as `joined.split(RS).map((r) => r.split(US))`, and a record
 * whose values held a separator character (not exactly six fields) makes `read` return false.
 */
export class ClassRecords {
  /** Six slots per record: user, role, primary ('' | '0' | '1'), begin, end, sourcedId. */
  private readonly f: string[] = [];
  private n = 0;

  read(joined: string): boolean {
    const f = this.f;
    let n = 0;
    let at = 0;
    let role = '';
    let primary = '';
    let begin = '';
    let end = '';
    for (;;) {
      const stop = nextOr(joined, RS, at);
      const u = joined.indexOf(US, at);
      if (u < 0 || u >= stop) return false;
      const r = joined.indexOf(US, u + 1);
      if (r < 0 || r >= stop) return false;
      const p = joined.indexOf(US, r + 1);
      if (p < 0 || p >= stop) return false;
      const b = joined.indexOf(US, p + 1);
      if (b < 0 || b >= stop) return false;
      const e = joined.indexOf(US, b + 1);
      if (e < 0 || e >= stop) return false;
      if (nextOr(joined, US, e + 1) < stop) return false;
      role = same(joined, u + 1, r, role);
      primary = same(joined, r + 1, p, primary);
      begin = same(joined, p + 1, b, begin);
      end = same(joined, b + 1, e, end);
      const i = n * 6;
      f[i] = joined.slice(at, u);
      f[i + 1] = role;
      f[i + 2] = primary;
      f[i + 3] = begin;
      f[i + 4] = end;
      f[i + 5] = joined.slice(e + 1, stop);
      n++;
      if (stop === joined.length) break;
      at = stop + 1;
    }
    this.n = n;
    return true;
  }

  /** user, role, sourcedId ascending? (the covering index's order, which group_concat normally keeps) */
  inOrder(): boolean {
    const f = this.f;
    for (let i = 6; i < this.n * 6; i += 6) {
      const c =
        compareNullable(f[i - 6] || null, f[i] || null) ||
        compareNullable(f[i - 5]!, f[i + 1]!) ||
        compareNullable(f[i - 1]!, f[i + 5]!);
      if (c > 0) return false;
    }
    return true;
  }

  visit(classId: string | null, visit: EnrollmentVisitor): void {
    const f = this.f;
    for (let i = 0; i < this.n * 6; i += 6) {
      const primary = f[i + 2]!;
      visit(
        f[i + 5]!,
        true,
        f[i] || null,
        classId,
        f[i + 1]!,
        primary === '' ? null : primary === '1',
        f[i + 3] || null,
        f[i + 4] || null,
      );
    }
  }
}

/** Index of `ch` from `from`, or the string's length. */
function nextOr(s: string, ch: string, from: number): number {
  const i = s.indexOf(ch, from);
  return i < 0 ? s.length : i;
}

/** s[from, to) — as `prev` when equal to it (no new string). */
function same(s: string, from: number, to: number, prev: string): string {
  return to - from === prev.length && s.startsWith(prev, from) ? prev : s.slice(from, to);
}

/** NULL first, then code-unit order (SQLite's BINARY order for the ASCII ids real feeds use). */
export function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
