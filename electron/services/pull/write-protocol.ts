import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { PreparedBatch } from '../snapshots/prepare';
import type { PageInfo } from '../snapshots/writer';
import type { WorkerFailure } from '../worker';

/**
 * Messages between a pull and its write thread (write-thread.ts ↔ write-worker.ts). Ordered, one port.
 * Pages travel as prepared rows (flat primitives), not record objects: cloning objects cost more than parsing.
 */
export type WriteOp =
  | { op: 'add'; collection: SnapshotCollection; batch: PreparedBatch; pageKey: string }
  | { op: 'reject'; collection: SnapshotCollection; raw: unknown; reason: string; location: string }
  | { op: 'mark'; collection: SnapshotCollection; pageKey: string; info: PageInfo };

export type ToWorker =
  | { type: 'open'; dbPath: string; snapshotId: string }
  | { type: 'ops'; seq: number; ops: WriteOp[] }
  | { type: 'close' };

/** `written`: every op up to `seq` is committed. `failed`: the thread stopped at the first failure. */
export type FromWorker = { type: 'written'; seq: number } | { type: 'failed'; error: WorkerFailure };
