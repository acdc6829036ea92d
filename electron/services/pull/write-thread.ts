import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { FromWorker, ToWorker, WriteOp } from './write-protocol';

/**
 * Pages fetched but not yet written: the fetching side waits when this many are queued, so a slow disk
 * slows the pull down instead of filling memory (at the default 1000 records per page, ~10 MB).
 */
export const MAX_QUEUED_OPS = 8;

/** A write thread (write-worker.ts) for one pull's snapshot, with bounded queueing. */
export class WriteThread {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private sent = 0;
  private written = 0;
  private failure: Error | null = null;
  private closing = false;
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(dbPath: string, snapshotId: string) {
    this.worker = startWorker('pull-write');
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'written') this.advance(m.seq);
      else {
        this.fail(
          fromWorkerFailure(
            m.error,
            (message) =>
              new ServiceError(
                'snapshot_write_failed',
                `Storing pulled records failed: ${message}`,
                'Check that the data folder is writable and has free space, then resume the pull.',
              ),
          ),
        );
      }
    });
    this.worker.on('error', (err) =>
      this.fail(
        new ServiceError(
          'snapshot_write_failed',
          `The pull's write thread stopped: ${err.message}`,
          'Resume the pull; pages already stored are kept.',
          { cause: err },
        ),
      ),
    );
    this.worker.on('exit', () => {
      if (!this.closing)
        this.fail(
          new ServiceError(
            'snapshot_write_failed',
            "The pull's write thread exited.",
            'Resume the pull; pages already stored are kept.',
          ),
        );
    });
    this.post({ type: 'open', dbPath, snapshotId });
  }

  /** Queues one write; waits while MAX_QUEUED_OPS are already queued. Throws the thread's failure, if any. */
  async send(op: WriteOp): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const seq = ++this.sent;
    this.post({ type: 'ops', seq, ops: [op] });
    if (seq - this.written > MAX_QUEUED_OPS) await this.until(seq - MAX_QUEUED_OPS);
  }

  /** Resolves once the queue has room for another write (so a page is fetched only when it can be queued). */
  room(): Promise<void> {
    return this.until(this.sent - MAX_QUEUED_OPS);
  }

  /** Resolves once everything queued is committed. */
  flush(): Promise<void> {
    return this.until(this.sent);
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

  private until(seq: number): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.written >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  private advance(seq: number): void {
    this.written = seq;
    const ready = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    for (const w of ready) w.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.failure);
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
