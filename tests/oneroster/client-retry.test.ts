import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OneRosterClient,
  type OneRosterClientConfig,
  type RetryInfo,
} from '../../electron/services/oneroster/client';
import { caughtOneRoster as caught } from '../../test-support/oneroster-failure';
import { json, startServer, unauthorised, verifyOAuth1, type Seen, type TestServer } from './helpers/server';

const KEY = 'k';
const SECRET = 'retry-secret';

/**
 * Fault-injecting server: each route has a script of behaviours, one per request (the last one repeats).
 * Every request's OAuth 1 signature and nonce are verified first, so retries prove they are re-signed.
 */
type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'reset'
  | 'hang'
  | { delayMs: number };

describe('retries, timeouts and cancellation', () => {
  let server: TestServer;
  let scripts: Map<string, Behaviour[]>;
  let inFlight = 0;
  let maxInFlight = 0;
  const nonces = new Set<string>();
  let replayed = 0;
  const hanging = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = await startServer(async (req: Seen, res, raw) => {
      const check = verifyOAuth1(req, server.origin, KEY, SECRET);
      if (!check.ok) return unauthorised(res, check.reason);
      const nonce = check.params?.oauth_nonce ?? '';
      if (nonces.has(nonce)) replayed++;
      nonces.add(nonce);
      const route = req.path.replace('/ims/oneroster/v1p1', '');
      const script = scripts.get(route) ?? [{ status: 200, body: { orgs: [] } }];
      const step = script.length > 1 ? script.shift() : script[0];
      if (step === 'reset') return raw.socket.destroy();
      if (step === 'hang') {
        hanging.add(res);
        return;
      }
      if (step && 'delayMs' in step) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, step.delayMs));
        inFlight--;
        return json(res, 200, { orgs: [] });
      }
      const s = step ?? { status: 200 };
      json(res, s.status, s.body ?? { orgs: [] }, { date: new Date().toUTCString(), ...s.headers });
    });
  });
  afterAll(async () => {
    for (const r of hanging) r.destroy();
    await server.close();
  });
  beforeEach(() => {
    scripts = new Map();
    server.seen.length = 0;
    for (const r of hanging) r.destroy();
    hanging.clear();
  });

  const retries: RetryInfo[] = [];
  const client = (over: Partial<OneRosterClientConfig> = {}) => {
    retries.length = 0;
    return new OneRosterClient({
      baseUrl: server.base,
      auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: KEY, clientSecret: SECRET },
      maxRetries: 3,
      retryBaseMs: 5,
      maxRetryDelayMs: 2_000,
      timeoutMs: 2_000,
      onRetry: (i) => retries.push(i),
      ...over,
    });
  };

  it('retries 5xx with fresh signatures, then succeeds', async () => {
    scripts.set('/orgs', [
      { status: 503 },
      { status: 502 },
      { status: 200, body: { orgs: [{ sourcedId: 'a' }] } },
    ]);
    const res = await client().get('/orgs', { limit: 2 });
    expect(res.attempts).toBe(3);
    expect(retries.map((r) => [r.attempt, r.status])).toEqual([
      [1, 503],
      [2, 502],
    ]);
    expect(retries.every((r) => r.delayMs >= 0 && r.delayMs <= 10)).toBe(true);
    expect(server.seen).toHaveLength(3);
    expect(replayed).toBe(0);
  });

  it('gives up after maxRetries with a server / rate_limited error', async () => {
    scripts.set('/orgs', [
      {
        status: 500,
        body: {
          statusInfoSet: [
            { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_codeMinor: 'internal_server_error' },
          ],
        },
      },
    ]);
    const err = await caught(client({ maxRetries: 2 }).get('/orgs'));
    expect([err.code, err.status, err.codeMinor]).toEqual(['server', 500, 'internal_server_error']);
    expect(server.seen).toHaveLength(3);

    server.seen.length = 0;
    scripts.set('/users', [{ status: 429 }]);
    const limited = await caught(client().get('/users', {}, { retries: 1 }));
    expect([limited.code, limited.status]).toEqual(['rate_limited', 429]);
    expect(limited.hint).toMatch(/concurrency/);
    expect(server.seen).toHaveLength(2);
  });

  it('does not retry 501, 4xx or 401', async () => {
    for (const status of [501, 400, 401, 404]) {
      server.seen.length = 0;
      scripts.set('/x', [{ status }]);
      await caught(client().get('/x'));
      expect(server.seen, String(status)).toHaveLength(1);
    }
  });

  it('honours Retry-After in seconds', async () => {
    scripts.set('/orgs', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const started = Date.now();
    const res = await client().get('/orgs');
    expect(res.attempts).toBe(2);
    expect(retries[0]?.delayMs).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date, measured against the server Date header', async () => {
    const serverNow = new Date(Date.UTC(2030, 0, 1, 12, 0, 0));
    const at = new Date(serverNow.getTime() + 1000);
    scripts.set('/orgs', [
      { status: 503, headers: { date: serverNow.toUTCString(), 'retry-after': at.toUTCString() } },
      { status: 200 },
    ]);
    const res = await client().get('/orgs');
    expect(res.attempts).toBe(2);
    expect(retries[0]?.delayMs).toBe(1000);
  });

  it('stops when Retry-After is longer than it is willing to wait, and says how long', async () => {
    scripts.set('/orgs', [{ status: 429, headers: { 'retry-after': '120' } }]);
    const err = await caught(client().get('/orgs'));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(120_000);
    expect(server.seen).toHaveLength(1);
  });

  it('retries connection resets', async () => {
    scripts.set('/orgs', ['reset', 'reset', { status: 200 }]);
    const res = await client().get('/orgs');
    expect(res.attempts).toBe(3);
    expect(retries).toHaveLength(2);
    scripts.set('/users', ['reset']);
    const err = await caught(client({ maxRetries: 1 }).get('/users'));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/reset|failed/);
  });

  it('times out a silent server, retries, and reports timeout when it stays silent', async () => {
    scripts.set('/orgs', ['hang', { status: 200 }]);
    const res = await client({ timeoutMs: 300 }).get('/orgs');
    expect(res.attempts).toBe(2);
    expect(retries[0]?.reason).toMatch(/within 0.3 s/);
    scripts.set('/users', ['hang']);
    const err = await caught(client({ timeoutMs: 200 }).get('/users', {}, { retries: 0 }));
    expect(err.code).toBe('timeout');
    expect(err.hint).toMatch(/did not answer/);
  });

  it('cancels an in-flight request promptly', async () => {
    scripts.set('/orgs', ['hang']);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const err = await caught(client({ timeoutMs: 10_000 }).get('/orgs', {}, { signal: ac.signal }));
    expect(err.code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('cancels during a backoff wait without further requests', async () => {
    scripts.set('/orgs', [{ status: 503, headers: { 'retry-after': '10' } }]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const started = Date.now();
    const err = await caught(client({ maxRetryDelayMs: 60_000 }).get('/orgs', {}, { signal: ac.signal }));
    expect(err.code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.seen).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await caught(client().get('/orgs', {}, { signal: ac.signal }));
    expect(err.code).toBe('aborted');
    expect(server.seen).toHaveLength(0);
  });

  it('caps in-flight requests at the configured concurrency', async () => {
    scripts.set('/slow', [{ delayMs: 60 }]);
    maxInFlight = 0;
    const c = client({ concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.get('/slow')));
    expect(server.seen).toHaveLength(8);
    expect(maxInFlight).toBe(2);
  });
});
