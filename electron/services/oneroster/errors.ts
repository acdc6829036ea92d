import {
  detailNumber,
  isServiceError,
  ServiceError,
  type DetailScalar,
  type ErrorDetail,
} from '../../../shared/errors';
import { proxyHint } from '../net/proxy-error';

/**
 * The one error type of the OneRoster client. Every expected failure has a stable code, a plain-language
 * message and a hint (what to do). Messages never contain secrets: the client scrubs them (see scrubError).
 */
export type OneRosterErrorCode =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'bad_request'
  | 'network'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'envelope'
  | 'token'
  | 'proxy'
  | 'too_large';

/** The facts a OneRoster failure carries in `detail` (JSON; texts scrubbed of secrets, see scrubError). */
export interface OneRosterFacts {
  status?: number;
  url?: string;
  codeMinor?: string;
  description?: string;
  /** The server's Date header, ISO 8601 (read it with serverDateOf). */
  serverDate?: string;
  retryAfterMs?: number;
  /** The system error code behind a network/TLS failure (ECONNRESET, CERT_HAS_EXPIRED, …). */
  errno?: string;
}

export interface OneRosterErrorOptions extends Omit<OneRosterFacts, 'serverDate'> {
  serverDate?: Date | null;
  hint?: string;
  cause?: unknown;
}

/** A ServiceError whose code is one of the OneRoster client's codes. */
export type OneRosterFailure = ServiceError & { readonly code: OneRosterErrorCode };

export const DEFAULT_HINTS: Record<OneRosterErrorCode, string> = {
  auth: "Check the client ID and secret and the signature method (HMAC-SHA256 or HMAC-SHA1; for OAuth 2 the token URL and scope). If they are right, check that this computer's clock is correct.",
  forbidden:
    "The credentials work but this data is not shared with the application. Ask the district to share it (for ClassLink: the app's permissions) or to grant the needed scope.",
  not_found:
    'Check the base URL: it usually ends in /ims/oneroster/v1p1. Some servers do not offer every endpoint.',
  rate_limited: 'The server is limiting requests. Lower the concurrency or try again later.',
  server: 'The OneRoster server had a problem. Try again later; if it persists, contact the provider.',
  bad_request: 'The server did not accept the request parameters (filter, sort or fields). Try without them.',
  network:
    'Could not connect. Check the URL, the VPN and any firewall or proxy between this computer and the server.',
  dns: 'The host name could not be found. Check the spelling of the URL and that this computer is on the right network or VPN.',
  tls: "The server's certificate is not trusted (expired, self-signed or issued for another name). Ask the provider to fix it; the app never ignores certificate errors.",
  timeout: 'The server did not answer in time. Try again later, or raise the timeout for slow servers.',
  aborted: 'The request was cancelled.',
  envelope:
    'The server answered but not with OneRoster data. Check the base URL and report the response to the provider.',
  token:
    'Could not obtain an OAuth 2 access token. Check the token URL, the client ID and secret, and the scope.',
  proxy:
    "The proxy between this computer and the server refused or failed. Check the proxy settings (HTTPS_PROXY, the system's proxy settings or the profile's proxy) and its credentials.",
  too_large: 'The server sent a larger answer than the app accepts. Lower the page size of the profile.',
};

/** The OneRoster client's failure: a plain ServiceError with its facts in `detail`. */
export function oneRosterError(
  code: OneRosterErrorCode,
  message: string,
  opts: OneRosterErrorOptions = {},
): OneRosterFailure {
  const { hint, cause, serverDate, ...facts } = opts;
  const detail: ErrorDetail = {};
  for (const [key, value] of Object.entries(facts))
    if (value !== undefined) detail[key] = value as DetailScalar;
  if (serverDate) detail.serverDate = serverDate.toISOString();
  return new ServiceError(code, message, {
    hint: hint ?? DEFAULT_HINTS[code],
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
    ...(cause !== undefined ? { cause } : {}),
  }) as OneRosterFailure;
}

const CODES = new Set<string>(Object.keys(DEFAULT_HINTS));

/** Is this a OneRoster client failure (optionally one of the given codes)? */
export function isOneRosterError(e: unknown, ...codes: OneRosterErrorCode[]): e is OneRosterFailure {
  return isServiceError(e, ...codes) && CODES.has(e.code);
}

/** The typed facts of a OneRoster failure, or null when `e` is not one. */
export function oneRosterFacts(e: unknown): OneRosterFacts | null {
  if (!isOneRosterError(e)) return null;
  const d = e.detail ?? {};
  const facts: OneRosterFacts = {};
  for (const key of ['status', 'retryAfterMs'] as const) {
    const v = detailNumber(e, key);
    if (v !== undefined) facts[key] = v;
  }
  for (const key of ['url', 'codeMinor', 'description', 'serverDate', 'errno'] as const) {
    const v = d[key];
    if (typeof v === 'string') facts[key] = v;
  }
  return facts;
}

/** The server's Date header of a failure, or null. */
export function serverDateOf(facts: OneRosterFacts | null): Date | null {
  if (!facts?.serverDate) return null;
  const date = new Date(facts.serverDate);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** HTTP status → error code (docs/oneroster-dialects.md). */
export function codeForStatus(status: number): OneRosterErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

const STATUS_TEXT: Partial<Record<OneRosterErrorCode, string>> = {
  auth: 'rejected the credentials',
  forbidden: 'refused access',
  not_found: 'does not know',
  rate_limited: 'asked to slow down (too many requests) for',
  server: 'failed while answering',
  bad_request: 'did not accept the request for',
};

export function httpErrorMessage(code: OneRosterErrorCode, status: number, what: string): string {
  return `The OneRoster server ${STATUS_TEXT[code] ?? 'failed on'} ${what} (HTTP ${status}).`;
}

const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO)/;

/** Finds the first system error code in an error, its cause chain and AggregateError members (undici nests them). */
export function findErrno(err: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code.length > 0) return e.code;
  const fromCause = findErrno(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors))
    for (const inner of e.errors) {
      const code = findErrno(inner, depth + 1);
      if (code) return code;
    }
  return undefined;
}

/** Classifies a failed connection (no HTTP response) by its system error code. */
export function networkError(err: unknown, url: string, host: string): OneRosterFailure {
  const errno = findErrno(err);
  const cause = sanitizeCause(err);
  const opts = { url, errno, cause } as OneRosterErrorOptions;
  if (errno?.startsWith('PROXY_')) {
    const status = err instanceof ServiceError ? detailNumber(err, 'status') : undefined;
    return oneRosterError('proxy', (err as Error).message, {
      ...opts,
      ...(typeof status === 'number' ? { status } : {}),
      ...(proxyHint(errno) ? { hint: proxyHint(errno) } : {}),
    });
  }
  if (errno === 'ERR_PREFLIGHT_CA_FILE') {
    return oneRosterError('tls', (err as Error).message, {
      ...opts,
      hint: "Point the profile's CA file (or NODE_EXTRA_CA_CERTS) at a readable PEM file with the CA certificate.",
    });
  }
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || errno === 'EAI_NONAME') {
    return oneRosterError('dns', `The host name "${host}" could not be found (${errno}).`, opts);
  }
  if (errno && TLS_CODE.test(errno)) {
    return oneRosterError(
      'tls',
      `The secure connection to ${host} failed: the certificate is not trusted (${errno}).`,
      opts,
    );
  }
  if (
    errno === 'UND_ERR_CONNECT_TIMEOUT' ||
    errno === 'UND_ERR_HEADERS_TIMEOUT' ||
    errno === 'UND_ERR_BODY_TIMEOUT' ||
    errno === 'ETIMEDOUT'
  ) {
    return oneRosterError('timeout', `The connection to ${host} timed out (${errno}).`, opts);
  }
  if (errno === 'ECONNREFUSED') {
    return oneRosterError(
      'network',
      `${host} refused the connection (nothing is listening at that address and port).`,
      opts,
    );
  }
  const why =
    errno === 'ECONNRESET' || errno === 'UND_ERR_SOCKET'
      ? 'the connection was reset'
      : 'the connection failed';
  return oneRosterError('network', `Could not talk to ${host}: ${why}${errno ? ` (${errno})` : ''}.`, opts);
}

/** Keeps only name/code/message of a low-level error, so nothing request-shaped (headers) travels with it. */
export function sanitizeCause(err: unknown): { name: string; code?: string; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: unknown; message?: unknown };
  const code = findErrno(err);
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    ...(code ? { code } : {}),
    message: typeof e.message === 'string' ? e.message : '',
  };
}

/** Replaces every occurrence of the given secrets in the error's texts (defence in depth). */
export function scrubError(err: OneRosterFailure, secrets: Iterable<string>): OneRosterFailure {
  const list = [...secrets].filter((s) => s.length >= 4);
  if (list.length === 0) return err;
  const scrub = (text: string): string => list.reduce((t, s) => t.split(s).join('[secret]'), text);
  err.message = scrub(err.message);
  if (err.hint !== undefined) err.hint = scrub(err.hint);
  const detail = err.detail ?? {};
  for (const [key, value] of Object.entries(detail))
    if (typeof value === 'string') detail[key] = scrub(value);
  if (err.stack !== undefined) err.stack = scrub(err.stack);
  const cause = err.cause as { message?: unknown } | undefined;
  if (cause && typeof cause.message === 'string') cause.message = scrub(cause.message);
  return err;
}
