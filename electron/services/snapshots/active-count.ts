import type Database from 'better-sqlite3';
import { hasLeanEnrollmentIndexes } from './migrations';

/**
 * How many records of a snapshot's table are active, answered from an index in either enrollment index layout
 * (migrations.ts, version 6): with the lean layout, the total minus the rows of the small partial index
 * `enrollments_not_active`; with the kept one (and for every other table), a count over the covering partial
 * indexes of active rows. A status filter that no index answers would read every row with its raw record.
 */
export function countActive(db: Database.Database, table: string, snapshotId: string, total: number): number {
  if (table === 'enrollments' && hasLeanEnrollmentIndexes(db)) {
    const other = db
      .prepare(
        `SELECT COUNT(*) FROM enrollments INDEXED BY enrollments_not_active WHERE snapshot_id = ? AND status != 'active'`,
      )
      .pluck()
      .get(snapshotId) as number;
    return total - other;
  }
  return db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE snapshot_id = ? AND status = 'active'`)
    .pluck()
    .get(snapshotId) as number;
}
