import { COLLECTIONS } from '../../../shared/oneroster/endpoints';
import { setMaxListeners } from 'node:events';
import type { OneRosterAuth } from '../../../shared/profiles/profile';
import { countFindings, normaliseFindings, verdictOf } from '../../../shared/rules/finding';
import type { Finding } from '../../../shared/rules/finding';
import type { FeedVersion } from '../../../shared/snapshots/feed';
import type { VerifyCheck, VerifyEvent, VerifyReport, VerifySummary } from '../../../shared/verify/report';
import { defaultNetwork, type HttpClient, type NetworkDescription } from '../net';
import { OneRosterClient } from '../oneroster/client';
import type { RetryInfo } from '../oneroster/client';
import type { OAuth1Method } from '../oneroster/oauth1';
import { PARSE_THREAD_FROM } from './page-counts';
import { makeRedactor } from './redact';

export interface VerifyTarget {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  auth: OneRosterAuth;
  /** Per request; default 15 s (verify should answer in seconds, not wait out a dead server). */
  timeoutMs?: number;
  /** The page size the pull will use; the paging check asks for a page this large. Default 1000. */
  pageSize?: number;
  /** The profile's HTTP client (proxy, trusted CAs); default: the process's. */
  http?: HttpClient;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  onEvent?: (e: VerifyEvent) => void;
  /** Local clock in ms (OAuth 1 timestamps, the clock check, report times); for tests. */
  now?: () => number;
  /** Parallel requests (default 4). */
  concurrency?: number;
  /** Pages asked for with this many records or more are read on a parse thread (default PARSE_THREAD_FROM). */
  parseThreadFrom?: number;
  /** Retry knobs passed to the OneRoster client (defaults: 3 retries, 250 ms base). */
  maxRetries?: number;
  retryBaseMs?: number;
}

/** How requests are authorised in this run: the configured method, or the one that turned out to work. */
export type ClientAuth =
  { kind: 'oauth1'; method: OAuth1Method } | { kind: 'oauth2'; tokenUrl: string; scope: string };

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 15_000;

/** Stable checklist order (summary.checks): connection, endpoints in table order, then the run-wide checks. */
const CHECK_ORDER = ['network', 'reach', 'tls', 'base-path', 'auth', 'clock'];
const TAIL_ORDER = ['paging', 'rate', 'latency'];

/** A successful page request: where, how long, how many records (for the latency and pull-time forecasts). */
export interface Timing {
  path: string;
  latencyMs: number;
  records?: number;
}

/**
 * The state of one verification: what has been found so far, streamed to `onEvent` as it arrives, and
 * everything the run-wide checks (rate, latency) need. Every check and finding is redacted on the way out.
 */
export class VerifyRun {
  readonly now: () => number;
  readonly startedAt: number;
  readonly signal: AbortSignal;
  /** Detaches from the caller's signal when the run is over. */
  readonly dispose: () => void = () => {};
  readonly concurrency: number;
  readonly parseThreadFrom: number;
  readonly pageSize: number;
  readonly retries: RetryInfo[] = [];
  readonly timings: Timing[] = [];
  readonly http: HttpClient;
  /** Which proxy and trust the requests use (set by the transport check). */
  network: NetworkDescription | undefined;
  /** The OneRoster version of the base URL the endpoint checks use (set once a base URL answered). */
  onerosterVersion: FeedVersion | undefined;
  /** Set by the latency check when the endpoints gave their record counts. */
  pullForecast: VerifySummary['pullForecast'];
  private readonly findings: Finding[] = [];
  private readonly checks = new Map<string, VerifyCheck>();
  private readonly redact: <T>(value: T) => T;

  constructor(
    readonly target: VerifyTarget,
    private readonly opts: VerifyOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.startedAt = this.now();
    // One listener on the caller's signal; the many concurrent requests listen on ours (no MaxListeners warning).
    const inner = new AbortController();
    setMaxListeners(100, inner.signal);
    const outer = opts.signal;
    if (outer?.aborted) inner.abort(outer.reason);
    else if (outer) {
      const forward = (): void => inner.abort(outer.reason);
      outer.addEventListener('abort', forward, { once: true });
      this.dispose = () => outer.removeEventListener('abort', forward);
    }
    this.signal = inner.signal;
    this.concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    this.parseThreadFrom = opts.parseThreadFrom ?? PARSE_THREAD_FROM;
    this.pageSize = target.pageSize ?? DEFAULT_PAGE_SIZE;
    this.redact = makeRedactor([target.clientSecret]);
    this.http = target.http ?? defaultNetwork();
  }

  get configuredAuth(): ClientAuth {
    const a = this.target.auth;
    return a.kind === 'oauth1'
      ? { kind: 'oauth1', method: a.signatureMethod }
      : { kind: 'oauth2', tokenUrl: a.tokenUrl, scope: a.scope };
  }

  /** A client for this target at `baseUrl` with `auth`; every retry (429, 5xx) is recorded for CONN-RATE. */
  client(baseUrl: string, auth: ClientAuth): OneRosterClient {
    const { clientId, clientSecret } = this.target;
    return new OneRosterClient({
      baseUrl,
      auth:
        auth.kind === 'oauth1'
          ? { kind: 'oauth1', method: auth.method, clientId, clientSecret }
          : {
              kind: 'oauth2',
              tokenUrl: auth.tokenUrl,
              clientId,
              clientSecret,
              ...(auth.scope ? { scope: auth.scope } : {}),
            },
      timeoutMs: this.target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: this.opts.maxRetries ?? 3,
      retryBaseMs: this.opts.retryBaseMs ?? 250,
      maxRetryDelayMs: 10_000,
      concurrency: this.concurrency,
      onRetry: (info) => this.retries.push(info),
      now: this.now,
      http: this.http,
    });
  }

  phase(phase: string, message: string): void {
    this.emit({ type: 'phase', phase, message });
  }

  check(check: VerifyCheck): void {
    const clean = this.redact(check);
    this.checks.set(clean.id, clean);
    this.emit({ type: 'check', check: clean });
  }

  finding(finding: Finding): void {
    const clean = this.redact(finding);
    this.findings.push(clean);
    this.emit({ type: 'finding', finding: clean });
  }

  /** The status a check ended with, if it ran. */
  statusOf(checkId: string): VerifyCheck['status'] | undefined {
    return this.checks.get(checkId)?.status;
  }

  hasFinding(ruleId: string): boolean {
    return this.findings.some((f) => f.ruleId === ruleId);
  }

  report(cancelled: boolean): VerifyReport {
    const findings = normaliseFindings(this.findings);
    const counts = countFindings(findings);
    const finishedAt = this.now();
    const a = this.target.auth;
    return {
      summary: {
        verdict: verdictOf(counts),
        counts,
        target: {
          baseUrl: this.target.baseUrl,
          authKind: a.kind,
          ...(a.kind === 'oauth1' ? { signatureMethod: a.signatureMethod } : {}),
        },
        ...(this.onerosterVersion ? { onerosterVersion: this.onerosterVersion } : {}),
        ...(this.network ? { network: this.network } : {}),
        startedAt: new Date(this.startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        durationMs: Math.max(0, finishedAt - this.startedAt),
        ...(this.pullForecast ? { pullForecast: this.pullForecast } : {}),
        checks: [...this.checks.values()].sort(
          (x, y) => rank(x.id) - rank(y.id) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
        ),
        cancelled,
      },
      findings,
    };
  }

  private emit(e: VerifyEvent): void {
    try {
      this.opts.onEvent?.(e);
    } catch {
      // A failing listener (a closed window) must not break the verification.
    }
  }
}

function rank(id: string): number {
  const head = CHECK_ORDER.indexOf(id);
  if (head >= 0) return head;
  if (id.startsWith('endpoint:')) return 100 + endpointRank(id.slice('endpoint:'.length));
  const tail = TAIL_ORDER.indexOf(id);
  return tail >= 0 ? 1000 + tail : 2000;
}

function endpointRank(path: string): number {
  const i = COLLECTIONS.findIndex((c) => c.path === path);
  return i >= 0 ? i : COLLECTIONS.length;
}
