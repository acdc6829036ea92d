import type Database from 'better-sqlite3';

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

const lean = new WeakMap<Database.Database, boolean>();

/** True when the database has the lean enrollment indexes (made by version 6 on an empty database). */
export function hasLeanEnrollmentIndexes(db: Database.Database): boolean {
  let known = lean.get(db);
  if (known === undefined) {
    known =
      db
        .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'enrollments_not_active'`)
        .get() !== undefined;
    lean.set(db, known);
  }
  return known;
}
