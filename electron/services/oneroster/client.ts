import { randomBytes } from 'node:crypto';
import { insecureUrlProblem } from '../../../shared/profiles/url-policy';
import type { HttpClient } from '../net';
import {
  oneRosterError,
  isOneRosterError,
  codeForStatus,
  httpErrorMessage,
  scrubError,
  type OneRosterFailure,
} from './errors';
import { readEnvelope } from './envelope';
import { signRequest, percentEncode, type OAuth1Method } from './oauth1';
import { defaultScopeCandidates, OAuth2TokenSource } from './oauth2';
import type { Page, PageParams } from './page';
import { iteratePages, type PagesParams } from './paging';
import { Requester, type RetryInfo } from './requester';
import { parseRetryAfter } from './retry';
import { errorDetails } from './status-info';
import type { HttpRequest, HttpResponse } from './transport';
import {
  buildUrl,
  canonicalUrl,
  displayUrl,
  normaliseBaseUrl,
  parseLinkHeader,
  sameOrigin,
  type Query,
} from './url';

export interface OneRosterClientConfig {
  /** e.g. http://127.0.0.1:PORT/ims/oneroster/v1p1 (trailing slash tolerated). */
  baseUrl: string;
  auth:
    | { kind: 'oauth1'; method: OAuth1Method; clientId: string; clientSecret: string }
    | { kind: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };
  /** Per request (attempt), default 30000. */
  timeoutMs?: number;
  /** Default 5. Retries 429, 5xx, connection resets and timeouts with full-jitter backoff; honours Retry-After. */
  maxRetries?: number;
  /** Backoff base, default 500 ms. */
  retryBaseMs?: number;
  /** Longest single wait, default 30000 ms; a longer Retry-After ends the retries (error carries retryAfterMs). */
  maxRetryDelayMs?: number;
  /** Cap on in-flight requests for this client, default 4. */
  concurrency?: number;
  onRetry?: (info: RetryInfo) => void;
  /** ms clock (OAuth 1 timestamps, token expiry, Retry-After dates), for tests. */
  now?: () => number;
  /** The HTTP client with the profile's proxy and trusted CAs (electron/services/net); default: the process's. */
  http?: HttpClient;
  /** Cap on one response body in bytes (default in transport.ts). */
  maxResponseBytes?: number;
}

export interface OneRosterResponse {
  url: string;
  status: number;
  headers: Headers;
  bodyText: string;
  /** Only for requests asking for bytes (fetchPageBytes), 2xx: the body as received. */
  bodyBytes?: Uint8Array;
  latencyMs: number;
  attempts: number;
  serverDate: Date | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
  retries?: number;
}

/**
 * A page as fetched, before its body is read: what the headers say, and the body's bytes (the pull reads the
 * envelope on another thread: electron/services/pull/parse-worker.ts).
 */
export type RawPage = Omit<Page, 'records' | 'envelopeKey' | 'warnings'> & { path: string; body: Uint8Array };

export type { RetryInfo };

/** Reads X-Total-Count; null when absent or not a whole number. */
function totalCountOf(headers: Headers, quirks: string[]): number | null {
  const v = headers.get('x-total-count');
  if (v === null) return null;
  if (/^\s*\d+\s*$/.test(v)) return Number(v);
  quirks.push('bad-total-count');
  return null;
}

/**
 * The OneRoster 1.1 REST client used by verify and pull: signs (OAuth 1.0a) or authorises (OAuth 2) every
 * request, retries what is worth retrying, and turns every failure into a OneRosterFailure with a hint.
 */
export class OneRosterClient {
  readonly baseUrl: string;
  private readonly base: URL;
  private readonly requester: Requester;
  private readonly tokens: OAuth2TokenSource | null;
  private readonly now: () => number;

  constructor(private readonly cfg: OneRosterClientConfig) {
    this.baseUrl = normaliseBaseUrl(cfg.baseUrl);
    let base: URL;
    try {
      base = new URL(this.baseUrl);
    } catch {
      throw oneRosterError('bad_request', 'The OneRoster base URL is not a valid web address.', {
        hint: 'Enter the full address, e.g. https://district.example.com/ims/oneroster/v1p1',
      });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw oneRosterError(
        'bad_request',
        'The OneRoster base URL must start with https:// (or http:// for a local test server).',
      );
    }
    // https only (loopback excepted): credentials and student data never travel unencrypted.
    const insecure = [
      insecureUrlProblem(this.baseUrl, 'OneRoster base URL'),
      cfg.auth.kind === 'oauth2' ? insecureUrlProblem(cfg.auth.tokenUrl, 'OAuth 2 token URL') : null,
    ].find((p) => p !== null);
    if (insecure)
      throw oneRosterError('bad_request', insecure, {
        hint: 'Change the address to https:// in the profile.',
      });
    if (base.username || base.password) {
      throw oneRosterError(
        'bad_request',
        'The OneRoster base URL must not contain a user name or password.',
        {
          hint: 'Remove the "user:password@" part; enter the credentials in the credential fields.',
        },
      );
    }
    this.base = base;
    this.now = cfg.now ?? Date.now;
    this.requester = new Requester({
      timeoutMs: cfg.timeoutMs ?? 30_000,
      maxRetries: cfg.maxRetries ?? 5,
      retryBaseMs: cfg.retryBaseMs ?? 500,
      maxRetryDelayMs: cfg.maxRetryDelayMs ?? 30_000,
      concurrency: cfg.concurrency ?? 4,
      ...(cfg.onRetry ? { onRetry: cfg.onRetry } : {}),
      now: this.now,
      ...(cfg.http ? { http: cfg.http } : {}),
      ...(cfg.maxResponseBytes ? { maxResponseBytes: cfg.maxResponseBytes } : {}),
    });
    this.tokens =
      cfg.auth.kind === 'oauth2'
        ? new OAuth2TokenSource(cfg.auth, this.requester, this.now, defaultScopeCandidates(cfg.baseUrl))
        : null;
  }

  /** For OAuth 2: the scope the token endpoint accepted (null = none); undefined before the first token or for OAuth 1. */
  get oauth2Scope(): string | null | undefined {
    return this.tokens?.scope;
  }

  /** One signed GET with retries. Throws OneRosterFailure for non-2xx (after retries) and network/TLS/timeout/abort. */
  async get(path: string, query: Query = {}, opts: RequestOptions = {}): Promise<OneRosterResponse> {
    try {
      return await this.getUrl(this.urlFor(path, query), opts);
    } catch (err) {
      throw this.clean(err);
    }
  }

  private pageUrl(path: string, params: PageParams, offset: number): URL {
    const { limit, filter, sort, orderBy, fields } = params;
    return this.urlFor(path, { limit, offset, filter, sort, orderBy, fields });
  }

  /** One page of a collection, envelope parsed. */
  async fetchPage(path: string, params: PageParams, opts: RequestOptions = {}): Promise<Page> {
    try {
      const offset = params.offset ?? 0;
      const url = this.pageUrl(path, params, offset);
      return await this.pageAt(url, path, params.limit, offset, opts);
    } catch (err) {
      throw this.clean(err);
    }
  }

  /** One page of a collection with its body still as bytes (envelope not read): see RawPage. */
  async fetchPageBytes(path: string, params: PageParams, opts: RequestOptions = {}): Promise<RawPage> {
    try {
      const offset = params.offset ?? 0;
      const url = this.pageUrl(path, params, offset);
      const res = await this.getUrl(url, { ...opts, bytes: true });
      return {
        ...this.headerFacts(res, url, [], params.limit, offset),
        path,
        body: res.bodyBytes ?? new TextEncoder().encode(res.bodyText),
      };
    } catch (err) {
      throw this.clean(err);
    }
  }

  /** Makes an error about this client's requests safe to show (no secret, token or Authorization value). */
  scrub(err: unknown): unknown {
    return this.clean(err);
  }

  /**
   * Sequential paging: follows Link rel=next when present, else limit/offset. Stops on a short page, an empty
   * page, or when X-Total-Count is reached; detects clamped limits; de-duplicates by sourcedId.
   */
  pages(path: string, params: PagesParams, opts: { signal?: AbortSignal } = {}): AsyncGenerator<Page> {
    return iteratePages(
      {
        fetchFirst: (offset, signal) =>
          this.fetchPage(
            path,
            { ...pickQuery(params), limit: params.pageSize, offset },
            signal ? { signal } : {},
          ),
        fetchUrl: async (url, offset, signal) => {
          try {
            return await this.pageAt(url, path, params.pageSize, offset, signal ? { signal } : {});
          } catch (err) {
            throw this.clean(err);
          }
        },
      },
      params.pageSize,
      opts.signal,
    );
  }

  /** Fetches one page by full URL (first page or a Link next URL). */
  private async pageAt(
    url: URL,
    path: string,
    limit: number,
    offset: number,
    opts: RequestOptions,
  ): Promise<Page> {
    const res = await this.getUrl(url, opts);
    const env = readEnvelope(res.bodyText, path, res.url);
    return {
      ...this.headerFacts(res, url, env.quirks, limit, offset),
      records: env.records,
      envelopeKey: env.envelopeKey,
      warnings: env.warnings,
    };
  }

  /** What a page's headers tell (X-Total-Count, Link next); header quirks are added to `quirks`. */
  private headerFacts(
    res: OneRosterResponse,
    url: URL,
    quirks: string[],
    limit: number,
    offset: number,
  ): Omit<RawPage, 'path' | 'body'> {
    const totalCount = totalCountOf(res.headers, quirks);
    const next = parseLinkHeader(res.headers.get('link'), url).get('next');
    let nextUrl: string | null = null;
    if (next) {
      // Never send our credentials to another host because a server said so.
      if (sameOrigin(next, this.base)) nextUrl = displayUrl(canonicalUrl(next));
      else quirks.push('link-next-foreign-origin');
    }
    return {
      url: res.url,
      status: res.status,
      quirks,
      totalCount,
      nextUrl,
      latencyMs: res.latencyMs,
      requestedLimit: limit,
      offset,
    };
  }

  private urlFor(path: string, query: Query): URL {
    const url = buildUrl(this.baseUrl, path, query);
    if (!sameOrigin(url, this.base)) {
      throw oneRosterError(
        'bad_request',
        `Refusing to send credentials to ${url.host}, which is not the configured server.`,
        {
          url: displayUrl(url),
          hint: 'Only paths on the configured base URL can be requested.',
        },
      );
    }
    return url;
  }

  private async getUrl(url: URL, opts: RequestOptions & { bytes?: boolean }): Promise<OneRosterResponse> {
    const shown = displayUrl(url);
    let refreshed = false;
    for (;;) {
      const used: { token: string | null } = { token: null };
      const { res, attempts } = await this.requester.send(async () => {
        const req: HttpRequest = { method: 'GET', url, headers: { accept: 'application/json' } };
        if (this.cfg.auth.kind === 'oauth1') {
          const signed = signRequest(
            'GET',
            url,
            {
              consumerKey: this.cfg.auth.clientId,
              consumerSecret: this.cfg.auth.clientSecret,
              method: this.cfg.auth.method,
            },
            { timestamp: Math.floor(this.now() / 1000), nonce: randomBytes(16).toString('hex') },
          );
          req.headers.authorization = signed.authorization;
        } else if (this.tokens) {
          used.token = await this.tokens.token(opts.signal);
          req.headers.authorization = `Bearer ${used.token}`;
        }
        return req;
      }, opts);
      if (res.status === 401 && this.tokens && used.token !== null && !refreshed) {
        // The cached token may have been revoked or expired early: get a new one, once.
        this.tokens.invalidate(used.token);
        refreshed = true;
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw this.httpError(res, shown);
      return { ...res, url: shown, attempts };
    }
  }

  private httpError(res: HttpResponse, url: string): OneRosterFailure {
    const what = new URL(url).pathname.slice(this.base.pathname.replace(/\/$/, '').length) || '/';
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      return oneRosterError(
        'not_found',
        `The server redirected ${what} (HTTP ${res.status})${location ? ` to ${location}` : ''}.`,
        {
          status: res.status,
          url,
          serverDate: res.serverDate,
          hint: 'Use the address the server redirects to as the base URL (https, exact path); the app does not follow redirects with credentials.',
        },
      );
    }
    const code = codeForStatus(res.status);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), res.serverDate, this.now());
    const oauth2 = this.cfg.auth.kind === 'oauth2';
    return oneRosterError(code, httpErrorMessage(code, res.status, what), {
      status: res.status,
      url,
      serverDate: res.serverDate,
      ...errorDetails(res.bodyText),
      ...(retryAfterMs !== null ? { retryAfterMs } : {}),
      ...(code === 'auth' && oauth2
        ? {
            hint: 'The access token was refused. Check the client ID and secret, the token URL and the scope granted to the application.',
          }
        : {}),
    });
  }

  /** Makes sure no secret, token or Authorization value can leave in an error. */
  private clean(err: unknown): unknown {
    if (!isOneRosterError(err)) return err;
    const auth = this.cfg.auth;
    const secrets = [auth.clientSecret, percentEncode(auth.clientSecret)];
    if (this.tokens) secrets.push(...this.tokens.issuedTokens, this.tokens.basicCredential);
    return scrubError(err, secrets);
  }
}

function pickQuery(p: PagesParams): Omit<PageParams, 'limit' | 'offset'> {
  return {
    ...(p.filter !== undefined ? { filter: p.filter } : {}),
    ...(p.sort !== undefined ? { sort: p.sort } : {}),
    ...(p.orderBy !== undefined ? { orderBy: p.orderBy } : {}),
    ...(p.fields !== undefined ? { fields: p.fields } : {}),
  };
}
