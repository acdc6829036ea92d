import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanvasClient } from '../../electron/services/canvas-api';
import {
  generateBaseline,
  startCanvasDouble,
  type CanvasResponse,
  type CanvasRoute,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';
import { createLogger } from '../../electron/services/logging/logger';
import { cliHint } from '../../electron/cli/hints';
import type { ServiceError } from '../../shared/errors';

const TOKEN = 'tok-7c2e9d41a0b5f3e8-CanvasSecret';
const baseline = generateBaseline({ preset: 'tiny' }, { seed: 2 });
const hits: Record<string, number> = {};
const bodies: Array<{ type: string; length: number; text: string }> = [];
const count = (k: string): number => (hits[k] = (hits[k] ?? 0) + 1);

const extraRoutes: CanvasRoute[] = [
  {
    method: 'GET',
    path: /^\/api\/v1\/opaque$/,
    handle(req): CanvasResponse {
      // Opaque cursors and an odd header case: the client must follow the links as given.
      const cursor = req.url.searchParams.get('cursor') ?? 'start';
      const next = { start: 'q1Z', q1Z: 'zz%2C9' }[cursor];
      return {
        status: 200,
        headers: next
          ? {
              lInK: `<${req.url.origin}/api/v1/opaque?cursor=${next}>; rel="next", <${req.url.href}>; rel="current"`,
            }
          : ({} as Record<string, string>),
        body: [{ cursor }],
      };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/flaky$/,
    handle: () =>
      count('flaky') <= 2
        ? { status: 503, body: { errors: [{ message: 'busy' }] } }
        : { status: 200, body: { ok: true } },
  },
  { method: 'POST', path: /^\/api\/v1\/boom$/, handle: () => (count('boom'), { status: 500, body: {} }) },
  {
    method: 'GET',
    path: /^\/api\/v1\/forbidden$/,
    handle: () => ({
      status: 403,
      body: { errors: [{ message: 'user not authorized to perform that action' }] },
    }),
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/html$/,
    handle: () => ({
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: Buffer.from('<html>login</html>'),
    }),
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/elsewhere$/,
    handle: (req) => ({
      status: 200,
      headers: { Link: `<http://localhost:${req.url.port}/api/v1/opaque>; rel="next"` },
      body: [],
    }),
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/slow$/,
    handle: () => new Promise((r) => setTimeout(() => r({ status: 200, body: {} }), 2000)),
  },
  {
    method: 'POST',
    path: /^\/api\/v1\/echo$/,
    handle(req) {
      bodies.push({
        type: String(req.headers['content-type']),
        length: req.body.length,
        text: req.body.toString('latin1'),
      });
      return { status: 200, body: { id: 1 } };
    },
  },
];

let double: RunningCanvasDouble;
beforeAll(async () => {
  double = await startCanvasDouble({ baseline, token: TOKEN, extraRoutes });
});
afterAll(() => double.close());

const client = (over: Partial<ConstructorParameters<typeof CanvasClient>[0]> = {}) =>
  new CanvasClient({ baseUrl: double.url, token: TOKEN, retryBaseMs: 5, retryMaxMs: 20, ...over });

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const p of gen) pages.push(p);
  return pages;
}

function expectNoToken(err: unknown, token = TOKEN): void {
  const e = err as Error & { hint?: string; cause?: unknown };
  const text = [e.message, e.hint, e.stack, JSON.stringify(e), JSON.stringify(e.cause ?? null)].join('\n');
  expect(text).not.toContain(token);
}

describe('CanvasClient paging', () => {
  it('follows Link rel="next" with per_page, capped at 100 by Canvas', async () => {
    const small = generateBaseline({ preset: 'small' }, { seed: 2 });
    const d = await startCanvasDouble({ baseline: small, token: TOKEN });
    try {
      const c = new CanvasClient({ baseUrl: d.url, token: TOKEN });
      const pages = await collect(
        c.paginate<{ id: string }>('/api/v1/accounts/1/users', { sort: 'id' }, { perPage: 500 }),
      );
      const users = new Set(small.users.map((u) => u.canvas_user_id));
      expect(users.size).toBeGreaterThan(300);
      expect(pages.slice(0, -1).every((p) => p.length === 100)).toBe(true);
      expect(pages.flat().map((u) => u.id)).toEqual([...users]);
      expect(pages.length).toBe(Math.ceil(users.size / 100));
    } finally {
      await d.close();
    }
  });

  it('asks for string ids and unwraps keyed lists', async () => {
    const pages = await collect(
      client().paginate<{ id: unknown }>(
        '/api/v1/accounts/1/terms',
        {},
        { perPage: 2, key: 'enrollment_terms' },
      ),
    );
    expect(pages.flat().map((t) => t.id)).toEqual(baseline.terms.map((t) => t.canvas_term_id));
    expect(pages.length).toBe(Math.ceil(baseline.terms.length / 2));
  });

  it('treats links as opaque and the header name in any case', async () => {
    const pages = await collect(client().paginate<{ cursor: string }>('/api/v1/opaque'));
    expect(pages.flat().map((p) => p.cursor)).toEqual(['start', 'q1Z', 'zz,9']);
  });

  it('refuses to follow a link to another site (the token stays home)', async () => {
    const err = await collect(client().paginate('/api/v1/elsewhere')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'canvas_bad_response',
      message: expect.stringContaining('another site'),
    });
  });
});

describe('CanvasClient throttling and retries', () => {
  it('retries "403 Rate Limit Exceeded" with backoff and gets through', async () => {
    const d = await startCanvasDouble({ baseline, token: TOKEN, throttle: { everyNth: 2 } });
    try {
      const c = new CanvasClient({ baseUrl: d.url, token: TOKEN, retryBaseMs: 5, retryMaxMs: 20 });
      const pages = await collect(c.paginate('/api/v1/accounts/1/users', {}, { perPage: 10 }));
      expect(pages.length).toBeGreaterThan(3);
      expect(d.stats.throttled).toBeGreaterThan(0);
      expect(c.stats.throttled).toBe(d.stats.throttled);
    } finally {
      await d.close();
    }
  });

  it('honours Retry-After and gives up with canvas_throttled after maxRetries', async () => {
    const d = await startCanvasDouble({
      baseline,
      token: TOKEN,
      throttle: { afterRequests: 0, retryAfterSec: 0.1 },
    });
    try {
      const c = new CanvasClient({
        baseUrl: d.url,
        token: TOKEN,
        maxRetries: 2,
        retryBaseMs: 1,
        retryMaxMs: 2,
      });
      const t0 = performance.now();
      const err = await c.request('GET', '/api/v1/accounts/1').catch((e: unknown) => e);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
      expect(err).toMatchObject({ code: 'canvas_throttled' });
      expect(cliHint((err as ServiceError).toData())).toContain('--via report');
      expect(d.stats.throttled).toBe(3);
      expectNoToken(err);
    } finally {
      await d.close();
    }
  });

  it('slows down while X-Rate-Limit-Remaining is low', async () => {
    const d = await startCanvasDouble({
      baseline,
      token: TOKEN,
      throttle: { remainingHeader: true, bucketSize: 10, cost: 1, refillPerSec: 10 },
    });
    try {
      const c = new CanvasClient({
        baseUrl: d.url,
        token: TOKEN,
        slowBelow: 8,
        slowMaxMs: 600,
        retryBaseMs: 5,
      });
      await collect(c.paginate('/api/v1/accounts/1/users', {}, { perPage: 10 }));
      expect(c.stats.slowdowns).toBeGreaterThan(0);
      expect(d.stats.throttled).toBe(0);
    } finally {
      await d.close();
    }
  });

  it('retries 5xx on GET, never on POST', async () => {
    const c = client();
    expect((await c.request('GET', '/api/v1/flaky')).data).toEqual({ ok: true });
    expect(hits.flaky).toBe(3);
    const err = await c.request('POST', '/api/v1/boom', { body: { a: 1 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'canvas_server_error' });
    expect(hits.boom).toBe(1);
  });
});

describe('CanvasClient errors', () => {
  it('a wrong token is canvas_unauthorized, and no token ever reaches errors or logs', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', stderr: (l) => lines.push(l) });
    const wrong = 'wrong-token-e51c0b9a7d3f42aa';
    const c = new CanvasClient({ baseUrl: double.url, token: wrong, logger, retryBaseMs: 1 });
    const err = await c.request('GET', '/api/v1/accounts/1').catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'canvas_unauthorized',
      message: expect.stringContaining('Invalid access token.'),
    });
    expect(double.stats.unauthorized).toBeGreaterThan(0);
    expectNoToken(err, wrong);
    const ok = client({ logger });
    await collect(ok.paginate('/api/v1/accounts/1/users'));
    const fail = await ok.request('GET', '/api/v1/forbidden').catch((e: unknown) => e);
    expect(fail).toMatchObject({ code: 'canvas_forbidden' });
    expectNoToken(fail);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).not.toContain(wrong);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('maps 404, non-JSON, refused connections and cancellation', async () => {
    const c = client();
    await expect(c.request('GET', '/api/v1/accounts/4242')).rejects.toMatchObject({
      code: 'canvas_not_found',
    });
    await expect(c.request('GET', '/api/v1/html')).rejects.toMatchObject({ code: 'canvas_bad_response' });

    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const closed = new CanvasClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, retryBaseMs: 1 });
    const err = await closed.request('GET', '/api/v1/accounts/1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'canvas_unreachable', message: expect.stringContaining('refused') });
    expect(closed.stats.requests).toBe(1);
    expectNoToken(err);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const t0 = performance.now();
    await expect(c.request('GET', '/api/v1/slow', { signal: controller.signal })).rejects.toMatchObject({
      code: 'canvas_cancelled',
    });
    expect(performance.now() - t0).toBeLessThan(1000);

    const timeout = await client({ timeoutMs: 100, maxRetries: 0 })
      .request('GET', '/api/v1/slow')
      .catch((e: unknown) => e);
    expect(timeout).toMatchObject({
      code: 'canvas_unreachable',
      message: expect.stringContaining('in time'),
    });
  });

  it('sends FormData (multipart) and Buffer bodies', async () => {
    const form = new FormData();
    form.append('attachment', new Blob([Buffer.from('PK\u0003\u0004zip')]), 'sis.zip');
    form.append('import_type', 'instructure_csv');
    await client().request('POST', '/api/v1/echo', { body: form, query: { batch_mode: true } });
    await client().request('POST', '/api/v1/echo', {
      body: Buffer.from('zipbytes'),
      headers: { 'content-type': 'application/zip' },
    });
    expect(bodies[0]!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(bodies[0]!.text).toContain('name="import_type"');
    expect(bodies[0]!.text).toContain('filename="sis.zip"');
    expect(bodies[1]).toMatchObject({ type: 'application/zip', length: 8 });
  });
});
