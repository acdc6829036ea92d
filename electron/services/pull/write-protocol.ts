import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { PageInfo } from '../snapshots/writer';

/** Messages between a pull and its write thread (write-thread.ts ↔ write-worker.ts). Ordered, one port. */
export type WriteOp =
  | { op: 'add'; collection: SnapshotCollection; records: unknown[]; pageKey: string }
  | { op: 'reject'; collection: SnapshotCollection; raw: unknown; reason: string; location: string }
  | { op: 'mark'; collection: SnapshotCollection; pageKey: string; info: PageInfo };

export type ToWorker =
  | { type: 'open'; dbPath: string; snapshotId: string }
  | { type: 'ops'; seq: number; ops: WriteOp[] }
  | { type: 'close' };

export interface WorkerFailure {
  code: string | null;
  message: string;
  hint: string | null;
}

/** `written`: every op up to `seq` is committed. `failed`: the thread stopped at the first failure. */
export type FromWorker = { type: 'written'; seq: number } | { type: 'failed'; error: WorkerFailure };
