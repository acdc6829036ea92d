import { MessageChannel } from 'node:worker_threads';
import type { PullCollection } from '../../../shared/pull/progress';
import type { RawPage } from '../oneroster/client';
import { prepareRecords } from '../snapshots/prepare';
import type { SnapshotCounted, SnapshotStore } from '../snapshots/store';
import { tableSpec } from '../snapshots/tables';
import type { PageInfo, SnapshotWriter } from '../snapshots/writer';
import { ParseThread } from './parse-thread';
import { readHere, type PulledPage } from './pulled-page';
import { WriteThread } from './write-thread';
import type { WriteOp } from './write-protocol';

/**
 * A page body at least this big (~2,000 records: ~100 ms of parsing, preparing and inserting) is never read on
 * the calling thread, even before the pull knows it is big (the app's main thread must not block for 100 ms,
 * issue 13). Smaller pages of a pull not yet known to be big are read here: starting the two threads costs more
 * than a small pull (the demo district) saves.
 */
const LOCAL_PAGE_MAX_BYTES = 1024 * 1024;

/**
 * Where a pull's pages are read and go. Small pulls read and write in-process (threads cost more to start than
 * they save); once the pull knows it will hold `threadFrom` records (or a page is big), pages are read in a
 * parse thread (parse-worker.ts) and written by a write thread (write-worker.ts), so the calling thread only
 * fetches, and writes stay in order: in-process writes are already committed when they return. `flush()` before
 * reading what was stored; `close()` before finishing the snapshot.
 */
export class PullWrites {
  private thread: WriteThread | null = null;
  private parser: ParseThread | null = null;
  private readonly writers = new Map<PullCollection, SnapshotWriter>();
  private expected = 0;

  constructor(
    private readonly store: SnapshotStore,
    private readonly snapshotId: string,
    private readonly threadFrom: number,
  ) {}

  /** A collection's announced size (X-Total-Count): a big pull starts its threads at once. */
  expect(records: number): void {
    this.expected += records;
    this.maybeStartThread();
  }

  /** Reads a fetched page's body (in the parse thread once there is one). Rejects with its envelope error. */
  async read(raw: RawPage): Promise<PulledPage> {
    if (raw.body.byteLength >= LOCAL_PAGE_MAX_BYTES && this.threadFrom !== Infinity) this.startThreads();
    if (this.parser !== null) return this.parser.parse(raw);
    return readHere(raw);
  }

  add(collection: PullCollection, page: PulledPage, pageKey: string): Promise<void> {
    this.expected += page.count;
    this.maybeStartThread();
    if (page.records === null)
      return this.thread!.send({ op: 'add-parsed', collection, ref: page.ref!, pageKey });
    const batch = prepareRecords(tableSpec(collection), page.records);
    return this.write({ op: 'add', collection, batch, pageKey });
  }

  /** A page read but not stored (already stored, cancelled, a repeat): its records can go. */
  drop(page: PulledPage): void {
    if (page.records === null) this.parser?.drop(page);
  }

  reject(collection: PullCollection, raw: unknown, reason: string, location: string): Promise<void> {
    return this.write({ op: 'reject', collection, raw, reason, location });
  }

  markPageDone(collection: PullCollection, pageKey: string, info: PageInfo): Promise<void> {
    return this.write({ op: 'mark', collection, pageKey, info });
  }

  /** Resolves when the write queue has room: fetching waits here so pages never pile up in memory. */
  async room(): Promise<void> {
    await this.thread?.room();
  }

  async flush(): Promise<void> {
    await this.thread?.flush();
  }

  /**
   * The snapshot's counts once everything is written: from the write thread when there is one (a full count of a
   * big snapshot would hold the calling thread), else null (the store counts them itself).
   */
  async count(): Promise<SnapshotCounted | null> {
    return this.thread === null ? null : this.thread.count();
  }

  async close(): Promise<void> {
    try {
      await this.thread?.close();
    } finally {
      await this.parser?.close();
    }
  }

  private maybeStartThread(): void {
    if (this.expected >= this.threadFrom) this.startThreads();
  }

  private startThreads(): void {
    if (this.thread === null) {
      const channel = new MessageChannel();
      const parser = new ParseThread(channel.port2, (err) => this.thread?.fail(err));
      this.parser = parser;
      this.thread = new WriteThread(this.store.dbPath, this.snapshotId, {
        ops: channel.port1,
        post: (m) => parser.post(m),
      });
    }
  }

  private async write(op: WriteOp): Promise<void> {
    if (this.thread !== null) return this.thread.send(op);
    const w = this.writerOf(op.collection);
    if (op.op === 'add') w.addPrepared(op.batch, op.pageKey);
    else if (op.op === 'reject') w.reject(op.raw, op.reason, op.location);
    else if (op.op === 'mark') w.markPageDone(op.pageKey, op.info);
    else w.setRawLayout(op.layout);
  }

  private writerOf(collection: PullCollection): SnapshotWriter {
    let w = this.writers.get(collection);
    if (w === undefined) {
      w = this.store.writer(this.snapshotId, collection);
      this.writers.set(collection, w);
    }
    return w;
  }
}
