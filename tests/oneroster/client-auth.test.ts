import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { ServiceError } from '../../shared/errors';
import { caughtOneRoster as caught, type CaughtFailure } from '../../test-support/oneroster-failure';
import { json, startServer, unauthorised, verifyOAuth1, type TestServer } from './helpers/server';

const KEY = 'district-key';
const SECRET = 'sup3r-s3cret/+= value';
const FILTER = "status='active' AND dateLastModified>'2024-08-01T00:00:00Z'";

function leaks(err: CaughtFailure, ...secrets: string[]): boolean {
  const text = [
    err.message,
    err.hint,
    err.description,
    err.codeMinor,
    err.url,
    err.stack,
    JSON.stringify(err.error),
    JSON.stringify(err.cause),
  ].join('\n');
  return secrets.some((s) => text.includes(s));
}

describe('OneRosterClient with OAuth 1.0a against a verifying server', () => {
  let server: TestServer;
  const nonces = new Set<string>();
  let replays = 0;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const check = verifyOAuth1(req, server.origin, KEY, SECRET);
      if (!check.ok) return unauthorised(res, `signature check failed: ${check.reason}`);
      const nonce = check.params?.oauth_nonce ?? '';
      if (nonces.has(nonce)) replays++;
      nonces.add(nonce);
      const path = req.path.replace('/ims/oneroster/v1p1', '');
      if (path === '/orgs') return json(res, 200, { orgs: [{ sourcedId: 'o1' }] }, { 'x-total-count': '1' });
      if (path === '/forbidden')
        return json(res, 403, {
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_description: 'not shared',
          imsx_CodeMinor: {
            imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'x', imsx_codeMinorFieldValue: 'forbidden' }],
          },
        });
      if (path === '/bad-sort')
        return json(res, 400, {
          statusInfoSet: [
            {
              imsx_codeMajor: 'failure',
              imsx_severity: 'error',
              imsx_codeMinor: 'invalid_sort_field',
              imsx_description: 'no such field',
            },
          ],
        });
      if (path === '/moved') {
        res.writeHead(302, { location: 'https://elsewhere.example/ims/oneroster/v1p1/moved' });
        return res.end();
      }
      if (path === '/echo') {
        // A hostile/broken server echoing what it received back into the error.
        return json(res, 500, {
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_description: `got ${req.headers.authorization} with ${SECRET}`,
          imsx_codeMinor: SECRET,
        });
      }
      return json(res, 404, {
        statusInfoSet: [
          {
            imsx_codeMajor: 'failure',
            imsx_severity: 'error',
            imsx_CodeMinor: {
              imsx_codeMinorField: [
                { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'unknownobject' },
              ],
            },
          },
        ],
      });
    });
  });
  afterAll(() => server.close());

  const client = (over: Partial<{ secret: string; method: 'HMAC-SHA256' | 'HMAC-SHA1' }> = {}) =>
    new OneRosterClient({
      baseUrl: `${server.base}/`,
      auth: {
        kind: 'oauth1',
        method: over.method ?? 'HMAC-SHA256',
        clientId: KEY,
        clientSecret: over.secret ?? SECRET,
      },
      maxRetries: 2,
      retryBaseMs: 1,
    });

  it('signs every request (HMAC-SHA256 and HMAC-SHA1) so the server verifies it, filter included', async () => {
    for (const method of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
      const res = await client({ method }).get('/orgs', {
        limit: 5,
        offset: 0,
        filter: FILTER,
        sort: 'sourcedId',
        orderBy: 'asc',
        fields: 'sourcedId,name',
      });
      expect(res.status).toBe(200);
      expect(res.attempts).toBe(1);
      expect(JSON.parse(res.bodyText)).toEqual({ orgs: [{ sourcedId: 'o1' }] });
      expect(res.headers.get('x-total-count')).toBe('1');
      expect(res.serverDate).toBeInstanceOf(Date);
    }
    const last = server.seen[server.seen.length - 1];
    expect(last?.query.get('filter')).toBe(FILTER);
    expect(last?.rawQuery).toContain('filter=status%3D%27active%27%20AND%20');
    expect(last?.rawQuery).not.toContain('+');
    expect(last?.headers.authorization).toMatch(/oauth_signature_method="HMAC-SHA1"/);
  });

  it('uses a fresh nonce for every request', async () => {
    const c = client();
    await Promise.all([c.get('/orgs'), c.get('/orgs'), c.get('/orgs', { limit: 1 })]);
    expect(replays).toBe(0);
    expect(nonces.size).toBeGreaterThanOrEqual(5);
  });

  it("reports a wrong secret as auth with the server's statusInfoSet, without retrying or leaking", async () => {
    const before = server.seen.length;
    const err = await caught(client({ secret: 'wrong-secret-value' }).get('/orgs'));
    expect(err.code).toBe('auth');
    expect(err.status).toBe(401);
    expect(err.codeMinor).toBe('unauthorisedrequest');
    expect(err.description).toMatch(/signature mismatch/);
    expect(err.hint).toMatch(/HMAC-SHA256/);
    expect(server.seen.length - before).toBe(1);
    expect(leaks(err, 'wrong-secret-value')).toBe(false);
  });

  it('classifies 403, 404 and 400 and reads 1.1, 1.2 and plain-string codeMinor', async () => {
    const forbidden = await caught(client().get('/forbidden'));
    expect([forbidden.code, forbidden.status, forbidden.codeMinor, forbidden.description]).toEqual([
      'forbidden',
      403,
      'forbidden',
      'not shared',
    ]);
    const missing = await caught(client().get('/nope'));
    expect([missing.code, missing.status, missing.codeMinor]).toEqual(['not_found', 404, 'unknownobject']);
    expect(missing.hint).toMatch(/ims\/oneroster\/v1p1/);
    const bad = await caught(client().get('/bad-sort', { sort: 'shoeSize' }));
    expect([bad.code, bad.status, bad.codeMinor, bad.description]).toEqual([
      'bad_request',
      400,
      'invalid_sort_field',
      'no such field',
    ]);
    expect(bad.url).toBe(`${server.base}/bad-sort?sort=shoeSize`);
  });

  it('does not follow redirects with credentials', async () => {
    const before = server.seen.length;
    const err = await caught(client().get('/moved'));
    expect(err.code).toBe('not_found');
    expect(err.status).toBe(302);
    expect(err.message).toContain('https://elsewhere.example/ims/oneroster/v1p1/moved');
    expect(server.seen.length - before).toBe(1);
  });

  it('never lets the secret out, even when the server echoes it', async () => {
    const err = await caught(client().get('/echo'));
    expect(err.code).toBe('server');
    expect(err.description).toContain('[secret]');
    expect(leaks(err, SECRET)).toBe(false);
  });

  it('refuses to send credentials to another origin', async () => {
    const err = await caught(client().get('http://127.0.0.2:9/ims/oneroster/v1p1/orgs'));
    expect(err.code).toBe('bad_request');
  });

  it('rejects an unusable base URL with a hint', () => {
    expect(
      () =>
        new OneRosterClient({
          baseUrl: 'district.example.com',
          auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: 'k', clientSecret: 's' },
        }),
    ).toThrow(ServiceError);
    try {
      new OneRosterClient({
        baseUrl: 'https://u:pw@x.example/ims',
        auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: 'k', clientSecret: 's' },
      });
    } catch (err) {
      expect((err as ServiceError).hint).toMatch(/user:password/);
    }
  });
});

describe('connection failures', () => {
  const auth = { kind: 'oauth1', method: 'HMAC-SHA256', clientId: KEY, clientSecret: SECRET } as const;

  it('refused connection → network (not retried)', async () => {
    const s = await startServer(() => undefined);
    const base = s.base;
    await s.close();
    let retries = 0;
    const err = await caught(
      new OneRosterClient({ baseUrl: base, auth, retryBaseMs: 1, onRetry: () => retries++ }).get('/orgs'),
    );
    expect(err.code).toBe('network');
    expect(err.errno).toBe('ECONNREFUSED');
    expect(err.hint).toMatch(/VPN/);
    expect(retries).toBe(0);
  });

  it('unknown host → dns', async () => {
    // A 70-character label is rejected by the local resolver itself: no DNS packet leaves the machine.
    const host = `${'x'.repeat(70)}.invalid`;
    const err = await caught(
      new OneRosterClient({ baseUrl: `https://${host}/ims/oneroster/v1p1`, auth }).get('/orgs'),
    );
    expect(err.code).toBe('dns');
    expect(err.message).toContain(host);
  });

  describe('TLS', () => {
    let dir: string;
    let tls: TestServer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'or-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      tls = await startServer((_req, res) => json(res, 200, { orgs: [] }), {
        tls: {
          key: readFileSync(join(dir, 'key.pem'), 'utf8'),
          cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
        },
      });
    });
    afterAll(async () => {
      await tls.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('self-signed certificate → tls, never ignored', async () => {
      let retries = 0;
      const err = await caught(
        new OneRosterClient({ baseUrl: tls.base, auth, onRetry: () => retries++ }).get('/orgs'),
      );
      expect(err.code).toBe('tls');
      expect(err.errno).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
      expect(err.hint).toMatch(/certificate/);
      expect(retries).toBe(0);
      expect(tls.seen).toHaveLength(0);
    });
  });
});
