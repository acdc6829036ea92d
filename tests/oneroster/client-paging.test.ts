import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { caughtOneRoster as caught } from '../../test-support/oneroster-failure';
import type { Page } from '../../electron/services/oneroster/page';
import { json, startServer, unauthorised, verifyOAuth1, type Seen, type TestServer } from './helpers/server';

const KEY = 'pager';
const SECRET = 'paging-secret';

/** How the fake provider pages; each test sets one. All requests are signature-checked first. */
interface Mode {
  count: number;
  total?: boolean;
  /** Server-side maximum page size (silent clamping). */
  clamp?: number;
  /** Page by Link rel=next with an opaque cursor (offset ignored). */
  link?: 'same-origin' | 'foreign';
  /** Unstable order: on every page after the first, this record (already sent) takes the first slot. */
  repeat?: number;
  ignoreOffset?: boolean;
  envelopeKey?: string;
  body?: unknown;
}

async function collect(gen: AsyncGenerator<Page>): Promise<Page[]> {
  const out: Page[] = [];
  for await (const p of gen) out.push(p);
  return out;
}

describe('paging', () => {
  let server: TestServer;
  let mode: Mode;
  const record = (i: number) => ({ sourcedId: `u${String(i).padStart(3, '0')}`, status: 'active' });
  const dataRequests = (): Seen[] => server.seen;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const check = verifyOAuth1(req, server.origin, KEY, SECRET);
      if (!check.ok) return unauthorised(res, check.reason);
      if (mode.body !== undefined) return json(res, 200, mode.body);
      const limit = Math.min(Number(req.query.get('limit') ?? 100), mode.clamp ?? Infinity);
      let offset = mode.ignoreOffset ? 0 : Number(req.query.get('offset') ?? 0);
      const cursor = req.query.get('cursor');
      if (mode.link) offset = cursor ? Number(cursor.split(' ')[1]) : 0;
      const end = Math.min(offset + limit, mode.count);
      const records = [];
      for (let i = offset; i < end; i++) records.push(record(i));
      if (mode.repeat !== undefined && offset > 0) records[0] = record(mode.repeat);
      const headers: Record<string, string> = {};
      if (mode.total) headers['x-total-count'] = String(mode.count);
      if (mode.link && end < mode.count) {
        const origin = mode.link === 'foreign' ? 'http://127.0.0.2:1' : server.origin;
        // Deliberately form-encoded (+ for space, raw quote): the client must re-encode before signing.
        headers.link = `<${origin}${req.path}?cursor=page+${end}&filter=status='active'&limit=${limit}>; rel="next", <${origin}${req.path}?cursor=page+0>; rel="first"`;
      }
      json(res, 200, { [mode.envelopeKey ?? 'users']: records }, headers);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.seen.length = 0;
  });

  const client = () =>
    new OneRosterClient({
      baseUrl: server.base,
      auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: KEY, clientSecret: SECRET },
      maxRetries: 0,
    });
  const all = (pages: Page[]) =>
    pages.flatMap((p) => p.records as Array<{ sourcedId: string }>).map((r) => r.sourcedId);

  it('stops when X-Total-Count is reached (no extra request)', async () => {
    mode = { count: 25, total: true };
    const pages = await collect(
      client().pages('/users', {
        pageSize: 10,
        filter: "status='active'",
        sort: 'sourcedId',
        orderBy: 'asc',
      }),
    );
    expect(pages.map((p) => p.records.length)).toEqual([10, 10, 5]);
    expect(new Set(all(pages)).size).toBe(25);
    expect(dataRequests().map((s) => s.query.get('offset'))).toEqual(['0', '10', '20']);
    expect(dataRequests()[0]?.query.get('filter')).toBe("status='active'");
    expect(dataRequests()[0]?.query.get('orderBy')).toBe('asc');
    expect(pages[0]).toMatchObject({
      totalCount: 25,
      requestedLimit: 10,
      offset: 0,
      envelopeKey: 'users',
      quirks: [],
      status: 200,
    });
  });

  it('without a total: stops on a short page, or on an empty page', async () => {
    mode = { count: 25 };
    expect((await collect(client().pages('/users', { pageSize: 10 }))).map((p) => p.records.length)).toEqual([
      10, 10, 5,
    ]);
    server.seen.length = 0;
    mode = { count: 20 };
    expect((await collect(client().pages('/users', { pageSize: 10 }))).map((p) => p.records.length)).toEqual([
      10, 10, 0,
    ]);
    server.seen.length = 0;
    mode = { count: 0, total: true };
    expect((await collect(client().pages('/users', { pageSize: 10 }))).map((p) => p.records.length)).toEqual([
      0,
    ]);
  });

  it('detects a clamped limit and continues at offset + received', async () => {
    mode = { count: 25, total: true, clamp: 7 };
    const pages = await collect(client().pages('/users', { pageSize: 10 }));
    expect(pages.map((p) => p.records.length)).toEqual([7, 7, 7, 4]);
    expect(new Set(all(pages)).size).toBe(25);
    expect(dataRequests().map((s) => s.query.get('offset'))).toEqual(['0', '7', '14', '21']);
    expect(pages[0]?.quirks).toContain('limit-clamped');
    expect(pages[3]?.quirks).not.toContain('limit-clamped');
  });

  it('follows Link rel=next, re-encoding and signing the server-given URL', async () => {
    mode = { count: 23, link: 'same-origin' };
    const pages = await collect(client().pages('/users', { pageSize: 10 }));
    expect(pages.map((p) => p.records.length)).toEqual([10, 10, 3]);
    expect(new Set(all(pages)).size).toBe(23);
    expect(dataRequests().map((s) => s.query.get('cursor'))).toEqual([null, 'page 10', 'page 20']);
    expect(dataRequests()[1]?.rawQuery).toBe('cursor=page%2010&filter=status%3D%27active%27&limit=10');
    expect(pages[0]?.nextUrl).toBe(
      `${server.origin}/ims/oneroster/v1p1/users?cursor=page%2010&filter=status%3D%27active%27&limit=10`,
    );
    expect(pages[2]?.nextUrl).toBeNull();
    expect(pages[1]?.offset).toBe(10);
  });

  it('ignores a Link to another origin (credentials stay home) and pages by offset', async () => {
    mode = { count: 15, link: 'foreign' };
    const pages = await collect(client().pages('/users', { pageSize: 10 }));
    expect(pages[0]?.quirks).toContain('link-next-foreign-origin');
    expect(pages[0]?.nextUrl).toBeNull();
    expect(dataRequests().every((s) => s.headers.host === `127.0.0.1:${server.port}`)).toBe(true);
  });

  it('drops duplicates by sourcedId and keeps them for comparison', async () => {
    mode = { count: 25, total: true, repeat: 3 };
    const pages = await collect(client().pages('/users', { pageSize: 10 }));
    expect(new Set(all(pages)).size).toBe(all(pages).length);
    // Offset paging over an unstable order loses the records the repeats displaced; the caller sees
    // X-Total-Count (25) against the unique records received (23) and the duplicate counts.
    expect(all(pages)).toHaveLength(23);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    expect(pages.map((p) => p.duplicatesDropped)).toEqual([0, 1, 1]);
    expect(pages[1]?.duplicateRecords).toEqual([record(3)]);
    expect(pages[1]?.quirks).toContain('duplicates');
  });

  it('ends when a server ignores offset (a page of repeats)', async () => {
    mode = { count: 50, ignoreOffset: true };
    const pages = await collect(client().pages('/users', { pageSize: 10 }));
    expect(pages).toHaveLength(2);
    expect(pages[1]?.quirks).toContain('offset-ignored');
    expect(all(pages)).toHaveLength(10);
  });

  it('stops between pages when cancelled', async () => {
    mode = { count: 100, total: true };
    const ac = new AbortController();
    const seen: number[] = [];
    const err = await caught(
      (async () => {
        for await (const p of client().pages('/users', { pageSize: 10 }, { signal: ac.signal })) {
          seen.push(p.records.length);
          if (seen.length === 2) ac.abort();
        }
      })(),
    );
    expect(err.code).toBe('aborted');
    expect(seen).toEqual([10, 10]);
    expect(dataRequests()).toHaveLength(2);
  });
});

describe('envelopes', () => {
  let server: TestServer;
  let body: unknown;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const check = verifyOAuth1(req, server.origin, KEY, SECRET);
      if (!check.ok) return unauthorised(res, check.reason);
      if (typeof body === 'string') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(body);
      }
      json(res, 200, body, { 'x-total-count': 'lots' });
    });
  });
  afterAll(() => server.close());
  const page = (path: string) =>
    new OneRosterClient({
      baseUrl: server.base,
      auth: { kind: 'oauth1', method: 'HMAC-SHA1', clientId: KEY, clientSecret: SECRET },
    }).fetchPage(path, { limit: 5 });

  it('accepts the expected key, known alternatives and a single list', async () => {
    body = { academicSessions: [{ sourcedId: 't1' }] };
    expect(await page('/terms')).toMatchObject({
      envelopeKey: 'academicSessions',
      records: [{ sourcedId: 't1' }],
      totalCount: null,
      quirks: ['bad-total-count'],
    });
    body = { students: [{ sourcedId: 's1' }] };
    expect((await page('/students')).quirks).toContain('envelope:students');
    body = { terms: [] };
    expect((await page('/schools/sch-1/terms')).quirks).toContain('envelope:terms');
    body = { demographic: [{ sourcedId: 'd' }] };
    expect((await page('/demographics')).envelopeKey).toBe('demographic');
    body = { data: [{ sourcedId: 'x' }], totalCount: 1, statusInfoSet: [] };
    const single = await page('/classes');
    expect(single.envelopeKey).toBe('data');
    expect(single.quirks).toEqual(expect.arrayContaining(['envelope:data', 'body-paging-metadata']));
  });

  it('passes statusInfoSet warnings in a 200 through', async () => {
    body = {
      users: [],
      statusInfoSet: [
        {
          imsx_codeMajor: 'success',
          imsx_severity: 'warning',
          imsx_codeMinor: 'invalid_sort_field',
          imsx_description: 'sort ignored',
        },
      ],
    };
    const p = await page('/users');
    expect(p.warnings).toEqual(['warning invalid_sort_field: sort ignored']);
    expect(p.records).toEqual([]);
  });

  it('treats success-shaped failures as envelope errors', async () => {
    body = {
      statusInfoSet: [
        {
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_codeMinor: 'forbidden',
          imsx_description: 'app not enabled',
        },
      ],
    };
    const failure = await caught(page('/users'));
    expect([failure.code, failure.status, failure.codeMinor, failure.description]).toEqual([
      'envelope',
      200,
      'forbidden',
      'app not enabled',
    ]);
    body = { users: { sourcedId: 'u1' } };
    expect((await caught(page('/users'))).message).toMatch(/no "users" list/);
    body = { a: [], b: [] };
    expect((await caught(page('/users'))).code).toBe('envelope');
    body = '<html>Login</html>';
    const html = await caught(page('/users'));
    expect(html.code).toBe('envelope');
    expect(html.message).toMatch(/not JSON/);
    body = [1, 2];
    expect((await caught(page('/users'))).code).toBe('envelope');
  });
});
