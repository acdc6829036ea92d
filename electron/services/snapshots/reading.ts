import type Database from 'better-sqlite3';
import type { RecordByKind, SchemaIssue } from '../../../shared/oneroster/types';
import type { CollectionKind, SnapshotCollection } from '../../../shared/snapshots/collections';
import { rawFromCsvLine } from '../csv-import/stored-row';
import { RAW_CSV_LINE } from './prepare';
import { recordColumns, rowToRecord, tableSpec } from './tables';

/** Read paths over one snapshot's rows. All streaming or indexed: nothing loads a whole collection. */

export type RecordOf<C extends SnapshotCollection> = RecordByKind[CollectionKind<C>];

export interface StoredRecord<C extends SnapshotCollection> {
  record: RecordOf<C>;
  /** The record as received, password redacted. */
  raw: unknown;
  issues: SchemaIssue[];
  /** Further occurrences of this sourcedId in the same pull/import. */
  dupCount: number;
  contentHash: string;
}

export interface DuplicateRow {
  sourcedId: string;
  /** Hash of the record that was kept; differs from contentHash when the duplicate had other content. */
  keptContentHash: string;
  contentHash: string;
  conflicting: boolean;
  raw: unknown;
  location: string | null;
}

export interface RejectedRow {
  collection: string;
  raw: string;
  reason: string;
  location: string | null;
}

/** Streams normalised records in storage order (stable for a given snapshot). */
export function* iterateRecords<C extends SnapshotCollection>(
  db: Database.Database,
  snapshotId: string,
  collection: C,
): IterableIterator<RecordOf<C>> {
  const spec = tableSpec(collection);
  const columns = recordColumns(spec);
  const stmt = db.prepare(
    `SELECT ${columns.map((c) => c.col).join(', ')} FROM ${spec.table} WHERE snapshot_id = ? ORDER BY id`,
  );
  for (const row of stmt.iterate(snapshotId)) {
    yield rowToRecord<CollectionKind<C>>(columns, row as Record<string, unknown>);
  }
}

/** Records that came with schema issues (OR-SCHEMA), via a partial index. */
export function* iterateIssues(
  db: Database.Database,
  snapshotId: string,
  collection: SnapshotCollection,
): IterableIterator<{ sourcedId: string; issues: SchemaIssue[] }> {
  const spec = tableSpec(collection);
  const stmt = db.prepare(
    `SELECT sourced_id, issues FROM ${spec.table} WHERE snapshot_id = ? AND issues IS NOT NULL ORDER BY id`,
  );
  for (const row of stmt.iterate(snapshotId) as IterableIterator<{ sourced_id: string; issues: string }>) {
    yield { sourcedId: row.sourced_id, issues: JSON.parse(row.issues) as SchemaIssue[] };
  }
}

/** The stored raw text as the record it was received as (JSON, or a CSV line read with its layout). */
function decodeRaw(
  db: Database.Database,
  snapshotId: string,
  collection: SnapshotCollection,
  text: string,
  format: number | null,
): unknown {
  if (format !== RAW_CSV_LINE) return JSON.parse(text) as unknown;
  const layout = db
    .prepare('SELECT layout FROM raw_layouts WHERE snapshot_id = ? AND collection = ?')
    .pluck()
    .get(snapshotId, collection) as string | undefined;
  return (layout === undefined ? null : rawFromCsvLine(collection, layout, text)) ?? text;
}

export function getRecord<C extends SnapshotCollection>(
  db: Database.Database,
  snapshotId: string,
  collection: C,
  sourcedId: string,
): StoredRecord<C> | null {
  const spec = tableSpec(collection);
  const columns = recordColumns(spec);
  const row = db
    .prepare(
      `SELECT ${columns.map((c) => c.col).join(', ')}, raw, raw_format, issues, dup_count, content_hash
       FROM ${spec.table} WHERE snapshot_id = ? AND sourced_id = ?`,
    )
    .get(snapshotId, sourcedId) as Record<string, unknown> | undefined;
  if (row === undefined) return null;
  return {
    record: rowToRecord<CollectionKind<C>>(columns, row),
    raw: decodeRaw(db, snapshotId, collection, row.raw as string, row.raw_format as number | null),
    issues: row.issues === null ? [] : (JSON.parse(row.issues as string) as SchemaIssue[]),
    dupCount: row.dup_count as number,
    contentHash: row.content_hash as string,
  };
}

/** Every extra occurrence of a stored sourcedId, with whether its content differs from the kept record. */
export function listDuplicates(
  db: Database.Database,
  snapshotId: string,
  collection: SnapshotCollection,
): DuplicateRow[] {
  const spec = tableSpec(collection);
  const rows = db
    .prepare(
      `SELECT d.sourced_id, r.content_hash AS kept, d.content_hash, d.raw, d.raw_format, d.location
       FROM duplicates d JOIN ${spec.table} r ON r.snapshot_id = d.snapshot_id AND r.sourced_id = d.sourced_id
       WHERE d.snapshot_id = ? AND d.collection = ? ORDER BY d.id`,
    )
    .all(snapshotId, collection) as Array<{
    sourced_id: string;
    kept: string;
    content_hash: string;
    raw: string;
    raw_format: number | null;
    location: string | null;
  }>;
  return rows.map((r) => ({
    sourcedId: r.sourced_id,
    keptContentHash: r.kept,
    contentHash: r.content_hash,
    conflicting: r.kept !== r.content_hash,
    raw: decodeRaw(db, snapshotId, collection, r.raw, r.raw_format),
    location: r.location,
  }));
}

export function* iterateRejected(
  db: Database.Database,
  snapshotId: string,
  collection?: string,
): IterableIterator<RejectedRow> {
  const stmt =
    collection === undefined
      ? db.prepare(
          'SELECT collection, raw, reason, location FROM records_rejected WHERE snapshot_id = ? ORDER BY id',
        )
      : db.prepare(
          'SELECT collection, raw, reason, location FROM records_rejected WHERE snapshot_id = ? AND collection = ? ORDER BY id',
        );
  const args = collection === undefined ? [snapshotId] : [snapshotId, collection];
  yield* stmt.iterate(...args) as IterableIterator<RejectedRow>;
}

export function donePageKeys(
  db: Database.Database,
  snapshotId: string,
  collection: SnapshotCollection,
): Set<string> {
  const rows = db
    .prepare('SELECT page_key FROM pull_pages WHERE snapshot_id = ? AND collection = ?')
    .pluck()
    .all(snapshotId, collection) as string[];
  return new Set(rows);
}
