import { insecureUrlProblem } from '../../../shared/profiles/url-policy';
import type { Logger } from '../logging/logger';
import { defaultNetwork, type HttpClient } from '../net';
import { registerSecret } from '../logging/redact';
import { backoffDelay, parseRetryAfter } from '../oneroster/retry';
import type { ServiceError } from '../../../shared/errors';
import { canvasError, connectionError, httpError, isRateLimited, scrub } from './errors';
import { nextLink } from './link';

/**
 * A Canvas REST client: bearer auth, Link-header paging, and Canvas's throttling rules (docs/canvas-importer.md):
 * "403 Rate Limit Exceeded" is retried with jittered backoff, and requests slow down while
 * X-Rate-Limit-Remaining is low. Server errors and dropped connections get bounded retries (idempotent requests
 * only, so a SIS import POST is never sent twice). The token only ever travels in the Authorization header, and
 * only to the configured origin.
 */

export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;
export type CanvasBody = FormData | Buffer | Uint8Array | URLSearchParams | string | Record<string, unknown>;

export interface CanvasClientOptions {
  baseUrl: string;
  token: string;
  /** The HTTP client with the profile's proxy and trusted CAs (electron/services/net); default: the process's. */
  http?: HttpClient;
  /** Tests only: a fetch-shaped stand-in for `http`. */
  fetch?: typeof fetch;
  /** Extra attempts after the first, for throttling, 5xx and dropped connections; default 5. */
  maxRetries?: number;
  /** Per attempt (headers and body); default 30 s. */
  timeoutMs?: number;
  logger?: Logger;
  /** Backoff base and ceiling; defaults 1 s and 30 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Slow down once X-Rate-Limit-Remaining drops below this (default 100 of Canvas's 700), by up to slowMaxMs. */
  slowBelow?: number;
  slowMaxMs?: number;
}

export interface CanvasRequestOptions {
  query?: Query;
  body?: CanvasBody;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Retry 5xx/network failures; default true except for POST. Throttled requests are always retried. */
  idempotent?: boolean;
}

export interface CanvasResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface CanvasClientStats {
  requests: number;
  retries: number;
  throttled: number;
  slowdowns: number;
}

export interface PaginateOptions {
  signal?: AbortSignal;
  perPage?: number;
  /** Canvas wraps some lists (terms: `{enrollment_terms: […]}`): the key holding the page's items. */
  key?: string;
}

/** Canvas ids can exceed 2^53: this Accept type makes Canvas send every id as a string. */
const ACCEPT = 'application/json+canvas-string-ids, application/json;q=0.9';

export class CanvasClient {
  readonly baseUrl: URL;
  readonly stats: CanvasClientStats = { requests: 0, retries: 0, throttled: 0, slowdowns: 0 };
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly slowBelow: number;
  private readonly slowMaxMs: number;
  private readonly logger: Logger | undefined;
  private remaining: number | null = null;

  constructor(opts: CanvasClientOptions) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl);
    } catch {
      throw canvasError('canvas_bad_request', `"${opts.baseUrl}" is not a URL.`, {
        hint: 'Enter the Canvas URL, e.g. https://district.instructure.com',
      });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw canvasError('canvas_bad_request', 'The Canvas URL must start with https://.', {
        hint: 'Enter the Canvas URL, e.g. https://district.instructure.com',
      });
    }
    // https only (loopback excepted): the token never travels unencrypted.
    const insecure = insecureUrlProblem(base.href, 'Canvas URL');
    if (insecure)
      throw canvasError('canvas_bad_request', insecure, { hint: 'Use the https:// address of Canvas.' });
    this.baseUrl = new URL(base.origin);
    this.token = opts.token.trim();
    registerSecret(this.token);
    this.fetchImpl = opts.fetch ?? (opts.http ?? defaultNetwork()).fetch;
    this.maxRetries = opts.maxRetries ?? 5;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retryBaseMs = opts.retryBaseMs ?? 1000;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
    this.slowBelow = opts.slowBelow ?? 100;
    this.slowMaxMs = opts.slowMaxMs ?? 2000;
    this.logger = opts.logger;
  }

  /** `path` is '/api/v1/…' or an absolute URL on the same origin (Link headers, report files). */
  resolve(path: string, query: Query = {}): URL {
    const url = new URL(path, this.baseUrl);
    if (url.origin !== this.baseUrl.origin) {
      throw canvasError(
        'canvas_bad_response',
        `Canvas pointed to another site (${url.host}); the token is only sent to ${this.baseUrl.host}.`,
      );
    }
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, String(v as string | number | boolean));
    }
    return url;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    opts: CanvasRequestOptions = {},
  ): Promise<CanvasResponse<T>> {
    const res = await this.send(method, this.resolve(path, opts.query), opts);
    const text = await this.readText(res.response, res.what, res.done, opts.signal);
    let data: unknown = null;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text.replace(/^while\(1\);/, ''));
      } catch {
        throw this.clean(
          canvasError(
            'canvas_bad_response',
            `Canvas did not answer ${res.what} with JSON (HTTP ${res.response.status}).`,
          ),
        );
      }
    }
    return { status: res.response.status, headers: res.response.headers, data: data as T };
  }

  /** Pages of a list endpoint, following Link rel="next" until there is none. */
  async *paginate<T>(path: string, query: Query = {}, opts: PaginateOptions = {}): AsyncGenerator<T[]> {
    const perPage = opts.perPage ?? 100;
    let next: URL | null = this.resolve(path, { ...query, per_page: perPage });
    const seen = new Set<string>();
    while (next !== null) {
      if (seen.has(next.href)) {
        throw this.clean(canvasError('canvas_bad_response', `Canvas sent the same page twice for ${path}.`));
      }
      seen.add(next.href);
      const res: CanvasResponse<unknown> = await this.request<unknown>('GET', next.href, {
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const items =
        opts.key === undefined ? res.data : (res.data as Record<string, unknown> | null)?.[opts.key];
      if (!Array.isArray(items)) {
        throw this.clean(canvasError('canvas_bad_response', `Canvas did not answer ${path} with a list.`));
      }
      yield items as T[];
      const link = nextLink(res.headers.get('link'));
      next = link === null ? null : this.resolve(link);
    }
  }

  /**
   * A file download (report zip): the response, body unread. Canvas answers file URLs with a redirect to its
   * storage service; that hop is followed WITHOUT the token (it is signed, and often another host).
   */
  async download(path: string, opts: { signal?: AbortSignal } = {}): Promise<Response> {
    const first = await this.send('GET', this.resolve(path), { ...opts, raw: true });
    let res = first.response;
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (location === null || hops >= 5) {
        throw this.clean(
          canvasError('canvas_bad_response', `Canvas redirected the download of ${first.what} too often.`),
        );
      }
      const target = new URL(location, res.url || this.baseUrl);
      try {
        res = await this.fetchImpl(target, {
          redirect: 'manual',
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (err) {
        if (opts.signal?.aborted) throw this.cancelled();
        throw this.clean(connectionError(err, target.host, false).error);
      }
    }
    if (res.status < 200 || res.status >= 300) {
      const body = await res.text().catch(() => '');
      throw this.clean(httpError(res.status, body, `download the file of ${first.what}`));
    }
    return res;
  }

  private async send(
    method: string,
    url: URL,
    opts: CanvasRequestOptions & { raw?: boolean },
  ): Promise<{ response: Response; what: string; done: () => void }> {
    const what = `${method} ${url.pathname}`;
    const idempotent = opts.idempotent ?? method !== 'POST';
    for (let attempt = 0; ; attempt++) {
      await this.pace(opts.signal);
      if (opts.signal?.aborted) throw this.cancelled();
      const timer = new AbortController();
      let timedOut = false;
      const handle = setTimeout(() => {
        timedOut = true;
        timer.abort();
      }, this.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timer.signal]) : timer.signal;
      const done = (): void => clearTimeout(handle);
      this.stats.requests++;
      const started = performance.now();
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: this.headersFor(opts),
          ...(opts.body !== undefined ? { body: encodeBody(opts.body) } : {}),
          signal,
          redirect: 'manual',
        });
      } catch (err) {
        done();
        if (opts.signal?.aborted) throw this.cancelled();
        const { error, retryable } = connectionError(err, url.host, timedOut);
        if (retryable && idempotent && attempt < this.maxRetries) {
          await this.retryWait(attempt, null, what, error.message, opts.signal);
          continue;
        }
        throw this.clean(error);
      }
      this.noteRemaining(response.headers);
      this.logger?.debug('canvas request', {
        method,
        path: url.pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      const redirect = response.status >= 300 && response.status < 400;
      if ((response.status >= 200 && response.status < 300) || (opts.raw && redirect)) {
        if (!opts.raw) return { response, what, done };
        // Raw bodies (downloads) are read by the caller, under its own signal, not this attempt's timer.
        done();
        return { response, what, done: () => undefined };
      }
      const body = await this.readText(response, what, done, opts.signal).catch(() => '');
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), null, Date.now());
      if (isRateLimited(response.status, body)) {
        this.stats.throttled++;
        if (attempt < this.maxRetries) {
          await this.retryWait(attempt, retryAfter, what, 'rate limit exceeded', opts.signal, 1);
          continue;
        }
        throw this.clean(
          canvasError(
            'canvas_throttled',
            `Canvas kept answering "Rate Limit Exceeded" to ${what} after ${attempt + 1} attempts.`,
            { status: response.status },
          ),
        );
      }
      if (response.status >= 500 && idempotent && attempt < this.maxRetries) {
        await this.retryWait(attempt, retryAfter, what, `HTTP ${response.status}`, opts.signal);
        continue;
      }
      throw this.clean(httpError(response.status, body, what));
    }
  }

  private headersFor(opts: CanvasRequestOptions): Record<string, string> {
    const headers: Record<string, string> = { accept: ACCEPT, ...opts.headers };
    if (opts.body !== undefined && isPlainObject(opts.body)) headers['content-type'] = 'application/json';
    headers.authorization = `Bearer ${this.token}`;
    return headers;
  }

  private async readText(
    res: Response,
    what: string,
    done: () => void,
    signal?: AbortSignal,
  ): Promise<string> {
    try {
      return await res.text();
    } catch (err) {
      if (signal?.aborted) throw this.cancelled();
      throw this.clean(connectionError(err, this.baseUrl.host, false).error, `while reading ${what}`);
    } finally {
      done();
    }
  }

  private noteRemaining(headers: Headers): void {
    const v = headers.get('x-rate-limit-remaining');
    if (v === null) return;
    const n = Number(v);
    if (Number.isFinite(n)) this.remaining = n;
  }

  /** Canvas refills the quota over time: the lower it is, the longer we wait before the next request. */
  private async pace(signal?: AbortSignal): Promise<void> {
    if (this.remaining === null || this.remaining >= this.slowBelow) return;
    const share = Math.max(0, this.remaining) / this.slowBelow;
    const ms = Math.round(this.slowMaxMs * (1 - share));
    if (ms <= 0) return;
    this.stats.slowdowns++;
    this.remaining = null;
    await this.sleep(ms, signal);
  }

  private async retryWait(
    attempt: number,
    retryAfterMs: number | null,
    what: string,
    why: string,
    signal?: AbortSignal,
    minAttempt = 0,
  ): Promise<void> {
    this.stats.retries++;
    // Throttling needs a real pause even on the first retry, so the jitter's floor is one base interval.
    const jitter = backoffDelay(attempt + 1, this.retryBaseMs, this.retryMaxMs);
    const ms = Math.max(retryAfterMs ?? 0, minAttempt > 0 ? Math.max(jitter, this.retryBaseMs / 2) : jitter);
    this.logger?.info('canvas retry', { what, why, attempt: attempt + 1, waitMs: ms });
    await this.sleep(ms, signal);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(this.cancelled());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(this.cancelled());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private cancelled(): ServiceError {
    return canvasError('canvas_cancelled', 'The Canvas request was cancelled.');
  }

  private clean(err: ServiceError, suffix?: string): ServiceError {
    if (suffix) err.message = `${err.message.replace(/\.$/, '')} ${suffix}.`;
    return scrub(err, this.token);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Node's fetch body type (the DOM's BodyInit is not in scope for Node code). */
type FetchBody = NonNullable<RequestInit['body']>;

function encodeBody(body: CanvasBody): FetchBody {
  if (isPlainObject(body)) return JSON.stringify(body);
  return body as FetchBody;
}
