import { SIM_TYPES, type SimType, type SimulationRow } from '../../../shared/conversion/types';
import type { ImportRemoval, PredictedMessage, RowOutcome } from '../../../shared/sync/prediction';

/**
 * Counts as Canvas reports them (data.counts: every imported row of a type, unchanged ones included; skipped rows
 * are not counted) and the per-type, per-term simulation rows, both from the row outcomes.
 */

const COUNT_KEY: Record<string, string> = {
  change_sis_id: 'change_sis_ids',
  accounts: 'accounts',
  terms: 'terms',
  courses: 'courses',
  sections: 'sections',
  users: 'users',
  enrollments: 'enrollments',
  user_observers: 'user_observers',
};
export const ZERO_COUNT_KEYS = [
  'abstract_courses',
  'xlists',
  'groups',
  'group_memberships',
  'grade_publishing_results',
  'admins',
  'logins',
];

export const counted = (o: RowOutcome): boolean =>
  o.outcome === 'create' || o.outcome === 'update' || o.outcome === 'unchanged';

export function countRows(
  rows: readonly RowOutcome[],
  removals: readonly ImportRemoval[],
  warnings: readonly PredictedMessage[],
  errors: readonly PredictedMessage[],
): Record<string, number> {
  const c: Record<string, number> = Object.fromEntries(
    [...Object.values(COUNT_KEY), ...ZERO_COUNT_KEYS].map((k) => [k, 0]),
  );
  for (const o of rows) if (counted(o)) c[COUNT_KEY[o.kind]!]!++;
  c.batch_courses_deleted = removals.filter((r) => r.type === 'courses').length;
  c.batch_sections_deleted = removals.filter((r) => r.type === 'sections').length;
  c.batch_enrollments_deleted = removals.filter((r) => r.type === 'enrollments').length;
  c.error_count = errors.length;
  c.warning_count = warnings.length;
  return c;
}

export class SimTally {
  private readonly cells = new Map<string, SimulationRow>();

  private cell(type: SimType, term: string | null): SimulationRow {
    const key = `${type}\u0000${term === null ? '\u0001' : term}`;
    let row = this.cells.get(key);
    if (!row) {
      row = { type, term, create: 0, update: 0, delete: 0, conclude: 0, unchanged: 0, existing: 0 };
      this.cells.set(key, row);
    }
    return row;
  }

  add(
    type: SimType,
    term: string | null,
    field: 'create' | 'update' | 'unchanged' | 'delete' | 'conclude' | 'existing',
  ): void {
    this.cell(type, term)[field]++;
  }

  rows(): SimulationRow[] {
    const order = new Map(SIM_TYPES.map((t, i) => [t, i]));
    return [...this.cells.values()].sort(
      (a, b) =>
        order.get(a.type)! - order.get(b.type)! ||
        (a.term === b.term ? 0 : a.term === null ? -1 : b.term === null ? 1 : a.term < b.term ? -1 : 1),
    );
  }
}
