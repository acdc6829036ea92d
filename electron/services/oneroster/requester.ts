import pLimit, { type LimitFunction } from 'p-limit';
import { isOneRosterError, networkError } from './errors';
import {
  abortedError,
  backoffDelay,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  raceAbort,
  sleep,
} from './retry';
import type { HttpClient } from '../net';
import { sendOnce, type HttpRequest, type HttpResponse } from './transport';
import { displayUrl } from './url';

export interface RetryInfo {
  url: string;
  /** The attempt that just failed (1 = the first try). */
  attempt: number;
  status?: number;
  reason: string;
  delayMs: number;
}

export interface RequesterOptions {
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxRetryDelayMs: number;
  concurrency: number;
  onRetry?: (info: RetryInfo) => void;
  now: () => number;
  random?: () => number;
  /** The HTTP client (proxy, trusted CAs); default: the process's (electron/services/net). */
  http?: HttpClient;
  /** Cap on one response body; default DEFAULT_MAX_RESPONSE_BYTES (transport.ts). */
  maxResponseBytes?: number;
}

export interface SendOptions {
  signal?: AbortSignal;
  retries?: number;
  /** A 2xx body as bytes (see SendOnceOptions.bytes). */
  bytes?: boolean;
}

/**
 * Sends requests with the retry policy and the concurrency cap. `build` is called for every attempt so
 * OAuth 1 gets a fresh nonce and timestamp each time (a strict server rejects a replayed nonce).
 * Non-2xx responses are returned, not thrown: the caller knows how to describe them.
 */
export class Requester {
  private readonly limit: LimitFunction;

  constructor(readonly opts: RequesterOptions) {
    this.limit = pLimit(Math.max(1, Math.floor(opts.concurrency)));
  }

  async send(
    build: (attempt: number) => HttpRequest | Promise<HttpRequest>,
    options: SendOptions = {},
  ): Promise<{ res: HttpResponse; attempts: number }> {
    const { signal } = options;
    const maxRetries = Math.max(0, options.retries ?? this.opts.maxRetries);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortedError();
      const req = await build(attempt);
      let res: HttpResponse;
      try {
        res = await raceAbort(
          this.limit(() =>
            signal?.aborted
              ? Promise.reject(abortedError())
              : sendOnce(req, this.opts.timeoutMs, signal, {
                  ...(this.opts.http ? { http: this.opts.http } : {}),
                  ...(this.opts.maxResponseBytes ? { maxBytes: this.opts.maxResponseBytes } : {}),
                  ...(options.bytes ? { bytes: true } : {}),
                }),
          ),
          signal,
        );
      } catch (err) {
        const e = isOneRosterError(err) ? err : networkError(err, displayUrl(req.url), req.url.host);
        if (attempt > maxRetries || !isRetryableError(e)) throw e;
        await this.pause(
          { url: displayUrl(req.url), attempt, reason: e.message, delayMs: this.backoff(attempt) },
          signal,
        );
        continue;
      }
      if (attempt > maxRetries || !isRetryableStatus(res.status)) return { res, attempts: attempt };
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), res.serverDate, this.opts.now());
      // A cool-down longer than we are willing to wait goes back to the caller (with retryAfterMs).
      if (retryAfter !== null && retryAfter > this.opts.maxRetryDelayMs) return { res, attempts: attempt };
      const reason =
        retryAfter !== null ? `HTTP ${res.status} (Retry-After ${retryAfter} ms)` : `HTTP ${res.status}`;
      await this.pause(
        { url: res.url, attempt, status: res.status, reason, delayMs: retryAfter ?? this.backoff(attempt) },
        signal,
      );
    }
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.opts.retryBaseMs, this.opts.maxRetryDelayMs, this.opts.random);
  }

  private async pause(info: RetryInfo, signal?: AbortSignal): Promise<void> {
    try {
      this.opts.onRetry?.(info);
    } catch {
      // A failing progress callback must not break the pull.
    }
    await sleep(info.delayMs, signal);
  }
}
