import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface PagedResult<Row, Meta> {
  total: number;
  rows: Row[];
  meta: Meta;
}

export type FetchPage<Row, Meta> = (offset: number, limit: number) => Promise<PagedResult<Row, Meta>>;

interface Loaded<Row, Meta> {
  key: string;
  total: number;
  meta: Meta;
  pages: ReadonlyMap<number, Row[]>;
}

export interface PagedRows<Row, Meta> {
  /** undefined until the first page of the current query arrived (the previous query's rows stay meanwhile). */
  total: number | undefined;
  meta: Meta | undefined;
  /** True while the rows shown belong to an older query (filters just changed). */
  stale: boolean;
  error: unknown;
  getRow(index: number): Row | undefined;
  /** Loads the pages covering [start, end] (row indexes) that are not loaded yet. */
  ensureRange(start: number, end: number): void;
}

/** Pages kept in memory: enough for a few screens either side, so the renderer never holds the whole result. */
const MAX_PAGES = 24;

/**
 * Rows of a large result fetched page by page as the user scrolls. `key` identifies the query (filters, sort,
 * the evaluation): a new key starts over; responses for an old key are dropped.
 */
export function usePagedRows<Row, Meta>(
  key: string,
  fetchPage: FetchPage<Row, Meta>,
  pageSize = 200,
): PagedRows<Row, Meta> {
  const [loaded, setLoaded] = useState<Loaded<Row, Meta> | undefined>();
  const [error, setError] = useState<unknown>();
  const keyRef = useRef(key);
  const fetchRef = useRef(fetchPage);
  const inflight = useRef(new Set<string>());
  const pagesRef = useRef<ReadonlyMap<number, Row[]>>(new Map());
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  });

  const load = useCallback(
    (page: number) => {
      const k = keyRef.current;
      const id = `${k}\u0000${page}`;
      if (inflight.current.has(id)) return;
      inflight.current.add(id);
      fetchRef.current(page * pageSize, pageSize).then(
        (res) => {
          inflight.current.delete(id);
          if (keyRef.current !== k) return;
          setError(undefined);
          setLoaded((prev) => {
            const pages = new Map(prev?.key === k ? prev.pages : []);
            pages.set(page, res.rows);
            // Drop the pages furthest from the one just loaded.
            while (pages.size > MAX_PAGES) {
              let far = page;
              for (const p of pages.keys()) if (Math.abs(p - page) > Math.abs(far - page)) far = p;
              pages.delete(far);
            }
            pagesRef.current = pages;
            return { key: k, total: res.total, meta: res.meta, pages };
          });
        },
        (err: unknown) => {
          inflight.current.delete(id);
          if (keyRef.current === k) setError(err);
        },
      );
    },
    [pageSize],
  );

  useEffect(() => {
    keyRef.current = key;
    pagesRef.current = new Map();
    load(0);
  }, [key, load]);

  const current = loaded?.key === key ? loaded : undefined;

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (!current) return;
      const last = Math.max(0, Math.min(end, current.total - 1));
      for (let p = Math.floor(Math.max(0, start) / pageSize); p <= Math.floor(last / pageSize); p++) {
        if (!pagesRef.current.has(p)) load(p);
      }
    },
    [current, load, pageSize],
  );

  const source = current ?? loaded;
  const getRow = useCallback(
    (index: number) => source?.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [source, pageSize],
  );

  return {
    total: source?.total,
    meta: source?.meta,
    stale: source !== undefined && current === undefined,
    error,
    getRow,
    ensureRange,
  };
}
