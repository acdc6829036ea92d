import type { MessagePort } from 'node:worker_threads';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { WorkerFailure } from '../worker';
import type { EnvelopeSummary } from './pulled-page';
import type { WriteOp } from './write-protocol';

/**
 * Messages between a big pull and its parse thread (parse-thread.ts ↔ parse-worker.ts). The pull hands each
 * page's bytes over (transferred, not copied); the thread reads the envelope and answers what the pull's paging
 * logic needs (count, first id, quirks) while the records stay there. The pull's write ops go through the same
 * port, in order: `add-parsed` names a page it holds, which it prepares (snapshots/prepare.ts) and sends to the
 * write thread with the other ops (write-worker.ts, over the MessagePort given at `open`).
 */
export type ParseOp =
  WriteOp | { op: 'add-parsed'; collection: SnapshotCollection; ref: number; pageKey: string };

export type ToParser =
  | { type: 'open'; writer: MessagePort }
  | { type: 'parse'; ref: number; path: string; url: string; body: Uint8Array }
  | { type: 'drop'; ref: number }
  | { type: 'ops'; seq: number; ops: ParseOp[] }
  /** Passed on to the write thread, in order with the ops. */
  | { type: 'commit' }
  | { type: 'count' }
  | { type: 'close' };

/** An unreadable page is an answer, not a failure: the pull retries it or keeps it as a rejected row. */
export interface EnvelopeFailure {
  message: string;
  codeMinor?: string;
  description?: string;
}

export type FromParser =
  | { type: 'parsed'; ref: number; summary: EnvelopeSummary }
  | { type: 'unreadable'; ref: number; error: EnvelopeFailure }
  | { type: 'failed'; error: WorkerFailure };
