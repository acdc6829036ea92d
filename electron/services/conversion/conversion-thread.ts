import type { Worker } from 'node:worker_threads';
import type { ConversionResult } from '../../../shared/conversion/types';
import { ServiceError } from '../../../shared/errors';
import type { WrittenZip } from '../canvas-csv';
import type { FileRows } from '../sync/compare';
import type { ReadMessages } from '../sync/read-messages';
import type { PredictorOutput } from '../sync/prepare-sync';
import type {
  ConversionRequest,
  ConversionWorkerData,
  FromConversionWorker,
  SyncFilesRequest,
  SyncMessagesRequest,
  SyncPredictionRequest,
  SyncZipRequest,
  ToConversionWorker,
} from './conversion-protocol';
import { fromWorkerFailure, startWorker } from '../worker';

export type {
  ConversionRequest,
  SyncFilesRequest,
  SyncMessagesRequest,
  SyncPredictionRequest,
  SyncZipRequest,
} from './conversion-protocol';

type Job = Exclude<ToConversionWorker, { type: 'forget' }>;
type JobRequest = Job extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

/** A queued request was replaced by a newer one with the same key before the thread started on it. */
export const CONVERSION_SUPERSEDED = 'conversion_superseded';

export function isSuperseded(err: unknown): boolean {
  return err instanceof ServiceError && err.code === CONVERSION_SUPERSEDED;
}

interface Pending {
  id: number;
  request: JobRequest;
  key: string | undefined;
  resolve: (result: never) => void;
  reject: (err: Error) => void;
}

function failed(message: string, cause?: unknown): ServiceError {
  return new ServiceError(
    'conversion_failed',
    `The conversion stopped: ${message}`,
    'Open the Conversion screen again; if it keeps failing, check that the data folder is readable.',
    cause === undefined ? undefined : { cause },
  );
}

/**
 * One persistent conversion thread (conversion-worker.ts) over the snapshot database at `dbPath`, started on first
 * use. Requests run one at a time in arrival order; a request given a `key` replaces a still-queued one with the
 * same key (the older caller is rejected with `conversion_superseded`). Same result as `evaluateConversion`
 * in process: the thread runs exactly that, over a plan it builds (and keeps) from the same snapshot and options.
 */
export class ConversionWorker {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private running: Pending | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly dbPath: string) {}

  convert(request: ConversionRequest, key?: string): Promise<ConversionResult> {
    return this.enqueue({ type: 'convert', ...request }, key);
  }

  /**
   * The sync preview's row-level prediction, computed in the thread over its kept plan (a lookup when the
   * conversion of the same files and mode computed it already). Queued like a conversion, so it follows one.
   */
  predict(request: SyncPredictionRequest): Promise<PredictorOutput> {
    return this.enqueue({ type: 'predict', ...request });
  }

  /** The sync's zip, CSV files and all, written by the thread from its kept plan (nothing built on this thread). */
  writeSyncZip(request: SyncZipRequest): Promise<WrittenZip> {
    return this.enqueue({ type: 'zip', ...request });
  }

  /** Rows per file of the sync's CSV files, built in the thread (the plan-based preview needs no baseline). */
  countSyncFiles(request: SyncFilesRequest): Promise<FileRows> {
    return this.enqueue({ type: 'count', ...request });
  }

  /** Canvas's answer read in the thread: its error file parsed, its rows located in the sync's files. */
  readSyncMessages(request: SyncMessagesRequest): Promise<ReadMessages> {
    return this.enqueue({ type: 'messages', ...request });
  }

  private enqueue<T>(request: JobRequest, key?: string): Promise<T> {
    if (this.disposed) return Promise.reject(failed('the app is closing.'));
    return new Promise<T>((resolve, reject) => {
      if (key !== undefined) {
        const older = this.queue.findIndex((p) => p.key === key);
        if (older >= 0) {
          const [replaced] = this.queue.splice(older, 1);
          replaced!.reject(
            new ServiceError(
              CONVERSION_SUPERSEDED,
              'A newer conversion of this district replaced this one before it started.',
              'Use the newer conversion.',
            ),
          );
        }
      }
      this.queue.push({ id: this.nextId++, request, key, resolve: resolve as (r: never) => void, reject });
      this.pump();
    });
  }

  /** Drops the plan and baseline index the thread keeps (e.g. the district was removed). */
  forget(): void {
    this.worker?.postMessage({ type: 'forget' } satisfies ToConversionWorker);
  }

  /** Rejects what is queued and stops the thread (with the handlers: app quit, end of a test). */
  async dispose(): Promise<void> {
    this.disposed = true;
    const stopped = failed('the app is closing.');
    for (const p of this.queue.splice(0)) p.reject(stopped);
    this.running?.reject(stopped);
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.running !== null || this.disposed) return;
    const next = this.queue.shift();
    if (next === undefined) {
      // Idle: the thread must not keep a CLI or test process alive.
      this.worker?.unref();
      return;
    }
    const worker = this.worker ?? this.start();
    worker.ref();
    this.running = next;
    worker.postMessage({ ...next.request, id: next.id } as ToConversionWorker);
  }

  private start(): Worker {
    const worker = startWorker('conversion', { dbPath: this.dbPath } satisfies ConversionWorkerData);
    let crash: Error | null = null;
    worker.on('message', (m: FromConversionWorker) => {
      const p = this.running;
      if (worker !== this.worker || p === null || p.id !== m.id) return;
      this.running = null;
      if (m.type === 'done') p.resolve(m.result as never);
      else if (m.type === 'predicted') p.resolve(m.output as never);
      else if (m.type === 'zipped') p.resolve(m.zip as never);
      else if (m.type === 'counted') p.resolve(m.files as never);
      else if (m.type === 'read') p.resolve(m.messages as never);
      else p.reject(fromWorkerFailure(m.error, (message) => failed(message)));
      this.pump();
    });
    worker.on('error', (err) => {
      crash = err;
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return; // disposed (or already replaced)
      this.worker = null;
      const p = this.running;
      this.running = null;
      p?.reject(
        crash
          ? failed(crash.message, crash)
          : failed(`the conversion thread exited (code ${code}) before it answered.`),
      );
      // What is still queued runs on a fresh thread.
      this.pump();
    });
    this.worker = worker;
    return worker;
  }
}
