import { defaultNetwork, type HttpClient } from '../net';
import { oneRosterError, isOneRosterError, networkError, type OneRosterFailure } from './errors';
import { abortedError } from './retry';
import { displayUrl } from './url';

/**
 * One HTTP exchange, without retries: the shared axios client (electron/services/net: proxy, trusted CAs) with a
 * per-attempt timeout, cancellation and a cap on the response size.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  /** The body as text; '' for a 2xx asked for as bytes (`SendOnceOptions.bytes`). */
  bodyText: string;
  /** Only when asked for (`bytes`) and the status is 2xx: the body as received, in its own ArrayBuffer. */
  bodyBytes?: Uint8Array;
  latencyMs: number;
  serverDate: Date | null;
}

export function parseServerDate(headers: Headers): Date | null {
  const v = headers.get('date');
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Larger answers are refused (a runaway or hostile server must not exhaust memory); a page of 50,000 enrollments is ~50 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

export interface SendOnceOptions {
  http?: HttpClient;
  /** Default DEFAULT_MAX_RESPONSE_BYTES; over it the exchange fails with code 'too_large'. */
  maxBytes?: number;
  /**
   * Keep a 2xx body as bytes (`bodyBytes`), not text: the pull hands pages to a parse thread without decoding
   * them on the calling thread (other statuses are still decoded, for the error message).
   */
  bytes?: boolean;
}

export async function sendOnce(
  req: HttpRequest,
  timeoutMs: number,
  signal?: AbortSignal,
  options: SendOnceOptions = {},
): Promise<HttpResponse> {
  const shownUrl = displayUrl(req.url);
  if (signal?.aborted) throw abortedError(shownUrl);
  const timer = new AbortController();
  let timedOut = false;
  const handle = setTimeout(() => {
    timedOut = true;
    timer.abort();
  }, timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  const started = performance.now();
  try {
    const http = options.http ?? defaultNetwork();
    const res = await http.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: combined,
      // A redirect would carry a signature made for another URL (and possibly credentials to another host):
      // report it instead of following it.
      redirect: 'manual',
    });
    // The body is read under the same timeout: a server that stalls mid-body is a timeout too.
    const body = await readCapped(res, options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES, req.url);
    const asBytes = options.bytes === true && res.status >= 200 && res.status < 300;
    return {
      url: shownUrl,
      status: res.status,
      headers: res.headers,
      bodyText: asBytes ? '' : new TextDecoder().decode(body),
      ...(asBytes ? { bodyBytes: body } : {}),
      latencyMs: Math.round(performance.now() - started),
      serverDate: parseServerDate(res.headers),
    };
  } catch (err) {
    if (signal?.aborted) throw abortedError(shownUrl);
    if (timedOut) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      throw oneRosterError('timeout', `No answer from ${req.url.host} within ${seconds} s.`, {
        url: shownUrl,
      });
    }
    if (isOneRosterError(err)) throw err;
    throw networkError(err, shownUrl, req.url.host);
  } finally {
    clearTimeout(handle);
  }
}

/** The body's bytes, refusing more than `maxBytes` (checked on Content-Length first, then while reading). */
async function readCapped(res: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const tooLarge = (): OneRosterFailure => {
    void res.body?.cancel().catch(() => undefined);
    return oneRosterError(
      'too_large',
      `The answer from ${url.host} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
      {
        url: displayUrl(url),
        status: res.status,
        hint: 'Lower the page size of the profile so each page is smaller.',
      },
    );
  };
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  // One buffer of its own (not a slice of Node's shared pool), so it can be transferred to another thread.
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
