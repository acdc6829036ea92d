import type { MessagePort, Worker } from 'node:worker_threads';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { SnapshotCounted } from '../snapshots/store';
import type { ParseOp } from './parse-protocol';
import type { AddTallies, FromWorker, ToWorker, WriteOp } from './write-protocol';

/** Where ops go when they pass through a parse thread first: its `post`, and the port the write thread reads. */
export interface OpsRoute {
  ops: MessagePort;
  post: (m: { type: 'ops'; seq: number; ops: ParseOp[] } | { type: 'commit' } | { type: 'count' }) => void;
}

/**
 * Pages fetched but not yet written: the fetching side waits when this many are queued, so a slow disk
 * slows the pull down instead of filling memory (at the default 1000 records per page, ~10 MB).
 */
export const MAX_QUEUED_OPS = 8;

/** How the thread's failures read to the user: what it was storing, and what to do after a failure. */
export interface WriteThreadWords {
  /** "Storing pulled records failed: …" */
  failed: string;
  /** "The pull's write thread …" */
  thread: string;
  hint: string;
  /** When the thread itself died (stopped or exited): what is kept. */
  stoppedHint: string;
}

const PULL_WORDS: WriteThreadWords = {
  failed: 'Storing pulled records failed',
  thread: "The pull's write thread",
  hint: 'Check that the data folder is writable and has free space, then resume the pull.',
  stoppedHint: 'Resume the pull; pages already stored are kept.',
};

/**
 * A write thread (write-worker.ts) for one snapshot (a pull's or a CSV import's), with bounded queueing:
 * `written` (applied, memory freed) paces the sender, `committed` (readable by other connections) answers `flush`.
 */
export class WriteThread {
  /** What the add ops applied so far did, per collection (as of the last acknowledgement). */
  added: AddTallies = {};
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private sent = 0;
  private written = 0;
  private committed = 0;
  private counting: Array<{ resolve: (c: SnapshotCounted) => void; reject: (e: Error) => void }> = [];
  private commitAsked = 0;
  private failure: Error | null = null;
  private closing = false;
  private waiters: Array<{
    seq: number;
    committed: boolean;
    resolve: () => void;
    reject: (e: Error) => void;
  }> = [];

  constructor(
    dbPath: string,
    snapshotId: string,
    private readonly route: OpsRoute | null = null,
    words: WriteThreadWords = PULL_WORDS,
    /** Ops queued before `send` waits (a CSV import queues more: see csv-import/import-writes.ts). */
    private readonly maxQueued = MAX_QUEUED_OPS,
  ) {
    this.worker = startWorker('pull-write');
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'written') {
        if (m.added !== undefined) this.added = m.added;
        this.advance(m.seq, this.committed);
      } else if (m.type === 'committed') this.advance(Math.max(this.written, m.seq), m.seq);
      else if (m.type === 'counted') {
        const waiting = this.counting;
        this.counting = [];
        for (const w of waiting) w.resolve(m.counted);
      } else {
        this.added = m.added;
        this.fail(
          fromWorkerFailure(
            m.error,
            (message) => new ServiceError('snapshot_write_failed', `${words.failed}: ${message}`, words.hint),
          ),
        );
      }
    });
    this.worker.on('error', (err) =>
      this.fail(
        new ServiceError(
          'snapshot_write_failed',
          `${words.thread} stopped: ${err.message}`,
          words.stoppedHint,
          { cause: err },
        ),
      ),
    );
    this.worker.on('exit', () => {
      if (!this.closing)
        this.fail(new ServiceError('snapshot_write_failed', `${words.thread} exited.`, words.stoppedHint));
    });
    if (route === null) this.post({ type: 'open', dbPath, snapshotId });
    else
      this.worker.postMessage({ type: 'open', dbPath, snapshotId, ops: route.ops } satisfies ToWorker, [
        route.ops,
      ]);
  }

  /** Queues one write; waits while `maxQueued` ops are already queued. Throws the thread's failure, if any. */
  async send(op: WriteOp | ParseOp): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const seq = ++this.sent;
    if (this.route !== null) this.route.post({ type: 'ops', seq, ops: [op] });
    else if (op.op === 'add-parsed') throw new Error('a parsed page needs the parse thread');
    else this.post({ type: 'ops', seq, ops: [op] });
    if (seq - this.written > this.maxQueued) await this.until(seq - this.maxQueued);
  }

  /** Resolves once the queue has room for another write (so a page is fetched only when it can be queued). */
  room(): Promise<void> {
    return this.until(this.sent - this.maxQueued);
  }

  /** Resolves once everything queued is committed. */
  flush(): Promise<void> {
    if (this.failure === null && this.committed < this.sent && this.commitAsked < this.sent) {
      this.commitAsked = this.sent;
      if (this.route !== null) this.route.post({ type: 'commit' });
      else this.post({ type: 'commit' });
    }
    return this.until(this.sent, true);
  }

  /** Everything queued committed, then the snapshot's counts, computed on the thread (not the caller's). */
  count(): Promise<SnapshotCounted> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.counting.push({ resolve, reject });
      if (this.route !== null) this.route.post({ type: 'count' });
      else this.post({ type: 'count' });
    });
  }

  /** Waits for queued writes (their failure is thrown after the thread is gone), then ends the thread. */
  async close(): Promise<void> {
    let error: unknown = null;
    try {
      await this.flush();
    } catch (err) {
      error = err;
    }
    this.closing = true;
    this.post({ type: 'close' });
    await this.exited;
    if (error !== null) throw error;
  }

  private until(seq: number, committed = false): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if ((committed ? this.committed : this.written) >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, committed, resolve, reject }));
  }

  private advance(written: number, committed: number): void {
    this.written = written;
    this.committed = committed;
    const done = (w: { seq: number; committed: boolean }): boolean =>
      w.seq <= (w.committed ? committed : written);
    const ready = this.waiters.filter(done);
    this.waiters = this.waiters.filter((w) => !done(w));
    for (const w of ready) w.resolve();
  }

  /** Also called by the parse thread's host when that thread fails: nothing more reaches this one. */
  fail(error: Error): void {
    this.failure ??= error;
    const waiting = [...this.waiters, ...this.counting];
    this.waiters = [];
    this.counting = [];
    for (const w of waiting) w.reject(this.failure);
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
