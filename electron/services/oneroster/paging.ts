import type { Page, PageParams } from './page';
import { abortedError } from './retry';

/**
 * Sequential paging (docs/oneroster-dialects.md). Termination follows the rule code.org uses against
 * ClassLink — stop on an empty page, a short page, or when X-Total-Count is reached — with two guards:
 * a short page is NOT the end when the total says more is coming (the server clamped `limit`), and a page
 * made only of records already seen ends the loop (the server ignores `offset`), so paging always ends.
 */
export type PagesParams = Omit<PageParams, 'offset' | 'limit'> & {
  pageSize: number;
  /** Accepted for compatibility; `pageSize` is what is requested. */
  limit?: number;
};

export interface PageSource {
  fetchFirst(offset: number, signal?: AbortSignal): Promise<Page>;
  fetchUrl(url: URL, offset: number, signal?: AbortSignal): Promise<Page>;
}

function sourcedIdOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as { sourcedId?: unknown }).sourcedId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export async function* iteratePages(
  source: PageSource,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Page> {
  const seen = new Set<string>();
  const visited = new Set<string>();
  let received = 0; // records the server has sent so far = the next offset
  let next: string | null = null;
  let followingLinks = false;
  for (;;) {
    if (signal?.aborted) throw abortedError();
    const page: Page = next
      ? await source.fetchUrl(new URL(next), received, signal)
      : await source.fetchFirst(received, signal);
    const count = page.records.length;
    dropDuplicates(page, seen);
    received += count;
    const total = page.totalCount;
    const moreByTotal = total !== null && received < total;
    if (count > 0 && count < pageSize && moreByTotal) page.quirks.push('limit-clamped');
    if (count > pageSize) page.quirks.push('limit-ignored');

    let done: boolean;
    next = null;
    if (count === 0) done = true;
    else if (page.duplicatesDropped === count) {
      page.quirks.push('offset-ignored');
      done = true;
    } else if (total !== null && received >= total) done = true;
    else if (page.nextUrl !== null) {
      if (visited.has(page.nextUrl)) {
        page.quirks.push('link-loop');
        done = true;
      } else {
        visited.add(page.nextUrl);
        next = page.nextUrl;
        followingLinks = true;
        done = false;
      }
    } else if (followingLinks)
      done = true; // the server pages by Link and sent no next: that was the last page
    else done = count < pageSize && !moreByTotal;

    yield page;
    if (done) return;
  }
}

/** Removes records whose sourcedId was already seen; they stay available for comparison in duplicateRecords. */
function dropDuplicates(page: Page, seen: Set<string>): void {
  let kept: unknown[] | null = null;
  const dropped: unknown[] = [];
  const records = page.records;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const id = sourcedIdOf(r);
    if (id !== null && seen.has(id)) {
      kept ??= records.slice(0, i);
      dropped.push(r);
      continue;
    }
    if (id !== null) seen.add(id);
    kept?.push(r);
  }
  page.duplicatesDropped = dropped.length;
  if (kept !== null) {
    page.records = kept;
    page.duplicateRecords = dropped;
    page.quirks.push('duplicates');
  }
}
