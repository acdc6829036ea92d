import type { OneRosterClient, RawPage } from '../oneroster/client';
import type { PageParams } from '../oneroster/page';
import { oneRosterFacts, isOneRosterError } from '../oneroster/errors';
import { abortedError, backoffDelay, isRetryableError, isRetryableStatus, sleep } from '../oneroster/retry';
import type { AdaptiveLimiter } from './limiter';
import type { PulledPage } from './pulled-page';

/**
 * One page, fetched under the shared limiter, with the pull's own retry loop. The client is asked for a
 * single attempt so every 429 reaches the limiter (which halves concurrency) instead of being absorbed by
 * the client's backoff; the wait happens outside the limiter so other requests keep flowing. The body comes
 * as bytes and is read by `read` after the request slot is free (in the parse thread for a big pull).
 */

export interface FetchPolicy {
  maxRetries: number;
  retryBaseMs: number;
  maxDelayMs: number;
}

export interface FetchStats {
  retries: number;
  throttled: number;
}

export interface PageRequest {
  path: string;
  params: PageParams;
}

/** An unreadable 200 (broken JSON, an error envelope) is retried once: it may be a truncated transfer. */
const ENVELOPE_RETRIES = 1;

export async function fetchPageWithRetry(
  client: OneRosterClient,
  limiter: AdaptiveLimiter,
  req: PageRequest,
  policy: FetchPolicy,
  stats: FetchStats,
  signal: AbortSignal,
  read: (raw: RawPage) => Promise<PulledPage>,
): Promise<PulledPage> {
  let envelopeRetries = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw abortedError();
    let throttledTicket = false;
    try {
      const raw = await limiter.run(async (ticket) => {
        if (signal.aborted) throw abortedError();
        try {
          return await client.fetchPageBytes(req.path, req.params, { signal, retries: 0 });
        } catch (err) {
          if (isOneRosterError(err) && oneRosterFacts(err)?.status === 429) {
            limiter.throttled(ticket);
            throttledTicket = true;
          }
          throw err;
        }
      });
      try {
        return await read(raw);
      } catch (err) {
        throw client.scrub(err);
      }
    } catch (err) {
      if (!isOneRosterError(err) || signal.aborted) throw signal.aborted ? abortedError() : err;
      const { status, retryAfterMs } = oneRosterFacts(err) ?? {};
      const retryable =
        (status !== undefined && isRetryableStatus(status)) ||
        (status === undefined && isRetryableError(err)) ||
        (err.code === 'envelope' && envelopeRetries < ENVELOPE_RETRIES);
      if (!retryable || attempt > policy.maxRetries) throw err;
      if (err.code === 'envelope') envelopeRetries++;
      if (throttledTicket) stats.throttled++;
      stats.retries++;
      const backoff = backoffDelay(attempt, policy.retryBaseMs, policy.maxDelayMs);
      // Honour Retry-After when the server sends one (capped: a very long cool-down ends in a clear error).
      const wait = retryAfterMs !== undefined ? Math.min(retryAfterMs, policy.maxDelayMs) : backoff;
      await sleep(wait, signal);
    }
  }
}
