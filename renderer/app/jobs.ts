import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ZodType } from 'zod';
import type { MainEvent } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/define';
import { call, onMainEvent, toDisplayError } from '../api/client';

/**
 * Every job's events as they arrive, kept from app start. A job can emit before its `start` call has returned
 * the id, so screens look jobs up here instead of listening themselves and missing the first events. Which job
 * a screen follows is its slot (jobSlots.ts).
 */
export interface JobState {
  jobId: string;
  kind: string;
  events: readonly unknown[];
  done?: { ok: boolean; result?: unknown; error?: IpcError };
}

const MAX_JOBS = 50;
let jobs: ReadonlyMap<string, JobState> = new Map();
const listeners = new Set<() => void>();
let unsubscribe: (() => void) | undefined;

function handle(event: MainEvent): void {
  const prev = jobs.get(event.jobId) ?? { jobId: event.jobId, kind: event.kind, events: [] };
  const next: JobState =
    event.type === 'job:event'
      ? { ...prev, events: [...prev.events, event.event] }
      : { ...prev, done: { ok: event.ok, result: event.result, error: event.error } };
  const map = new Map(jobs);
  map.set(event.jobId, next);
  // Forget the oldest finished jobs so a long session does not grow without bound.
  for (const [id, job] of map) {
    if (map.size <= MAX_JOBS) break;
    if (job.done) map.delete(id);
  }
  jobs = map;
  for (const l of listeners) l();
}

export function startJobTracking(): void {
  unsubscribe ??= onMainEvent(handle);
}

export function stopJobTracking(): void {
  unsubscribe?.();
  unsubscribe = undefined;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useJob(jobId: string | undefined): JobState | undefined {
  return useSyncExternalStore(subscribe, () => (jobId ? jobs.get(jobId) : undefined));
}

/** The newest event of the job that `schema` accepts (its latest progress), or undefined. */
export function useLatestJobEvent<T>(job: JobState | undefined, schema: ZodType<T>): T | undefined {
  const events = job?.events;
  return useMemo(() => {
    for (let i = (events?.length ?? 0) - 1; i >= 0; i--) {
      const parsed = schema.safeParse(events![i]);
      if (parsed.success) return parsed.data;
    }
    return undefined;
  }, [events, schema]);
}

/**
 * The one cancel of every screen: asks main to cancel the job (`jobs:cancel`); a refusal goes to `onError` (the
 * screen's error notice). The job's own end arrives as its `job:done`, like any other end.
 */
export function useCancelJob(
  jobId: string | undefined,
  onError: (error: IpcError) => void,
): () => Promise<void> {
  return useCallback(async () => {
    if (!jobId) return;
    try {
      await call('jobs:cancel', { jobId });
    } catch (err) {
      onError(toDisplayError(err));
    }
  }, [jobId, onError]);
}
