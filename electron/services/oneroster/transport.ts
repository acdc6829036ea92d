import { OneRosterError, networkError } from './errors';
import { abortedError } from './retry';
import { displayUrl } from './url';

/** One HTTP exchange, without retries: Node's fetch (undici) with a per-attempt timeout and cancellation. */
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
  bodyText: string;
  latencyMs: number;
  serverDate: Date | null;
}

export function parseServerDate(headers: Headers): Date | null {
  const v = headers.get('date');
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function sendOnce(
  req: HttpRequest,
  timeoutMs: number,
  signal?: AbortSignal,
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
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: combined,
      // A redirect would carry a signature made for another URL (and possibly credentials to another host):
      // report it instead of following it.
      redirect: 'manual',
    });
    // The body is read under the same timeout: a server that stalls mid-body is a timeout too.
    const bodyText = await res.text();
    return {
      url: shownUrl,
      status: res.status,
      headers: res.headers,
      bodyText,
      latencyMs: Math.round(performance.now() - started),
      serverDate: parseServerDate(res.headers),
    };
  } catch (err) {
    if (signal?.aborted) throw abortedError(shownUrl);
    if (timedOut) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      throw new OneRosterError('timeout', `No answer from ${req.url.host} within ${seconds} s.`, {
        url: shownUrl,
      });
    }
    if (err instanceof OneRosterError) throw err;
    throw networkError(err, shownUrl, req.url.host);
  } finally {
    clearTimeout(handle);
  }
}
