import type { MessagePort, Worker } from 'node:worker_threads';
import { ServiceError } from '../../../shared/errors';
import type { RawPage } from '../oneroster/client';
import { oneRosterError } from '../oneroster/errors';
import { startWorker } from '../worker';
import type { FromParser, ParseOp, ToParser } from './parse-protocol';
import { pulledPage, type PulledPage } from './pulled-page';

interface Pending {
  raw: RawPage;
  resolve: (page: PulledPage) => void;
  reject: (err: Error) => void;
}

/**
 * A big pull's parse thread (parse-worker.ts): pages go in as bytes and come back as what the paging logic
 * needs; their records stay in the thread until `add-parsed` (sent through `post`, in order with the other write
 * ops) hands them, prepared, to the write thread over `writerPort`.
 */
export class ParseThread {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private lastRef = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(
    writerPort: MessagePort,
    private readonly onFailure: (err: Error) => void,
  ) {
    this.worker = startWorker('pull-parse');
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: FromParser) => this.receive(m));
    const stopped = (detail: string): ServiceError =>
      new ServiceError(
        'snapshot_write_failed',
        `The pull's parse thread stopped: ${detail}`,
        'Resume the pull; pages already stored are kept.',
      );
    this.worker.on('error', (err) => this.fail(stopped(err.message)));
    this.worker.on('exit', () => {
      if (!this.closing) this.fail(stopped('it exited.'));
    });
    this.worker.postMessage({ type: 'open', writer: writerPort } satisfies ToParser, [writerPort]);
  }

  /** Reads a page's body in the thread (the bytes are moved there, not copied). Rejects with an envelope error. */
  parse(raw: RawPage): Promise<PulledPage> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const ref = ++this.lastRef;
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { raw, resolve, reject });
      const body = raw.body;
      const m: ToParser = { type: 'parse', ref, path: raw.path, url: raw.url, body };
      this.worker.postMessage(m, [body.buffer as ArrayBuffer]);
    });
  }

  /** The page will not be stored: the thread lets its records go. */
  drop(page: PulledPage): void {
    if (page.ref !== null && this.failure === null) this.post({ type: 'drop', ref: page.ref });
  }

  /** Write ops, in order (write-thread.ts numbers them). */
  post(m: Extract<ToParser, { type: 'ops' | 'commit' | 'count' | 'drop' }>): void {
    this.worker.postMessage(m);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.worker.postMessage({ type: 'close' } satisfies ToParser);
    await this.exited;
  }

  private receive(m: FromParser): void {
    if (m.type === 'failed') {
      this.fail(
        new ServiceError(
          'snapshot_write_failed',
          `Reading pulled pages failed: ${m.error.message}`,
          'Resume the pull; pages already stored are kept.',
        ),
      );
      return;
    }
    const p = this.pending.get(m.ref);
    if (p === undefined) return;
    this.pending.delete(m.ref);
    if (m.type === 'parsed') p.resolve(pulledPage(p.raw, m.summary, m.ref));
    else
      p.reject(
        oneRosterError('envelope', m.error.message, {
          url: p.raw.url,
          status: 200,
          ...(m.error.codeMinor !== undefined ? { codeMinor: m.error.codeMinor } : {}),
          ...(m.error.description !== undefined ? { description: m.error.description } : {}),
        }),
      );
  }

  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.onFailure(err);
  }
}

export type { ParseOp };
