import { oneRosterFacts, oneRosterError, type OneRosterFailure } from './errors';

/**
 * Retry policy pieces. ClassLink asks for "exponential backoff with jitter" on 429 and 5xx (docs/oneroster-dialects.md);
 * full jitter spreads concurrent clients best. Retry-After is honoured when sent.
 */

/** Statuses worth retrying: 429 and server errors, except 501/505 which will not change on a retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Connection failures worth retrying: resets and timeouts (not DNS, refused or TLS — those need a fix). */
export function isRetryableError(err: OneRosterFailure): boolean {
  if (err.code === 'timeout') return true;
  if (err.code !== 'network') return false;
  return oneRosterFacts(err)?.errno !== 'ECONNREFUSED';
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date. Dates are measured against the server's own
 * Date header when present, so a skewed local clock does not distort the wait.
 */
export function parseRetryAfter(value: string | null, serverDate: Date | null, nowMs: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  const reference = serverDate ? serverDate.getTime() : nowMs;
  return Math.max(0, at - reference);
}

export function abortedError(url?: string): OneRosterFailure {
  return oneRosterError('aborted', 'The request was cancelled.', url === undefined ? {} : { url });
}

/** Sleeps, or rejects with an 'aborted' error as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with the promise, or rejects with 'aborted' when the signal fires first. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
