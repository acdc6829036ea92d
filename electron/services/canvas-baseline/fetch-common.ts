import type { BaselineCounts, BaselineMeta, BaselineType } from '../../../shared/canvas/baseline';
import { isServiceError, ServiceError } from '../../../shared/errors';
import { countBaselineInWorker } from './fetch-count-thread';
import type { BaselineStore } from './store';

/** What a baseline fetch reports while it runs (API reads and the report flow share it). */
export type FetchPhase =
  | 'accounts'
  | 'terms'
  | 'courses'
  | 'sections'
  | 'users'
  | 'logins'
  | 'enrollments'
  | 'report'
  | 'download'
  | 'import';

export interface BaselineFetchProgress {
  phase: FetchPhase;
  /** The baseline type being stored, when rows are being written. */
  type?: BaselineType;
  /** Rows stored so far for `type` (users phase: users read). */
  rows: number;
  /** API pages read in this phase. */
  pages: number;
  /** Per-course phases: courses done of total. */
  done?: number;
  total?: number;
  /** Report phase: Canvas's own progress, 0–100. */
  percent?: number;
  /** Download phase: bytes received. */
  bytes?: number;
}

export type ProgressFn = (p: BaselineFetchProgress) => void;

export function fetchCancelled(): ServiceError {
  return new ServiceError(
    'baseline_fetch_cancelled',
    'The Canvas baseline fetch was cancelled.',
    'Nothing was kept from the interrupted fetch; start it again when ready.',
  );
}

export function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || isServiceError(err, 'canvas_cancelled');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw fetchCancelled();
}

/**
 * Runs the body against a fresh baseline: complete on success; on any failure the baseline is marked failed
 * ('cancelled' for a cancellation) and never complete. Cancellations surface as baseline_fetch_cancelled.
 * The rows are counted on a thread (countBaselineInWorker), not on the caller's: ~1 s on the large district.
 */
export async function withBaseline(
  store: BaselineStore,
  baselineId: string,
  signal: AbortSignal | undefined,
  body: () => Promise<void>,
): Promise<BaselineMeta> {
  let counts: BaselineCounts;
  try {
    await body();
    throwIfAborted(signal);
    counts = await countBaselineInWorker(store, baselineId);
    throwIfAborted(signal);
  } catch (err) {
    const cancelled = isCancellation(err, signal);
    const meta = store.get(baselineId);
    if (meta?.status === 'running') {
      store.fail(baselineId, cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err));
    }
    throw cancelled ? fetchCancelled() : err;
  }
  return store.complete(baselineId, counts);
}

/**
 * Runs `fn` over items with at most `concurrency` at once. On the first failure no new item starts, the running
 * ones finish, and that failure is thrown (so nothing keeps writing after the caller has given up).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!, i);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== null) throw (failure as { err: unknown }).err;
}
