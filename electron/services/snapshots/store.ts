import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CollectionCounts, SnapshotCollection } from '../../../shared/snapshots/collections';
import type { SnapshotIssues } from '../../../shared/snapshots/result';
import type { SnapshotListItem, SnapshotMeta, SnapshotStatus } from '../../../shared/snapshots/snapshot';
import { ServiceError } from '../../../shared/errors';
import { cloneSnapshotRows } from './clone';
import { openDatabase, resolveDbPath } from './db';
import { newSnapshotId, rowToMeta, type NewSnapshot, type SnapshotRow } from './meta';
import {
  donePageKeys,
  getRecord,
  iterateIssues,
  iterateRecords,
  iterateRejected,
  listDuplicates,
  type DuplicateRow,
  type RecordOf,
  type RejectedRow,
  type StoredRecord,
} from './reading';
import { isProcessAlive } from './process-alive';
import { countIssues, countRecords } from './summary';
import { SnapshotWriter, type PageInfo } from './writer';

export const INTERRUPTED = 'interrupted';

/** A snapshot's counts (summary.ts), computed elsewhere (see SnapshotStore.complete). */
export interface SnapshotCounted {
  counts: CollectionCounts;
  issues: SnapshotIssues;
}

/**
 * The snapshot store: one SQLite file with every snapshot of every profile. A snapshot is written while
 * 'running' by the process that created it (owner pid + token) and then becomes complete (immutable), failed
 * or cancelled — never silently partial. Snapshots left running by a dead process are marked failed on open.
 */
export class SnapshotStore {
  readonly dbPath: string;
  /** Read-only SQL for services that query snapshots directly (diff, evaluate). Write through the store. */
  readonly db: Database.Database;
  private readonly ownerToken = randomUUID();
  /** The writers' own connection (no per-row guards; see guards.ts), opened on first write. */
  private writeConnection: Database.Database | null = null;

  constructor(dbPath: string) {
    this.dbPath = dbPath;
    this.db = openDatabase(dbPath, 'shared');
  }

  private get writeDb(): Database.Database {
    this.writeConnection ??= openDatabase(this.dbPath, 'writer');
    return this.writeConnection;
  }

  createSnapshot(meta: NewSnapshot): string {
    const id = newSnapshotId();
    this.db
      .prepare(
        `INSERT INTO snapshots (id, profile_id, source, label, status, started_at, base_url, auth_kind, page_size,
           provider_facts, parent_snapshot_id, delta_since, owner_pid, owner_token)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        meta.profileId ?? null,
        meta.source,
        meta.label ?? '',
        new Date().toISOString(),
        meta.baseUrl ?? null,
        meta.authKind ?? null,
        meta.pageSize ?? null,
        JSON.stringify(meta.providerFacts ?? {}),
        meta.parentSnapshotId ?? null,
        meta.deltaSince ?? null,
        process.pid,
        this.ownerToken,
      );
    return id;
  }

  writer(snapshotId: string, collection: SnapshotCollection): SnapshotWriter {
    return new SnapshotWriter(this.writeDb, snapshotId, collection);
  }

  markPageDone(snapshotId: string, collection: SnapshotCollection, pageKey: string, info?: PageInfo): void {
    this.writer(snapshotId, collection).markPageDone(pageKey, info);
  }

  donePages(snapshotId: string, collection: SnapshotCollection): Set<string> {
    return donePageKeys(this.db, snapshotId, collection);
  }

  /**
   * Finishes a running snapshot successfully; `facts` are merged into its provider facts. `counted`: its counts
   * as its only writer computed them after its last commit (a pull's write thread), so this thread does not
   * scan the snapshot again.
   */
  complete(snapshotId: string, facts: Record<string, unknown> = {}, counted?: SnapshotCounted): SnapshotMeta {
    return this.finish(snapshotId, 'complete', null, facts, counted);
  }

  fail(
    snapshotId: string,
    error: string,
    facts: Record<string, unknown> = {},
    counted?: SnapshotCounted,
  ): SnapshotMeta {
    return this.finish(snapshotId, 'failed', error, facts, counted);
  }

  cancel(
    snapshotId: string,
    reason = 'cancelled',
    facts: Record<string, unknown> = {},
    counted?: SnapshotCounted,
  ): SnapshotMeta {
    return this.finish(snapshotId, 'cancelled', reason, facts, counted);
  }

  get(snapshotId: string): SnapshotMeta | null {
    const row = this.db.prepare('SELECT * FROM snapshots WHERE id = ?').get(snapshotId) as
      SnapshotRow | undefined;
    return row === undefined ? null : rowToMeta(row);
  }

  /** Newest first. `profileId: null` lists snapshots that belong to no profile (e.g. ad-hoc CSV imports). */
  list(filter: { profileId?: string | null; status?: SnapshotStatus } = {}): SnapshotListItem[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.profileId === null) where.push('profile_id IS NULL');
    else if (filter.profileId !== undefined) {
      where.push('profile_id = ?');
      args.push(filter.profileId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const sql = `SELECT * FROM snapshots ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC`;
    return (this.db.prepare(sql).all(...args) as SnapshotRow[]).map((row) => {
      const { providerFacts: _facts, ...item } = rowToMeta(row);
      return item;
    });
  }

  latestComplete(profileId: string | null): SnapshotMeta | null {
    const row = this.db
      .prepare(
        `SELECT * FROM snapshots WHERE status = 'complete' AND profile_id IS ? ORDER BY finished_at DESC, id DESC LIMIT 1`,
      )
      .get(profileId) as SnapshotRow | undefined;
    return row === undefined ? null : rowToMeta(row);
  }

  /** Deletes a snapshot and all its rows (explicit user action only). A running snapshot must be finished first. */
  delete(snapshotId: string): boolean {
    const meta = this.get(snapshotId);
    if (meta === null) return false;
    if (meta.status === 'running' && this.isOwnedElsewhere(snapshotId)) {
      throw new ServiceError(
        'snapshot_in_use',
        `Snapshot ${snapshotId} is still being written by another Roster Preflight process.`,
        'Cancel that pull first, or wait for it to finish.',
      );
    }
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(snapshotId);
    return true;
  }

  /** Live record counts (also while running, for progress). */
  counts(snapshotId: string): CollectionCounts {
    return countRecords(this.db, snapshotId);
  }

  issueCounts(snapshotId: string): SnapshotIssues {
    return countIssues(this.db, snapshotId);
  }

  iterate<C extends SnapshotCollection>(snapshotId: string, collection: C): IterableIterator<RecordOf<C>> {
    return iterateRecords(this.db, snapshotId, collection);
  }

  iterateIssues(snapshotId: string, collection: SnapshotCollection) {
    return iterateIssues(this.db, snapshotId, collection);
  }

  getRecord<C extends SnapshotCollection>(
    snapshotId: string,
    collection: C,
    sourcedId: string,
  ): StoredRecord<C> | null {
    return getRecord(this.db, snapshotId, collection, sourcedId);
  }

  duplicates(snapshotId: string, collection: SnapshotCollection): DuplicateRow[] {
    return listDuplicates(this.db, snapshotId, collection);
  }

  rejected(snapshotId: string, collection?: string): IterableIterator<RejectedRow> {
    return iterateRejected(this.db, snapshotId, collection);
  }

  /** Delta pull: start `toId` (running, empty) as a copy of the complete snapshot `fromId`. */
  cloneForDelta(fromId: string, toId: string): void {
    cloneSnapshotRows(this.writeDb, fromId, toId, 'delta');
  }

  /** Resume: start `toId` (running, empty) from everything a failed/cancelled pull already stored, pages included. */
  cloneForResume(fromId: string, toId: string): void {
    cloneSnapshotRows(this.writeDb, fromId, toId, 'resume');
  }

  /**
   * Marks snapshots left 'running' by a process that no longer exists as failed ('interrupted'). Runs on open;
   * snapshots of live processes (another window, the CLI) are left alone. Returns the ids it marked.
   */
  recoverInterrupted(): string[] {
    const running = this.db
      .prepare("SELECT id, owner_pid, owner_token FROM snapshots WHERE status = 'running'")
      .all() as Array<{ id: string; owner_pid: number | null; owner_token: string | null }>;
    const marked: string[] = [];
    for (const r of running) {
      if (r.owner_token === this.ownerToken) continue;
      if (r.owner_pid !== null && isProcessAlive(r.owner_pid)) continue;
      this.finish(r.id, 'failed', INTERRUPTED, {});
      marked.push(r.id);
    }
    return marked;
  }

  close(): void {
    if (this.writeConnection?.open) this.writeConnection.close();
    if (this.db.open) this.db.close();
  }

  private isOwnedElsewhere(snapshotId: string): boolean {
    const row = this.db
      .prepare('SELECT owner_pid, owner_token FROM snapshots WHERE id = ?')
      .get(snapshotId) as { owner_pid: number | null; owner_token: string | null } | undefined;
    if (row === undefined || row.owner_token === this.ownerToken) return false;
    return row.owner_pid !== null && row.owner_pid !== process.pid && isProcessAlive(row.owner_pid);
  }

  private finish(
    snapshotId: string,
    status: Exclude<SnapshotStatus, 'running'>,
    error: string | null,
    facts: Record<string, unknown>,
    counted?: SnapshotCounted,
  ): SnapshotMeta {
    this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT status, provider_facts FROM snapshots WHERE id = ?')
        .get(snapshotId) as { status: string; provider_facts: string } | undefined;
      if (row === undefined) {
        throw new ServiceError(
          'snapshot_not_found',
          `Snapshot ${snapshotId} does not exist.`,
          'It may have been deleted; start a new pull.',
        );
      }
      if (row.status !== 'running') {
        throw new ServiceError(
          'snapshot_not_writable',
          `Snapshot ${snapshotId} is already ${row.status}.`,
          'A finished snapshot cannot be changed; start a new pull or import.',
        );
      }
      const merged = { ...(JSON.parse(row.provider_facts) as Record<string, unknown>), ...facts };
      this.db
        .prepare(
          `UPDATE snapshots SET status = ?, finished_at = ?, error = ?, provider_facts = ?, counts = ?, issue_counts = ?,
             owner_pid = NULL, owner_token = NULL
           WHERE id = ?`,
        )
        .run(
          status,
          new Date().toISOString(),
          error,
          JSON.stringify(merged),
          JSON.stringify(counted?.counts ?? countRecords(this.db, snapshotId)),
          JSON.stringify(counted?.issues ?? countIssues(this.db, snapshotId)),
          snapshotId,
        );
    })();
    return this.get(snapshotId)!;
  }
}

/** Opens the store in a data folder (`<dir>/preflight.sqlite`) or at a database path, and recovers crashed pulls. */
export function openSnapshotStore(dataDirOrDbPath: string): SnapshotStore {
  const store = new SnapshotStore(resolveDbPath(dataDirOrDbPath));
  store.recoverInterrupted();
  return store;
}
