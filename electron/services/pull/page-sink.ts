import type { PullCollection } from '../../../shared/pull/progress';
import { prepareRecords } from '../snapshots/prepare';
import type { SnapshotStore } from '../snapshots/store';
import { tableSpec } from '../snapshots/tables';
import type { PageInfo, SnapshotWriter } from '../snapshots/writer';
import { WriteThread } from './write-thread';
import type { WriteOp } from './write-protocol';

/**
 * Where a pull's pages go. Small pulls write in-process (a thread costs more to start than it saves); once
 * the pull knows it will hold `threadFrom` records, writes move to a write thread (write-worker.ts), in
 * order: in-process writes are already committed when they return. `flush()` before reading what was
 * stored; `close()` before finishing the snapshot.
 */
export class PullWrites {
  private thread: WriteThread | null = null;
  private readonly writers = new Map<PullCollection, SnapshotWriter>();
  private expected = 0;

  constructor(
    private readonly store: SnapshotStore,
    private readonly snapshotId: string,
    private readonly threadFrom: number,
  ) {}

  /** A collection's announced size (X-Total-Count): a big pull starts its write thread at once. */
  expect(records: number): void {
    this.expected += records;
    this.maybeStartThread();
  }

  add(collection: PullCollection, records: unknown[], pageKey: string): Promise<void> {
    this.expected += records.length;
    this.maybeStartThread();
    const batch = prepareRecords(tableSpec(collection), records);
    return this.write({ op: 'add', collection, batch, pageKey });
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

  async close(): Promise<void> {
    await this.thread?.close();
  }

  private maybeStartThread(): void {
    if (this.thread === null && this.expected >= this.threadFrom) {
      this.thread = new WriteThread(this.store.dbPath, this.snapshotId);
    }
  }

  private async write(op: WriteOp): Promise<void> {
    if (this.thread !== null) return this.thread.send(op);
    const w = this.writerOf(op.collection);
    if (op.op === 'add') w.addPrepared(op.batch, op.pageKey);
    else if (op.op === 'reject') w.reject(op.raw, op.reason, op.location);
    else w.markPageDone(op.pageKey, op.info);
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
