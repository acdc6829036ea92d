import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parseRecord, redactRaw } from '../../../shared/oneroster/parse';
import type { EntityKind } from '../../../shared/oneroster/types';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { ServiceError } from '../errors';
import {
  recordColumns,
  recordValues,
  tableSpec,
  type ColumnSpec,
  type SqlValue,
  type TableSpec,
} from './tables';

/** What one `addRecords` call did. `stored + invalid + duplicates === input length`. */
export interface AddResult {
  /** New records stored (including records that replaced a row copied from the delta parent). */
  stored: number;
  /** Records with no usable sourcedId (or not an object): kept in records_rejected. */
  invalid: number;
  /** Records whose sourcedId was already stored in this snapshot+collection: the first is kept. */
  duplicates: number;
  /** Stored records that came with schema issues. */
  withIssues: number;
}

export interface PageInfo {
  /** Records the page held (defaults to 0 for pages marked without records). */
  records?: number;
  stored?: number;
  /** Anything worth keeping about the page (HTTP status, total header…); JSON. */
  [key: string]: unknown;
}

const DATE_LAST_MODIFIED = 2; // index in recordColumns: content_hash ignores it (see contentHash)

/**
 * Hash of the normalised record without dateLastModified, so "same sourcedId, different content" (OR-DUP-ID)
 * and diff's "changed" mean a real change, not a provider bumping timestamps.
 */
export function contentHash(values: SqlValue[]): string {
  const saved = values[DATE_LAST_MODIFIED];
  values[DATE_LAST_MODIFIED] = null;
  const text = JSON.stringify(values);
  values[DATE_LAST_MODIFIED] = saved ?? null;
  return hash('sha1', text, 'base64url').slice(0, 22);
}

export function stringifyRaw(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** The raw record as stored: JSON, passwords redacted (a copy is made only when there is one to redact). */
function rawJson(kind: EntityKind, raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const rec = raw as Record<string, unknown>;
    if (rec.password === undefined && rec.userProfiles === undefined) return stringifyRaw(raw);
  }
  return stringifyRaw(redactRaw(kind, raw));
}

function locationOf(
  pageKey: string | undefined,
  locations: readonly (string | undefined)[] | undefined,
  i: number,
): string | null {
  return locations?.[i] ?? (pageKey !== undefined ? `${pageKey}#${i}` : null);
}

/**
 * Writes one collection of one running snapshot. Every batch is one transaction: parse (the same tolerant parser
 * as everywhere), redact, insert rows + link rows, count duplicates, and — when a page key is given — record the
 * page as done, so a resumed pull never re-reads a page whose records are already stored.
 */
export class SnapshotWriter {
  readonly snapshotId: string;
  readonly collection: SnapshotCollection;
  private readonly kind: EntityKind;
  private readonly spec: TableSpec;
  private readonly columns: readonly ColumnSpec[];
  private readonly db: Database.Database;
  private readonly isDelta: boolean;
  private readonly stmts: ReturnType<typeof prepare>;
  private readonly args: SqlValue[];
  private readonly addBatch: (
    raws: readonly unknown[],
    pageKey?: string,
    locations?: readonly (string | undefined)[],
  ) => AddResult;

  constructor(db: Database.Database, snapshotId: string, collection: SnapshotCollection) {
    this.db = db;
    this.snapshotId = snapshotId;
    this.collection = collection;
    this.spec = tableSpec(collection);
    this.kind = this.spec.kind;
    this.columns = recordColumns(this.spec);
    const row = db
      .prepare('SELECT status, parent_snapshot_id FROM snapshots WHERE id = ?')
      .get(snapshotId) as { status: string; parent_snapshot_id: string | null } | undefined;
    assertWritable(snapshotId, row?.status);
    this.isDelta = row?.parent_snapshot_id != null;
    this.stmts = prepare(db, this.spec, this.columns);
    this.args = new Array<SqlValue>(this.columns.length + 4).fill(null);
    this.args[0] = snapshotId;
    this.addBatch = db.transaction((raws, pageKey, locations) =>
      this.addInTransaction(raws, pageKey, locations),
    );
  }

  /** Parses and stores a batch of raw records (as received) in one transaction. */
  addRecords(
    raws: readonly unknown[],
    pageKey?: string,
    locations?: readonly (string | undefined)[],
  ): AddResult {
    return this.addBatch(raws, pageKey, locations);
  }

  /** Keeps something that could not be read as a record at all (an unparseable page, a broken CSV row). */
  reject(raw: unknown, reason: string, location?: string): void {
    this.db.transaction(() => {
      this.checkRunning();
      this.stmts.reject.run(
        this.snapshotId,
        this.collection,
        stringifyRaw(redactRaw(this.kind, raw)),
        reason,
        location ?? null,
      );
    })();
  }

  /** Marks a page done without records (empty page) or with extra info; addRecords(…, pageKey) already does it. */
  markPageDone(pageKey: string, info: PageInfo = {}): void {
    const { records = 0, stored = 0, ...rest } = info;
    this.stmts.page.run(
      this.snapshotId,
      this.collection,
      pageKey,
      records,
      stored,
      JSON.stringify(rest),
      new Date().toISOString(),
    );
  }

  private checkRunning(): void {
    const row = this.stmts.status.get(this.snapshotId) as { status: string } | undefined;
    assertWritable(this.snapshotId, row?.status);
  }

  private addInTransaction(
    raws: readonly unknown[],
    pageKey?: string,
    locations?: readonly (string | undefined)[],
  ): AddResult {
    this.checkRunning();
    const { snapshotId, collection, kind, stmts } = this;
    const result: AddResult = { stored: 0, invalid: 0, duplicates: 0, withIssues: 0 };
    const args = this.args;
    const n = this.columns.length;
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i];
      const { record, issues } = parseRecord(kind, raw);
      const rawText = rawJson(kind, raw);
      if (record === null) {
        const reason = issues.map((x) => x.message).join('; ') || 'no usable sourcedId';
        stmts.reject.run(snapshotId, collection, rawText, reason, locationOf(pageKey, locations, i));
        result.invalid++;
        continue;
      }
      // One reused argument array: snapshot_id, the normalised values, raw, issues, content_hash.
      const values = recordValues(this.columns, record);
      const digest = contentHash(values);
      const issuesText = issues.length > 0 ? JSON.stringify(issues) : null;
      for (let c = 0; c < n; c++) args[c + 1] = values[c]!;
      args[n + 1] = rawText;
      args[n + 2] = issuesText;
      args[n + 3] = digest;
      const inserted = stmts.insert.run(args).changes === 1;
      if (
        inserted ||
        (this.isDelta && this.replaceParentRow(record.sourcedId, values, rawText, issuesText, digest))
      ) {
        if (this.stmts.links.length > 0) this.insertLinks(record as unknown as Record<string, unknown>);
        result.stored++;
        if (issuesText !== null) result.withIssues++;
        continue;
      }
      const location = locationOf(pageKey, locations, i);
      stmts.bumpDup.run(snapshotId, record.sourcedId);
      stmts.insertDup.run(snapshotId, collection, record.sourcedId, digest, rawText, location);
      result.duplicates++;
    }
    if (pageKey !== undefined) {
      stmts.page.run(
        snapshotId,
        collection,
        pageKey,
        raws.length,
        result.stored,
        null,
        new Date().toISOString(),
      );
    }
    return result;
  }

  /** Delta pulls: a record whose row was copied from the parent replaces it (that is the update, not a duplicate). */
  private replaceParentRow(
    sourcedId: string,
    values: SqlValue[],
    rawText: string,
    issuesText: string | null,
    hash: string,
  ): boolean {
    const row = this.stmts.findRow.get(this.snapshotId, sourcedId) as
      { id: number; from_parent: number } | undefined;
    if (row === undefined || row.from_parent !== 1) return false;
    this.stmts.replace.run(...values, rawText, issuesText, hash, row.id);
    for (const link of this.stmts.links) link.remove.run(this.snapshotId, sourcedId);
    this.stmts.removeDups.run(this.snapshotId, this.collection, sourcedId);
    return true;
  }

  private insertLinks(record: Record<string, unknown>): void {
    const owner = record.sourcedId as string;
    for (const link of this.stmts.links) {
      const targets = record[link.field] as string[];
      if (targets.length === 0) continue;
      const unique = targets.length === 1 ? targets : [...new Set(targets)];
      for (const target of unique) link.insert.run(this.snapshotId, owner, target);
    }
  }
}

function assertWritable(snapshotId: string, status: string | undefined): void {
  if (status === 'running') return;
  if (status === undefined) {
    throw new ServiceError(
      'snapshot_not_found',
      `Snapshot ${snapshotId} does not exist.`,
      'It may have been deleted; start a new pull.',
    );
  }
  throw new ServiceError(
    'snapshot_not_writable',
    `Snapshot ${snapshotId} is ${status}; a finished snapshot cannot be changed.`,
    'Start a new pull or import to get fresh data.',
  );
}

function prepare(db: Database.Database, spec: TableSpec, columns: readonly ColumnSpec[]) {
  const names = columns.map((c) => c.col);
  const table = spec.table;
  return {
    status: db.prepare('SELECT status FROM snapshots WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO ${table} (snapshot_id, ${names.join(', ')}, raw, issues, content_hash)
       VALUES (?, ${names.map(() => '?').join(', ')}, ?, ?, ?)
       ON CONFLICT(snapshot_id, sourced_id) DO NOTHING`,
    ),
    findRow: db.prepare(`SELECT id, from_parent FROM ${table} WHERE snapshot_id = ? AND sourced_id = ?`),
    replace: db.prepare(
      `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}, raw = ?, issues = ?, content_hash = ?,
         dup_count = 0, from_parent = 0 WHERE id = ?`,
    ),
    bumpDup: db.prepare(
      `UPDATE ${table} SET dup_count = dup_count + 1 WHERE snapshot_id = ? AND sourced_id = ?`,
    ),
    insertDup: db.prepare(
      'INSERT INTO duplicates (snapshot_id, collection, sourced_id, content_hash, raw, location) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    removeDups: db.prepare(
      'DELETE FROM duplicates WHERE snapshot_id = ? AND collection = ? AND sourced_id = ?',
    ),
    reject: db.prepare(
      'INSERT INTO records_rejected (snapshot_id, collection, raw, reason, location) VALUES (?, ?, ?, ?, ?)',
    ),
    page: db.prepare(
      `INSERT INTO pull_pages (snapshot_id, collection, page_key, records, stored, info, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(snapshot_id, collection, page_key) DO UPDATE SET
         records = excluded.records, stored = excluded.stored, info = excluded.info, done_at = excluded.done_at`,
    ),
    links: spec.links.map((l) => ({
      field: l.field,
      insert: db.prepare(
        `INSERT INTO ${l.table} (snapshot_id, ${l.ownerCol}, ${l.targetCol}) VALUES (?, ?, ?)`,
      ),
      remove: db.prepare(`DELETE FROM ${l.table} WHERE snapshot_id = ? AND ${l.ownerCol} = ?`),
    })),
  };
}
