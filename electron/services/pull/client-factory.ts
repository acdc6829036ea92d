import type { OneRosterAuth } from '../../../shared/profiles/profile';
import type { HttpClient } from '../net';
import { OneRosterClient } from '../oneroster/client';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './types';

/** What a pull needs to reach a provider (a resolved profile or CLI target; the secret stays in memory only). */
export interface PullTarget {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  auth: OneRosterAuth;
  timeoutMs?: number;
  /** The profile's HTTP client (proxy, trusted CAs); default: the process's. */
  http?: HttpClient;
}

/**
 * A client sized for a pull: its own in-flight cap is the pull's maximum (the pull's adaptive limiter is the
 * one that matters) and retries are left to the pull, which asks for single attempts to see every 429.
 */
export function createPullClient(target: PullTarget, opts: { concurrency?: number } = {}): OneRosterClient {
  const { clientId, clientSecret, auth } = target;
  return new OneRosterClient({
    baseUrl: target.baseUrl,
    auth:
      auth.kind === 'oauth1'
        ? { kind: 'oauth1', method: auth.signatureMethod, clientId, clientSecret }
        : {
            kind: 'oauth2',
            tokenUrl: auth.tokenUrl,
            clientId,
            clientSecret,
            ...(auth.scope ? { scope: auth.scope } : {}),
          },
    timeoutMs: target.timeoutMs ?? 30_000,
    maxRetries: 3,
    concurrency: Math.min(MAX_CONCURRENCY, Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)),
    ...(target.http ? { http: target.http } : {}),
  });
}
