import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanvasClient } from '../../electron/services/canvas-api';
import { HttpClient, environmentResolver, loadTrust, profileResolver } from '../../electron/services/net';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { caughtOneRoster as failure } from '../../test-support/oneroster-failure';
import { makePrivateCa, type PrivateCa } from '../../test-support/net/private-ca';
import { startTinyproxy, type TestProxy } from '../../test-support/net/tinyproxy';
import { json, startServer, type TestServer } from '../oneroster/helpers/server';

/**
 * The district network, for real: tinyproxy (a Debian-packaged HTTP proxy) on 127.0.0.1, and a OneRoster-shaped
 * HTTPS server whose certificate is signed by a private CA made with openssl (what a TLS-inspecting filter or an
 * internal server presents). Nothing here is mocked: requests go through the proxy's CONNECT tunnel.
 */
const SECRET = 'client-secret-never-shown-0123456789';
const PROXY_PASSWORD = 'proxy-pass-never-shown-42';

let dir: string;
let ca: PrivateCa;
let server: TestServer;
let proxy: TestProxy;
let authProxy: TestProxy;
let blockingProxy: TestProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-net-'));
  ca = makePrivateCa(dir);
  server = await startServer(
    (req, res) => {
      if (req.path.startsWith('/api/v1/accounts/1/terms'))
        return json(res, 200, { enrollment_terms: [{ id: '1', name: 'Fall' }] });
      return json(res, 200, { orgs: [{ sourcedId: 'org-1' }] });
    },
    { tls: { key: ca.key, cert: ca.cert } },
  );
  [proxy, authProxy, blockingProxy] = await Promise.all([
    startTinyproxy(dir),
    startTinyproxy(dir, { basicAuth: { user: 'district', password: PROXY_PASSWORD } }),
    startTinyproxy(dir, { connectPorts: [443] }),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.close(), proxy?.close(), authProxy?.close(), blockingProxy?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const oneRoster = (http: HttpClient): OneRosterClient =>
  new OneRosterClient({
    baseUrl: server.base,
    auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: 'key', clientSecret: SECRET },
    maxRetries: 0,
    timeoutMs: 10_000,
    http,
  });

const withCa = (env: NodeJS.ProcessEnv = {}) => loadTrust({ caFile: ca.caFile, env });
const connectsTo = (p: TestProxy): number =>
  p
    .log()
    .split('\n')
    .filter((l) => l.includes(`CONNECT 127.0.0.1:${server.port}`)).length;

describe('private CA (extra trusted certificates)', () => {
  it('fails without the CA: a tls error, and nothing reaches the server', async () => {
    const before = server.seen.length;
    const http = new HttpClient(environmentResolver({}), loadTrust({ env: {} }));
    const err = await failure(oneRoster(http).get('/orgs'));
    expect(err.code).toBe('tls');
    expect(err.errno).toMatch(/UNABLE_TO|SELF_SIGNED|CERT/);
    expect(server.seen.length).toBe(before);
  });

  it("passes with the profile's CA file", async () => {
    const http = new HttpClient(environmentResolver({}), withCa());
    const res = await oneRoster(http).get('/orgs');
    expect(JSON.parse(res.bodyText)).toEqual({ orgs: [{ sourcedId: 'org-1' }] });
    expect(http.trust.summary).toContain(ca.caFile);
  });

  it('passes with NODE_EXTRA_CA_CERTS (read by the app itself, so it works with the nodeOptions fuse off)', async () => {
    const http = new HttpClient(
      environmentResolver({}),
      loadTrust({ env: { NODE_EXTRA_CA_CERTS: ca.caFile } }),
    );
    await expect(oneRoster(http).get('/orgs')).resolves.toMatchObject({ status: 200 });
    expect(http.trust.extraFiles).toEqual([
      { path: ca.caFile, source: 'NODE_EXTRA_CA_CERTS', certificates: 1 },
    ]);
  });

  it('names an unreadable or non-PEM CA file instead of ignoring it', () => {
    expect(() => loadTrust({ caFile: join(dir, 'missing.pem'), env: {} })).toThrow(
      /missing\.pem.*does not exist/,
    );
    expect(() => loadTrust({ caFile: join(dir, 'server.csr'), env: {} })).toThrow(/no PEM certificate/);
  });
});

describe('HTTP proxy (tinyproxy)', () => {
  it('HTTPS_PROXY: the request goes through the proxy (CONNECT) and trusts the private CA inside the tunnel', async () => {
    const before = connectsTo(proxy);
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: proxy.url }), withCa());
    await expect(oneRoster(http).get('/orgs')).resolves.toMatchObject({ status: 200 });
    expect(connectsTo(proxy)).toBeGreaterThan(before);
    expect((await http.describe(new URL(server.base))).proxy).toBe(proxy.url);
  });

  it('through the proxy without the CA: still a tls error (the tunnel does not hide the certificate)', async () => {
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: proxy.url }), loadTrust({ env: {} }));
    expect((await failure(oneRoster(http).get('/orgs'))).code).toBe('tls');
  });

  it('NO_PROXY bypasses the proxy', async () => {
    const before = connectsTo(proxy);
    const http = new HttpClient(
      environmentResolver({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }),
      withCa(),
    );
    await expect(oneRoster(http).get('/orgs')).resolves.toMatchObject({ status: 200 });
    expect(connectsTo(proxy)).toBe(before);
  });

  it('a proxy that wants credentials: a proxy error (407) with the fix, then through with user:password', async () => {
    const without = new HttpClient(environmentResolver({ HTTPS_PROXY: authProxy.url }), withCa());
    const err = await failure(oneRoster(without).get('/orgs'));
    expect(err.code).toBe('proxy');
    expect(err.errno).toBe('PROXY_AUTH_REQUIRED');
    expect(err.message).toMatch(/407/);
    expect(err.hint).toMatch(/HTTPS_PROXY=http:\/\/USER:PASSWORD@/);

    const url = `http://district:${PROXY_PASSWORD}@127.0.0.1:${authProxy.port}`;
    const withCreds = new HttpClient(environmentResolver({ HTTPS_PROXY: url }), withCa());
    await expect(oneRoster(withCreds).get('/orgs')).resolves.toMatchObject({ status: 200 });
    const shown = await withCreds.describe(new URL(server.base));
    expect(shown.proxy).toBe(`http://127.0.0.1:${authProxy.port} (with credentials)`);
    expect(JSON.stringify(shown)).not.toContain(PROXY_PASSWORD);
  });

  it('a wrong proxy password is a proxy error that never shows the password', async () => {
    const url = `http://district:wrong-${PROXY_PASSWORD}@127.0.0.1:${authProxy.port}`;
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: url }), withCa());
    const err = await failure(oneRoster(http).get('/orgs'));
    expect(err.errno).toBe('PROXY_AUTH_REQUIRED');
    expect(JSON.stringify({ m: err.message, h: err.hint, u: err.url, s: err.stack })).not.toContain(
      PROXY_PASSWORD,
    );
  });

  it('a proxy that refuses the CONNECT (blocked site) is told apart from the server', async () => {
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: blockingProxy.url }), withCa());
    const err = await failure(oneRoster(http).get('/orgs'));
    expect(err.code).toBe('proxy');
    expect(err.errno).toBe('PROXY_CONNECT_FAILED');
    expect(err.status).toBe(403);
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
  });

  it('a proxy nobody listens on: PROXY_UNREACHABLE, not "the server refused"', async () => {
    const closed = await startTinyproxy(dir);
    await closed.close();
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: closed.url }), withCa());
    const err = await failure(oneRoster(http).get('/orgs'));
    expect(err.code).toBe('proxy');
    expect(err.errno).toBe('PROXY_UNREACHABLE');
  });

  it("a profile's manual proxy wins over the environment; 'none' connects directly", async () => {
    const before = connectsTo(proxy);
    const env = environmentResolver({ HTTPS_PROXY: blockingProxy.url });
    const manual = new HttpClient(profileResolver({ mode: 'manual', url: proxy.url }, env), withCa());
    await expect(oneRoster(manual).get('/orgs')).resolves.toMatchObject({ status: 200 });
    expect(connectsTo(proxy)).toBeGreaterThan(before);
    const direct = new HttpClient(profileResolver({ mode: 'none' }, env), withCa());
    await expect(oneRoster(direct).get('/orgs')).resolves.toMatchObject({ status: 200 });
  });

  it('the Canvas client uses the same client: proxy and CA', async () => {
    const before = connectsTo(proxy);
    const http = new HttpClient(environmentResolver({ HTTPS_PROXY: proxy.url }), withCa());
    const canvas = new CanvasClient({
      baseUrl: server.origin,
      token: 'canvas-token-0123456789',
      http,
      maxRetries: 0,
    });
    const res = await canvas.request<{ enrollment_terms: unknown[] }>('GET', '/api/v1/accounts/1/terms');
    expect(res.data.enrollment_terms).toHaveLength(1);
    expect(connectsTo(proxy)).toBeGreaterThan(before);
    const blocked = new HttpClient(environmentResolver({ HTTPS_PROXY: authProxy.url }), withCa());
    const failing = new CanvasClient({
      baseUrl: server.origin,
      token: 'canvas-token-0123456789',
      http: blocked,
      maxRetries: 0,
    });
    await expect(failing.request('GET', '/api/v1/accounts/1/terms')).rejects.toMatchObject({
      code: 'canvas_unreachable',
      message: expect.stringMatching(/407/),
    });
  });
});
