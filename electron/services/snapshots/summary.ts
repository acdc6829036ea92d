import type Database from 'better-sqlite3';
import {
  SNAPSHOT_COLLECTIONS,
  zeroCounts,
  type CollectionCounts,
} from '../../../shared/snapshots/collections';
import type { CollectionIssueCounts, SnapshotIssues } from '../../../shared/snapshots/result';
import { TABLES } from './tables';

/** Counts computed from the rows themselves (so cloned delta rows and resumed pages are always included). */

export function countRecords(db: Database.Database, snapshotId: string): CollectionCounts {
  const counts = zeroCounts();
  for (const c of SNAPSHOT_COLLECTIONS) {
    const row = db
      .prepare(`SELECT COUNT(*) AS n FROM ${TABLES[c].table} WHERE snapshot_id = ?`)
      .get(snapshotId) as { n: number };
    counts[c] = row.n;
  }
  return counts;
}

function emptyIssueCounts(): CollectionIssueCounts {
  return { invalidRecords: 0, rejectedRows: 0, duplicates: 0, conflictingDuplicates: 0 };
}

export function countIssues(db: Database.Database, snapshotId: string): SnapshotIssues {
  const byCollection = {} as SnapshotIssues['byCollection'];
  const total = emptyIssueCounts();
  const rejected = new Map<string, number>();
  for (const r of db
    .prepare(
      'SELECT collection, COUNT(*) AS n FROM records_rejected WHERE snapshot_id = ? GROUP BY collection',
    )
    .all(snapshotId) as Array<{ collection: string; n: number }>) {
    rejected.set(r.collection, r.n);
  }
  for (const c of SNAPSHOT_COLLECTIONS) {
    const table = TABLES[c].table;
    const invalid = db
      .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE snapshot_id = ? AND issues IS NOT NULL`)
      .get(snapshotId) as {
      n: number;
    };
    const dups = db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN d.content_hash <> r.content_hash THEN d.sourced_id END) AS conflicting
         FROM duplicates d JOIN ${table} r ON r.snapshot_id = d.snapshot_id AND r.sourced_id = d.sourced_id
         WHERE d.snapshot_id = ? AND d.collection = ?`,
      )
      .get(snapshotId, c) as { n: number; conflicting: number };
    const counts: CollectionIssueCounts = {
      invalidRecords: invalid.n,
      rejectedRows: rejected.get(c) ?? 0,
      duplicates: dups.n,
      conflictingDuplicates: dups.conflicting,
    };
    byCollection[c] = counts;
    total.invalidRecords += counts.invalidRecords;
    total.rejectedRows += counts.rejectedRows;
    total.duplicates += counts.duplicates;
    total.conflictingDuplicates += counts.conflictingDuplicates;
  }
  // Rejected rows filed under something other than the seven collections still count in the total.
  for (const [collection, n] of rejected) {
    if (!(SNAPSHOT_COLLECTIONS as readonly string[]).includes(collection)) total.rejectedRows += n;
  }
  return { ...total, byCollection };
}
