import type { CanvasRequest, CanvasResponse } from './route';

/**
 * Canvas-style pages: `per_page` (default 10, at most 100) and a Link header with current/next/prev/first
 * (and last, unless the endpoint cannot count). Bookmark endpoints (users, logins) use opaque page tokens, as
 * Canvas does, so clients must follow the links rather than count pages.
 */
export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

export interface PageOptions {
  /** Opaque `bookmark:` tokens instead of page numbers. */
  bookmark?: boolean;
  /** Leave out rel="last" (recursive sub-accounts have no total). */
  noLast?: boolean;
}

export function perPageOf(url: URL): number {
  const raw = Number(url.searchParams.get('per_page') ?? DEFAULT_PER_PAGE);
  if (!Number.isFinite(raw) || raw < 1) return DEFAULT_PER_PAGE;
  return Math.min(MAX_PER_PAGE, Math.floor(raw));
}

function pageIndexOf(url: URL, bookmark: boolean): number | null {
  const raw = url.searchParams.get('page') ?? (bookmark ? null : '1');
  if (raw === null) return 0;
  if (bookmark) {
    const m = /^bookmark:([A-Za-z0-9_-]+)$/.exec(raw);
    if (!m) return null;
    try {
      const n = (JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { p?: unknown }).p;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
    } catch {
      return null;
    }
  }
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n - 1 : null;
}

function pageToken(index: number, bookmark: boolean): string {
  return bookmark
    ? `bookmark:${Buffer.from(JSON.stringify({ p: index })).toString('base64url')}`
    : String(index + 1);
}

function linkFor(req: CanvasRequest, index: number, perPage: number, bookmark: boolean): string {
  const url = new URL(req.url.pathname, req.url.origin);
  for (const [k, v] of req.url.searchParams)
    if (k !== 'page' && k !== 'per_page') url.searchParams.append(k, v);
  url.searchParams.set('page', pageToken(index, bookmark));
  url.searchParams.set('per_page', String(perPage));
  return url.href;
}

/** One page of `items` (or of `count` items built by `at`), with the Link header. */
export function pageReply<T>(
  req: CanvasRequest,
  count: number,
  at: (i: number) => T,
  opts: PageOptions = {},
  wrap?: (items: T[]) => unknown,
): CanvasResponse {
  const bookmark = opts.bookmark === true;
  const perPage = perPageOf(req.url);
  const index = pageIndexOf(req.url, bookmark);
  if (index === null) {
    return { status: 400, body: { errors: [{ message: 'invalid page parameter' }] } };
  }
  const pages = Math.max(1, Math.ceil(count / perPage));
  const items: T[] = [];
  for (let i = index * perPage; i < Math.min(count, (index + 1) * perPage); i++) items.push(at(i));
  const rels: string[] = [`<${linkFor(req, index, perPage, bookmark)}>; rel="current"`];
  if (index + 1 < pages) rels.push(`<${linkFor(req, index + 1, perPage, bookmark)}>; rel="next"`);
  if (index > 0) rels.push(`<${linkFor(req, index - 1, perPage, bookmark)}>; rel="prev"`);
  rels.push(`<${linkFor(req, 0, perPage, bookmark)}>; rel="first"`);
  if (!opts.noLast && !bookmark) rels.push(`<${linkFor(req, pages - 1, perPage, bookmark)}>; rel="last"`);
  return { status: 200, headers: { Link: rels.join(',') }, body: wrap ? wrap(items) : items };
}

export function notFound(): CanvasResponse {
  return { status: 404, body: { errors: [{ message: 'The specified resource does not exist.' }] } };
}

/** Values of a Rails array parameter (`state[]=a&state[]=b`). */
export function listParam(url: URL, name: string): string[] {
  return [...url.searchParams.getAll(`${name}[]`), ...url.searchParams.getAll(name)];
}

export function truthy(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v !== null && v !== 'false' && v !== '0';
}
