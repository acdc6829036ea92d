import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { ServiceError } from '../../../shared/errors';
import type { PreparedBatch } from '../snapshots/prepare';
import type { SnapshotCounted, SnapshotStore } from '../snapshots/store';
import type { AddResult, SnapshotWriter } from '../snapshots/writer';
import { lineLocations, tallyAdd, type AddTallies, type WriteOp } from '../pull/write-protocol';
import { WriteThread, type WriteThreadWords } from '../pull/write-thread';

/**
 * Bundles at least this big (uncompressed bytes, ~150k rows) are written by a write thread: parsing and inserting
 * then run on two cores, saving about a third of an in-process import's time. Starting the thread costs ~0.8 s
 * CPU from the source tree (tsx compiles its modules; far less in the built app), which a bundle pays back from
 * about 16 MB (the medium demo district, 16.7 MB, took 5.5 s CPU with it, 4.4 s without).
 */
export const DEFAULT_WRITE_THREAD_FROM = 20 * 2 ** 20;

/**
 * In-process bulk transactions: rows per commit, large enough that a commit's WAL write amortises over many
 * batches, small enough that the WAL stays bounded (a few tens of MB) and a crash loses little.
 */
const ROWS_PER_COMMIT = 50_000;

/**
 * 1000-row batches queued for the write thread before parsing waits (~3 MB each). The large district on a busy
 * machine: with the pull's 8 the thread sat idle ~5 s whenever parsing paused (GC, the next file); 16: ~3.5 s
 * for ~+30 MB peak RSS; 32: ~2.5 s for ~+90 MB.
 */
const MAX_QUEUED_BATCHES = 16;

const IMPORT_WORDS: WriteThreadWords = {
  failed: 'Storing the imported rows failed',
  thread: "The import's write thread",
  hint: 'Check that the data folder is writable and has free space, then import the bundle again.',
  stoppedHint: 'Import the bundle again.',
};

/**
 * Where a CSV import's prepared rows go: straight into the store (small bundles), or to a write thread
 * (pull/write-worker.ts) that inserts them on its own connection while this thread reads and prepares the next
 * rows. Ops are queued in order; `settle()` after each CSV batch sends them and waits while the thread's queue
 * is full (bounded memory), and throws the thread's failure. Both ways store exactly the same rows.
 */
export class ImportWrites {
  private readonly thread: WriteThread | null;
  private readonly writers = new Map<SnapshotCollection, SnapshotWriter>();
  private readonly pending: WriteOp[] = [];
  /** In-process: the sums of AddResult per collection (the thread keeps its own). */
  private readonly local: AddTallies = {};
  /** In-process: the file's bulk transaction (null: none open, or one was already open on the connection). */
  private bulk: { writer: SnapshotWriter; rows: number; rowsAtCommit: number } | null = null;

  constructor(
    private readonly store: SnapshotStore,
    private readonly snapshotId: string,
    useThread: boolean,
  ) {
    this.thread = useThread
      ? new WriteThread(store.dbPath, snapshotId, null, IMPORT_WORDS, MAX_QUEUED_BATCHES)
      : null;
  }

  /** Starts a file: in-process, its rows go in one bulk transaction committed every ROWS_PER_COMMIT rows. */
  startFile(collection: SnapshotCollection): void {
    if (this.thread !== null) return;
    const writer = this.writerOf(collection);
    if (writer.beginBulk()) this.bulk = { writer, rows: 0, rowsAtCommit: 0 };
  }

  /** Ends the file's bulk transaction (also after a failure: what was stored so far is kept, as per batch). */
  endFile(): void {
    const bulk = this.bulk;
    this.bulk = null;
    if (bulk !== null) here(() => bulk.writer.endBulk());
  }

  layout(collection: SnapshotCollection, layout: string): void {
    if (this.thread !== null) this.pending.push({ op: 'layout', collection, layout });
    else here(() => this.writerOf(collection).setRawLayout(layout));
  }

  reject(collection: SnapshotCollection, raw: string, reason: string, location: string): void {
    if (this.thread !== null) this.pending.push({ op: 'reject', collection, raw, reason, location });
    else here(() => this.writerOf(collection).reject(raw, reason, location));
  }

  /** Record `i` of the batch is line `lines[i]` of `file` (where a duplicate or a rejected record is said to be). */
  add(collection: SnapshotCollection, batch: PreparedBatch, file: string, lines: number[]): void {
    if (this.thread !== null) {
      this.pending.push({ op: 'add', collection, batch, at: { file, lines } });
      return;
    }
    const writer = this.writerOf(collection);
    const r = here(() => writer.addPrepared(batch, undefined, lineLocations({ file, lines })));
    tallyAdd(this.local, collection, r);
    if (this.bulk !== null) this.bulk.rows += batch.received;
  }

  /** After each CSV batch: sends the queued ops (waiting while the thread is busy) or commits in-process. */
  async settle(): Promise<void> {
    if (this.thread === null) {
      const bulk = this.bulk;
      if (bulk !== null && bulk.rows - bulk.rowsAtCommit >= ROWS_PER_COMMIT) {
        here(() => bulk.writer.commitBulk());
        bulk.rowsAtCommit = bulk.rows;
      }
      return;
    }
    for (const op of this.pending.splice(0)) await this.thread.send(op);
  }

  /** What the adds stored so far in `collection` (complete once `count()` or `close()` returned). */
  added(collection: SnapshotCollection): AddResult {
    const tallies = this.thread?.added ?? this.local;
    return tallies[collection] ?? { stored: 0, invalid: 0, duplicates: 0, withIssues: 0 };
  }

  /** Everything written and committed, then the snapshot's counts from the thread; null in-process (the store counts). */
  async count(): Promise<SnapshotCounted | null> {
    if (this.thread === null) return null;
    await this.settle();
    return this.thread.count();
  }

  /** Commits what was written and ends the thread; throws the thread's failure, if any. Call once, always. */
  async close(): Promise<void> {
    this.endFile();
    await this.thread?.close();
  }

  private writerOf(collection: SnapshotCollection): SnapshotWriter {
    let w = this.writers.get(collection);
    if (w === undefined) {
      w = here(() => this.store.writer(this.snapshotId, collection));
      this.writers.set(collection, w);
    }
    return w;
  }
}

/** An in-process write: a SQLite failure reads as the write thread's would (a ServiceError stays itself). */
function here<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ServiceError('snapshot_write_failed', `${IMPORT_WORDS.failed}: ${message}`, IMPORT_WORDS.hint, {
      cause: err,
    });
  }
}
