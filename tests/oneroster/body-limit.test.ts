import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { caughtOneRoster as caught } from '../../test-support/oneroster-failure';
import { startServer, unauthorised, verifyOAuth1, type TestServer } from './helpers/server';

/**
 * Bad input stays bad input (issue 11): a page far larger than its limit, or a provider that streams forever,
 * ends in a clear error on that page — never unbounded memory (a pull once grew past 12 GB).
 */

const KEY = 'limits';
const SECRET = 'limits-secret';

let server: TestServer;
let sentBytes = 0;
beforeAll(async () => {
  server = await startServer((req, res, raw) => {
    const check = verifyOAuth1(req, server.origin, KEY, SECRET);
    if (!check.ok) return unauthorised(res, check.reason);
    res.writeHead(200, { 'content-type': 'application/json' });
    const record = JSON.stringify({ sourcedId: 'x'.repeat(1000), status: 'active' });
    if (req.path.endsWith('/users')) {
      // Asked for limit=10: sends 5,000 records (~5 MB) in one page.
      res.end(`{"users":[${Array.from({ length: 5000 }, () => record).join(',')}]}`);
      return;
    }
    // /orgs: an endless body; stops only when the client hangs up.
    res.write('{"orgs":[');
    const chunk = `${record},`.repeat(64);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk)) sentBytes += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    raw.socket.on('close', () => res.destroy());
    pump();
  });
});
afterAll(() => server.close());

const client = () =>
  new OneRosterClient({
    baseUrl: server.base,
    auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: KEY, clientSecret: SECRET },
    maxRetries: 0,
    maxResponseBytes: 1024 * 1024,
  });

describe('response body limits', () => {
  it('a page far larger than its limit ends in a too_large error naming the page', async () => {
    const err = await caught(client().fetchPage('/users', { limit: 10 }));
    expect(err.code).toBe('too_large');
    expect(err.url).toMatch(/\/users\?limit=10/);
    expect(err.hint ?? err.message).toMatch(/page size/i);
  });

  it('an endless body is cut off at the limit: the client stops reading and hangs up', async () => {
    const before = process.memoryUsage().rss;
    const err = await caught(client().fetchPage('/orgs', { limit: 100 }));
    expect(err.code).toBe('too_large');
    // The server could only push what the client read before giving up (plus socket buffers).
    expect(sentBytes).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
  }, 20_000);
});
