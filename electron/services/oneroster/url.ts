import { percentEncode } from './oauth1';

/**
 * URL building. The query is written with RFC 3986 encoding (space → %20, ' → %27) so that what is sent
 * decodes to exactly what the OAuth 1 signer read (it signs `url.searchParams`).
 */
export type Query = Record<string, string | number | undefined>;

export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

export function encodeQuery(entries: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [k, v] of entries) parts.push(`${percentEncode(k)}=${percentEncode(v)}`);
  return parts.join('&');
}

/** base + path (+ query). `path` may also be an absolute URL (a Link header's next page). */
export function buildUrl(baseUrl: string, path: string, query: Query = {}): URL {
  const absolute = /^https?:\/\//i.test(path);
  const url = new URL(
    absolute ? path : `${normaliseBaseUrl(baseUrl)}${path.startsWith('/') ? '' : '/'}${path}`,
  );
  const entries: Array<[string, string]> = [...url.searchParams.entries()];
  for (const [k, v] of Object.entries(query)) if (v !== undefined) entries.push([k, String(v)]);
  return withQuery(url, entries);
}

/** Re-encodes a URL's query canonically (servers' Link URLs may use `+` or leave `'` raw). */
export function canonicalUrl(url: URL): URL {
  return withQuery(url, [...url.searchParams.entries()]);
}

function withQuery(url: URL, entries: Array<[string, string]>): URL {
  const out = new URL(url.href);
  out.hash = '';
  out.search = entries.length > 0 ? `?${encodeQuery(entries)}` : '';
  return out;
}

export function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host.toLowerCase() === b.host.toLowerCase();
}

/** A URL fit to show or store: never carries user:password. */
export function displayUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Parses an RFC 8288 Link header into rel → URL (first one wins), resolved against `base`. */
export function parseLinkHeader(header: string | null, base: URL): Map<string, URL> {
  const out = new Map<string, URL>();
  if (!header) return out;
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (let m = re.exec(header); m !== null; m = re.exec(header)) {
    const target = m[1] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(m[2] ?? '');
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    let resolved: URL;
    try {
      resolved = new URL(target, base);
    } catch {
      continue;
    }
    for (const r of rels) if (!out.has(r)) out.set(r, resolved);
  }
  return out;
}
