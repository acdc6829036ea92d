import type { MessagePort } from 'node:worker_threads';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { PreparedBatch } from '../snapshots/prepare';
import type { SnapshotCounted } from '../snapshots/store';
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
  /** `ops`: the port the ops then come on (from the parse thread, parse-worker.ts); default this thread's. */
  | { type: 'open'; dbPath: string; snapshotId: string; ops?: MessagePort }
  | { type: 'ops'; seq: number; ops: WriteOp[] }
  /** Commit what is applied now (the pull is about to read the ledger, or is ending). */
  | { type: 'commit' }
  /** Commit, then count the snapshot's records and issues here (not on the pull's thread): `counted`. */
  | { type: 'count' }
  | { type: 'close' };

/**
 * `written`: every op up to `seq` is applied (its memory freed; in the open transaction). `committed`: every op
 * up to `seq` is committed (readable from other connections). `failed`: the thread stopped at the first failure.
 */
export type FromWorker =
  | { type: 'written'; seq: number }
  | { type: 'committed'; seq: number }
  | { type: 'counted'; counted: SnapshotCounted }
  | { type: 'failed'; error: WorkerFailure };
