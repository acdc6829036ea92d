import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OneRosterClient, type OneRosterClientConfig } from '../../electron/services/oneroster/client';
import { caughtOneRoster as caught } from '../../test-support/oneroster-failure';
import { json, startServer, type Seen, type TestServer } from './helpers/server';

const ID = 'client id/ä';
const SECRET = 's3cr:et&+= with space';
const CORE = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly';
const ROSTER = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly';

/**
 * A token endpoint + data API. The token endpoint checks HTTP Basic exactly as RFC 6749 §2.3.1 describes
 * (form-urlencoded id and secret), applies a configurable scope policy and issues numbered tokens; the API
 * accepts only tokens that are currently valid.
 */
interface Policy {
  acceptScope: (scope: string | null) => boolean;
  expiresIn?: number;
  rejectAllTokens?: boolean;
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

describe('OAuth 2 client credentials', () => {
  let server: TestServer;
  let policy: Policy;
  let issued: string[];
  const valid = new Set<string>();
  const tokenRequests = (): Seen[] => server.seen.filter((s) => s.path === '/oauth/token');
  const dataRequests = (): Seen[] => server.seen.filter((s) => s.path.startsWith('/ims/'));

  beforeAll(async () => {
    server = await startServer(async (req, res) => {
      if (req.path === '/oauth/token') {
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(formDecode);
        if (req.method !== 'POST' || id !== ID || secret !== SECRET)
          return json(res, 401, { error: 'invalid_client', error_description: `bad client ${secret}` });
        const body = new URLSearchParams(req.body);
        if (
          body.get('grant_type') !== 'client_credentials' ||
          req.headers['content-type'] !== 'application/x-www-form-urlencoded'
        ) {
          return json(res, 400, { error: 'unsupported_grant_type' });
        }
        const scope = body.get('scope');
        if (!policy.acceptScope(scope)) return json(res, 400, { error: 'invalid_scope' });
        const token = `tok-${issued.length + 1}-${'z'.repeat(8)}`;
        issued.push(token);
        valid.add(token);
        return json(res, 200, {
          access_token: token,
          token_type: 'bearer',
          ...(policy.expiresIn ? { expires_in: policy.expiresIn } : {}),
        });
      }
      if (req.path === '/nowhere') return json(res, 404, { message: 'no such route' });
      if (req.path === '/not-a-token-endpoint') return json(res, 200, { hello: 'world' });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !valid.has(token) || policy.rejectAllTokens)
        return json(res, 401, {
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_description: `token ${token} rejected`,
        });
      await new Promise((r) => setTimeout(r, 5));
      return json(res, 200, { users: [] });
    }, {});
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.seen.length = 0;
    issued = [];
    valid.clear();
    policy = { acceptScope: () => true, expiresIn: 3600 };
  });

  const client = (over: Partial<OneRosterClientConfig> & { scope?: string } = {}) =>
    new OneRosterClient({
      baseUrl: server.base,
      auth: {
        kind: 'oauth2',
        tokenUrl: `${server.origin}/oauth/token`,
        clientId: ID,
        clientSecret: SECRET,
        ...(over.scope ? { scope: over.scope } : {}),
      },
      maxRetries: 1,
      retryBaseMs: 1,
      ...over,
    });

  it('uses Basic client authentication and the core+roster scopes by default', async () => {
    const c = client();
    expect((await c.get('/users')).status).toBe(200);
    expect(tokenRequests()).toHaveLength(1);
    expect(new URLSearchParams(tokenRequests()[0]?.body).get('scope')).toBe(`${CORE} ${ROSTER}`);
    expect(dataRequests()[0]?.headers.authorization).toBe(`Bearer ${issued[0]}`);
    expect(c.oauth2Scope).toBe(`${CORE} ${ROSTER}`);
  });

  it('falls back to core only, then to no scope, on invalid_scope', async () => {
    policy.acceptScope = (s) => s === CORE;
    const core = client();
    await core.get('/users');
    expect(core.oauth2Scope).toBe(CORE);
    expect(tokenRequests().map((r) => new URLSearchParams(r.body).get('scope'))).toEqual([
      `${CORE} ${ROSTER}`,
      CORE,
    ]);

    server.seen.length = 0;
    policy.acceptScope = (s) => s === null; // Synergy: rejects any scope
    const none = client();
    await none.get('/users');
    expect(none.oauth2Scope).toBeNull();
    expect(tokenRequests()).toHaveLength(3);
    expect(tokenRequests()[2]?.body).toBe('grant_type=client_credentials');
  });

  it('uses only the configured scope, and reports when it is refused', async () => {
    policy.acceptScope = (s) => s === 'custom.scope';
    await client({ scope: 'custom.scope' }).get('/users');
    expect(tokenRequests()).toHaveLength(1);
    policy.acceptScope = () => false;
    const err = await caught(client({ scope: 'custom.scope' }).get('/users'));
    expect(err.code).toBe('token');
    expect(err.codeMinor).toBe('invalid_scope');
  });

  it('caches the token, shares one token request between concurrent calls', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 6 }, () => c.get('/users')));
    await c.get('/users');
    expect(tokenRequests()).toHaveLength(1);
    expect(dataRequests()).toHaveLength(7);
  });

  it('refreshes the token shortly before expires_in', async () => {
    let now = 1_000_000;
    policy.expiresIn = 120;
    const c = client({ now: () => now });
    await c.get('/users');
    now += 100_000; // still inside 120 s minus the refresh margin
    await c.get('/users');
    expect(tokenRequests()).toHaveLength(1);
    now += 10_000; // 110 s: inside the margin (12 s before expiry)
    await c.get('/users');
    expect(tokenRequests()).toHaveLength(2);
    expect(dataRequests()[2]?.headers.authorization).toBe(`Bearer ${issued[1]}`);
  });

  it('on a 401 with a cached token refreshes once, then reports auth', async () => {
    const c = client();
    await c.get('/users');
    valid.clear(); // the provider revoked every token
    expect((await c.get('/users')).status).toBe(200);
    expect(tokenRequests()).toHaveLength(2);

    policy.rejectAllTokens = true;
    const err = await caught(c.get('/users'));
    expect(err.code).toBe('auth');
    expect(err.status).toBe(401);
    expect(tokenRequests()).toHaveLength(3);
    for (const t of issued)
      expect(`${err.message} ${err.description} ${err.stack} ${JSON.stringify(err.error)}`).not.toContain(t);
    expect(err.description).toContain('[secret]');
  });

  it('reports bad client credentials at the token endpoint as auth, without leaking the secret', async () => {
    const c = new OneRosterClient({
      baseUrl: server.base,
      auth: {
        kind: 'oauth2',
        tokenUrl: `${server.origin}/oauth/token`,
        clientId: ID,
        clientSecret: 'wrong secret value',
      },
    });
    const err = await caught(c.get('/users'));
    expect(err.code).toBe('auth');
    expect(err.status).toBe(401);
    expect(err.hint).toMatch(/token URL/);
    expect(`${err.message} ${err.description} ${err.stack} ${JSON.stringify(err.error)}`).not.toMatch(
      /wrong secret value|wrong\+secret\+value/,
    );
    expect(dataRequests()).toHaveLength(0);
  });

  it('reports a token URL that is wrong or is not a token endpoint', async () => {
    const at = (path: string) =>
      new OneRosterClient({
        baseUrl: server.base,
        auth: { kind: 'oauth2', tokenUrl: `${server.origin}${path}`, clientId: ID, clientSecret: SECRET },
        maxRetries: 0,
      });
    const missing = await caught(at('/nowhere').get('/users'));
    expect([missing.code, missing.status, missing.description]).toEqual(['token', 404, 'no such route']);
    const notToken = await caught(at('/not-a-token-endpoint').get('/users'));
    expect(notToken.code).toBe('token');
    expect(notToken.message).toMatch(/without an access token/);
    expect(dataRequests()).toHaveLength(0);
  });
});
