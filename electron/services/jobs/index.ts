import { randomUUID } from 'node:crypto';
import { ServiceError, toErrorData, type ErrorData } from '../../../shared/errors';

/**
 * Long-running work (verify, pull, sync) as jobs: an id the UI can follow and cancel, progress forwarded
 * through an injected sink, and at most one running job per (kind, key), e.g. one verify per profile.
 */

export interface JobEventOut {
  jobId: string;
  kind: string;
  event: unknown;
}

export interface JobDoneOut {
  jobId: string;
  kind: string;
  ok: boolean;
  result?: unknown;
  error?: ErrorData;
}

export interface JobSink {
  event(message: JobEventOut): void;
  done(message: JobDoneOut): void;
}

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  emit(event: unknown): void;
}

export interface JobSpec {
  kind: string;
  /** Jobs with the same kind + key never run concurrently (e.g. the profile id). */
  key?: string;
}

export interface StartedJob<T> {
  jobId: string;
  /** Settles when the job ends; never rejects (the outcome is also sent to the sink). */
  done: Promise<{ ok: true; result: T } | { ok: false; error: ErrorData }>;
}

interface RunningJob {
  kind: string;
  slot: string;
  controller: AbortController;
}

export const CANCELLED_ERROR: ErrorData = {
  code: 'cancelled',
  message: 'The operation was cancelled.',
  hint: 'Run it again when you are ready.',
};

export class JobManager {
  private readonly running = new Map<string, RunningJob>();
  private readonly bySlot = new Map<string, string>();

  constructor(
    private readonly sink: JobSink,
    private readonly describeError: (err: unknown) => ErrorData = toErrorData,
  ) {}

  start<T>(spec: JobSpec, run: (ctx: JobContext) => Promise<T>): StartedJob<T> {
    const slot = `${spec.kind}\u0000${spec.key ?? ''}`;
    if (this.bySlot.has(slot)) {
      throw new ServiceError(
        'job_busy',
        `A ${spec.kind} job is already running${spec.key ? ' for this district' : ''}.`,
        'Wait for it to finish or cancel it first.',
      );
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, { kind: spec.kind, slot, controller });
    this.bySlot.set(slot, jobId);

    const emit = (event: unknown): void => {
      // Late events from a job that already ended would confuse listeners.
      if (this.running.has(jobId)) this.safeSink(() => this.sink.event({ jobId, kind: spec.kind, event }));
    };

    const done = (async () => {
      try {
        const result = await run({ jobId, signal: controller.signal, emit });
        return { ok: true as const, result };
      } catch (err) {
        const error = controller.signal.aborted ? CANCELLED_ERROR : this.describeError(err);
        return { ok: false as const, error };
      } finally {
        this.running.delete(jobId);
        this.bySlot.delete(slot);
      }
    })().then((outcome) => {
      this.safeSink(() => this.sink.done({ jobId, kind: spec.kind, ...outcome }));
      return outcome;
    });

    return { jobId, done };
  }

  /** Asks a job to stop; false when no such job is running. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** The id of the running job for (kind, key), if any. */
  runningJob(kind: string, key?: string): string | undefined {
    return this.bySlot.get(`${kind}\u0000${key ?? ''}`);
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }

  private safeSink(send: () => void): void {
    try {
      send();
    } catch {
      // A closed window must not break the job itself.
    }
  }
}
