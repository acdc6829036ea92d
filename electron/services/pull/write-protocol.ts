import type { MessagePort } from 'node:worker_threads';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { PreparedBatch } from '../snapshots/prepare';
import type { SnapshotCounted } from '../snapshots/store';
import type { AddResult, PageInfo } from '../snapshots/writer';
import type { WorkerFailure } from '../worker';

/**
 * Messages between a pull and its write thread (write-thread.ts ↔ write-worker.ts). Ordered, one port.
 * Pages travel as prepared rows (flat primitives), not record objects: cloning objects cost more than parsing.
 */
export type WriteOp =
  /** `at` (CSV import): where each record came from, `${file}:${lines[position]}` (duplicates' locations). */
  | {
      op: 'add';
      collection: SnapshotCollection;
      batch: PreparedBatch;
      pageKey?: string;
      at?: { file: string; lines: number[] };
    }
  | { op: 'reject'; collection: SnapshotCollection; raw: unknown; reason: string; location: string }
  | { op: 'mark'; collection: SnapshotCollection; pageKey: string; info: PageInfo }
  /** CSV import: how the collection's rows stored as CSV lines are read back (SnapshotWriter.setRawLayout). */
  | { op: 'layout'; collection: SnapshotCollection; layout: string };

/** Per collection, what the add ops applied so far did (SnapshotWriter's AddResult, summed). */
export type AddTallies = Partial<Record<SnapshotCollection, AddResult>>;

/** Adds one add op's result to the collection's tally (the write thread and the in-process import alike). */
export function tallyAdd(tallies: AddTallies, collection: SnapshotCollection, r: AddResult): void {
  const sum = (tallies[collection] ??= { stored: 0, invalid: 0, duplicates: 0, withIssues: 0 });
  sum.stored += r.stored;
  sum.invalid += r.invalid;
  sum.duplicates += r.duplicates;
  sum.withIssues += r.withIssues;
}

/** Where record `i` of a CSV import's add op is said to be (duplicates, rejected records): `file:line`. */
export function lineLocations(at: { file: string; lines: readonly number[] }): (i: number) => string {
  return (i) => `${at.file}:${at.lines[i]}`;
}

export type ToWorker =
  /** `ops`: the port the ops then come on (from the parse thread, parse-worker.ts); default this thread's. */
  | { type: 'open'; dbPath: string; snapshotId: string; ops?: MessagePort; commitRows?: number }
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
  /** `added`: the running totals (sent when an add op was applied since the last `written`). */
  | { type: 'written'; seq: number; added?: AddTallies }
  | { type: 'committed'; seq: number }
  | { type: 'counted'; counted: SnapshotCounted }
  | { type: 'failed'; error: WorkerFailure; added: AddTallies };
