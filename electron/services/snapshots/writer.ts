import type Database from 'better-sqlite3';
import { redactRaw } from '../../../shared/oneroster/parse';
import type { EntityKind } from '../../../shared/oneroster/types';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { ServiceError } from '../../../shared/errors';
import { prepareRecords, stringifyRaw, type PreparedBatch, type RawFormat } from './prepare';
import { recordColumns, tableSpec, type ColumnSpec, type SqlValue, type TableSpec } from './tables';

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

export { contentHash, stringifyRaw } from './prepare';

/**
 * Where each record of a batch came from (for duplicates and rejected records): a list, or a function of the
 * record's position, so a bulk import does not build a string per row for the rare row that needs one.
 */
export type Locations = readonly (string | undefined)[] | ((position: number) => string | undefined);

function locationOf(pageKey: string | undefined, locations: Locations | undefined, i: number): string | null {
  const at = typeof locations === 'function' ? locations(i) : locations?.[i];
  return at ?? (pageKey !== undefined ? `${pageKey}#${i}` : null);
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
  private readonly addBatch: (batch: PreparedBatch, pageKey?: string, locations?: Locations) => AddResult;

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
    this.args = new Array<SqlValue>(this.columns.length + 5).fill(null);
    this.args[0] = snapshotId;
    this.addBatch = db.transaction((batch, pageKey, locations) =>
      this.addInTransaction(batch, pageKey, locations),
    );
  }

  /**
   * Parses and stores a batch of raw records (as received) in one transaction. `lines[i]` (CSV import): record
   * i's CSV text, stored instead of its JSON; needs `setRawLayout` first (csv-import/stored-row.ts).
   */
  addRecords(
    raws: readonly unknown[],
    pageKey?: string,
    locations?: Locations,
    lines?: readonly (string | null)[],
  ): AddResult {
    return this.addBatch(prepareRecords(this.spec, raws, lines), pageKey, locations);
  }

  /** How this collection's rows stored as CSV lines are read back (the file's header and reading rules). */
  setRawLayout(layout: string): void {
    this.checkRunning();
    this.stmts.layout.run(this.snapshotId, this.collection, layout);
  }

  /** Stores a batch prepared with `prepareRecords` for this collection (e.g. on another thread), in one transaction. */
  addPrepared(batch: PreparedBatch, pageKey?: string, locations?: Locations): AddResult {
    if (batch.stride !== this.columns.length + 3) {
      throw new Error(`prepared batch does not match the ${this.collection} table`);
    }
    return this.addBatch(batch, pageKey, locations);
  }

  /**
   * Opens one transaction on the writer's connection that the following batches join (as savepoints), so a bulk
   * load commits every few tens of thousands of rows instead of per batch: each commit writes every page the
   * batch dirtied (table and index pages alike) to the WAL, and with ten indexes per table that was a sixth of
   * an import's CPU. Returns false (and does nothing) when a transaction is already open on the connection.
   * Pair with `commitBulk` (also between chunks) and `endBulk`.
   */
  beginBulk(): boolean {
    if (this.db.inTransaction) return false;
    this.db.exec('BEGIN');
    return true;
  }

  /** Commits the open bulk transaction and opens the next one. */
  commitBulk(): void {
    if (!this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
  }

  /** Commits what the bulk transaction holds (also after a failure: the batches stored so far are kept, as before). */
  endBulk(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
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
    this.checkRunning();
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

  private addInTransaction(batch: PreparedBatch, pageKey?: string, locations?: Locations): AddResult {
    this.checkRunning();
    const { snapshotId, collection, stmts } = this;
    const result: AddResult = { stored: 0, invalid: 0, duplicates: 0, withIssues: 0 };
    for (const r of batch.rejected) {
      stmts.reject.run(snapshotId, collection, r.raw, r.reason, locationOf(pageKey, locations, r.position));
      result.invalid++;
    }
    // One reused argument array: snapshot_id, the normalised values, raw, issues, content_hash, raw_format.
    const { rows, stride, positions, rawFormats } = batch;
    const args = this.args;
    const n = this.columns.length;
    // Rows stored by this batch (not duplicates), so their link rows go in too.
    const kept = batch.links.length > 0 ? new Uint8Array(positions.length) : null;
    for (let k = 0, at = 0; k < positions.length; k++, at += stride) {
      for (let c = 0; c < stride; c++) args[c + 1] = rows[at + c]!;
      const format = rawFormats?.[k] ?? null;
      args[stride + 1] = format;
      const sourcedId = rows[at] as string;
      const rawText = rows[at + n] as string;
      const issuesText = rows[at + n + 1] as string | null;
      const digest = rows[at + n + 2] as string;
      const inserted = stmts.insert.run(args).changes === 1;
      if (
        inserted ||
        (this.isDelta &&
          this.replaceParentRow(sourcedId, rows.slice(at, at + n), rawText, issuesText, digest, format))
      ) {
        if (kept !== null) kept[k] = 1;
        result.stored++;
        if (issuesText !== null) result.withIssues++;
        continue;
      }
      const location = locationOf(pageKey, locations, positions[k]!);
      stmts.bumpDup.run(snapshotId, sourcedId);
      stmts.insertDup.run(snapshotId, collection, sourcedId, digest, rawText, location, format);
      result.duplicates++;
    }
    if (kept !== null) this.insertLinks(batch, kept);
    if (pageKey !== undefined) {
      stmts.page.run(
        snapshotId,
        collection,
        pageKey,
        batch.received,
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
    format: RawFormat | null,
  ): boolean {
    const row = this.stmts.findRow.get(this.snapshotId, sourcedId) as
      { id: number; from_parent: number } | undefined;
    if (row === undefined || row.from_parent !== 1) return false;
    this.stmts.replace.run(...values, rawText, issuesText, hash, format, row.id);
    for (const link of this.stmts.links) link.remove.run(this.snapshotId, sourcedId);
    this.stmts.removeDups.run(this.snapshotId, this.collection, sourcedId);
    return true;
  }

  private insertLinks(batch: PreparedBatch, kept: Uint8Array): void {
    const { rows, stride } = batch;
    for (let l = 0; l < this.stmts.links.length; l++) {
      const link = this.stmts.links[l]!;
      const pairs = batch.links[l] ?? [];
      for (let p = 0; p < pairs.length; p += 2) {
        const k = pairs[p] as number;
        if (kept[k] === 1) link.insert.run(this.snapshotId, rows[k * stride]!, pairs[p + 1]!);
      }
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
      `INSERT INTO ${table} (snapshot_id, ${names.join(', ')}, raw, issues, content_hash, raw_format)
       VALUES (?, ${names.map(() => '?').join(', ')}, ?, ?, ?, ?)
       ON CONFLICT(snapshot_id, sourced_id) DO NOTHING`,
    ),
    findRow: db.prepare(`SELECT id, from_parent FROM ${table} WHERE snapshot_id = ? AND sourced_id = ?`),
    replace: db.prepare(
      `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}, raw = ?, issues = ?, content_hash = ?,
         raw_format = ?, dup_count = 0, from_parent = 0 WHERE id = ?`,
    ),
    bumpDup: db.prepare(
      `UPDATE ${table} SET dup_count = dup_count + 1 WHERE snapshot_id = ? AND sourced_id = ?`,
    ),
    insertDup: db.prepare(
      'INSERT INTO duplicates (snapshot_id, collection, sourced_id, content_hash, raw, location, raw_format) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    layout: db.prepare(
      'INSERT OR REPLACE INTO raw_layouts (snapshot_id, collection, layout) VALUES (?, ?, ?)',
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
