import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider';
import { V1P1_SCOPE_PREFIX, startProvider } from '../../electron/services/demo-provider';
import { signRequest } from '../../electron/services/oneroster/oauth1';
import { bearerToken, codeMinor, description, getJson, signedGet, urlFor } from './helpers';

const started: RunningProvider[] = [];
async function provider(opts: Parameters<typeof startProvider>[0] = {}): Promise<RunningProvider> {
  const p = await startProvider({ district: { preset: 'tiny' }, ...opts });
  started.push(p);
  return p;
}
afterAll(() => Promise.all(started.map((p) => p.close())));

const now = () => Math.floor(Date.now() / 1000);
const CORE = `${V1P1_SCOPE_PREFIX}roster-core.readonly`;
const ROSTER = `${V1P1_SCOPE_PREFIX}roster.readonly`;

async function expect401(res: Response, pattern: RegExp): Promise<void> {
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(codeMinor(body)).toBe('unauthorisedrequest');
  expect(description(body)).toMatch(pattern);
}

describe('OAuth 1.0a (docs/oneroster-dialects.md)', () => {
  let p: RunningProvider;
  beforeAll(async () => {
    p = await provider({ auth: { clientId: 'key-1', clientSecret: 'sec ret/+&=' } });
  });

  it('accepts HMAC-SHA256 and HMAC-SHA1 signatures over all query parameters, spaces included', async () => {
    const path = `/users?limit=3&offset=1&filter=${encodeURIComponent("role='teacher' AND status='active'")}&fields=sourcedId,role`;
    for (const method of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
      const { res, body } = await getJson<{ users: unknown[] }>(p, path, { method });
      expect(res.status, method).toBe(200);
      expect(body.users).toHaveLength(3);
    }
    // Parameters in the protocol-parameter query form (RFC 5849 §3.5.3) are verified too.
    const url = urlFor(p, '/orgs?limit=1');
    const signed = signRequest('GET', url, {
      consumerKey: p.clientId,
      consumerSecret: p.clientSecret,
      method: 'HMAC-SHA256',
    });
    for (const [k, v] of Object.entries({ ...signed.oauthParams, oauth_signature: signed.signature }))
      url.searchParams.set(k, v);
    expect((await fetch(url)).status).toBe(200);
  });

  it('rejects a bad secret, an unknown key, a missing signature and a tampered query', async () => {
    await expect401(await signedGet(p, '/orgs', { secret: 'wrong' }), /Invalid OAuth signature/);
    await expect401(await signedGet(p, '/orgs', { key: 'other' }), /Unknown oauth_consumer_key/);
    await expect401(await fetch(p.baseUrl + '/orgs'), /not signed/);
    const url = urlFor(p, '/users?limit=5');
    const signed = signRequest('GET', url, {
      consumerKey: p.clientId,
      consumerSecret: p.clientSecret,
      method: 'HMAC-SHA256',
    });
    await expect401(
      await fetch(p.baseUrl + '/users?limit=6', { headers: { authorization: signed.authorization } }),
      /Invalid OAuth signature/,
    );
    const res = await signedGet(p, '/orgs', { secret: 'wrong' });
    expect(res.headers.get('www-authenticate')).toMatch(/^OAuth/);
    expect(await res.text()).not.toContain(p.clientSecret);
  });

  it('rejects a replayed nonce but accepts fresh ones', async () => {
    const nonce = 'fixed-nonce-1';
    const ts = now();
    expect((await signedGet(p, '/orgs', { nonce, timestamp: ts })).status).toBe(200);
    await expect401(await signedGet(p, '/orgs', { nonce, timestamp: ts }), /nonce was already used/);
    expect((await signedGet(p, '/orgs', { nonce: 'fixed-nonce-2', timestamp: ts })).status).toBe(200);
  });

  it('rejects timestamps outside the window, measured against the (skewed) server clock', async () => {
    await expect401(await signedGet(p, '/orgs', { timestamp: now() - 400 }), /outside the accepted window/);
    expect((await signedGet(p, '/orgs', { timestamp: now() - 200 })).status).toBe(200);
    p.setFaults({ clockSkewSec: 3600 });
    try {
      const res = await signedGet(p, '/orgs');
      await expect401(res, /differs from the server clock by -36\d\d s/);
      // A client can correct its clock from the Date header, as the verify checklist suggests.
      const serverNow = Math.floor(Date.parse(res.headers.get('date')!) / 1000);
      expect(serverNow - now()).toBeGreaterThan(3590);
      expect((await signedGet(p, '/orgs', { timestamp: serverNow })).status).toBe(200);
    } finally {
      p.setFaults({});
    }
  });

  it('honours the accepted signature methods', async () => {
    const strict = await provider({ auth: { oauth1Methods: ['HMAC-SHA256'] } });
    expect((await signedGet(strict, '/orgs', { method: 'HMAC-SHA256' })).status).toBe(200);
    await expect401(await signedGet(strict, '/orgs', { method: 'HMAC-SHA1' }), /"HMAC-SHA1" is not accepted/);
    const legacy = await provider({ auth: { oauth1Methods: ['HMAC-SHA1'] } });
    expect((await signedGet(legacy, '/orgs', { method: 'HMAC-SHA1' })).status).toBe(200);
    await expect401(await signedGet(legacy, '/orgs', { method: 'HMAC-SHA256' }), /not accepted/);
    expect(legacy.stats().authFailures).toBe(1);
  });
});

describe('OAuth 2 client credentials (docs/oneroster-dialects.md)', () => {
  it('issues bearer tokens for accepted scopes and serves data with them', async () => {
    const p = await provider({ auth: { oauth2: { tokenTtlSec: 120 } } });
    const res = await bearerToken(p, `${CORE} ${ROSTER}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = (await res.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      scope: string;
    };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: `${CORE} ${ROSTER}` });
    const data = await fetch(p.baseUrl + '/schools', {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(data.status).toBe(200);
    expect(((await data.json()) as { orgs: unknown[] }).orgs).toHaveLength(2);
    // Credentials in the body (PowerSchool style) work too; no scope is fine by default.
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: p.clientId,
      client_secret: p.clientSecret,
    });
    expect((await fetch(p.tokenUrl, { method: 'POST', body })).status).toBe(200);
  });

  it('refuses bad clients, grant types and scopes with RFC 6749 errors', async () => {
    const p = await provider({ auth: { clientSecret: 'right' } });
    const wrong = await fetch(p.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${p.clientId}:wrong`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const grant = await fetch(p.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: p.clientId, client_secret: 'right' }),
    });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const scope = await bearerToken(p, `${CORE} https://example.com/other.scope`);
    expect(scope.status).toBe(400);
    const err = (await scope.json()) as { error: string; error_description: string };
    expect(err.error).toBe('invalid_scope');
    expect(err.error_description).toContain('other.scope');
    expect((await fetch(p.tokenUrl)).status).toBe(405);
  });

  it('supports servers that take only some scopes, none, or any', async () => {
    const coreOnly = await provider({ auth: { oauth2: { acceptedScopes: [CORE] } } });
    expect((await bearerToken(coreOnly, CORE)).status).toBe(200);
    expect((await bearerToken(coreOnly, `${CORE} ${ROSTER}`)).status).toBe(400);
    const noScope = await provider({ auth: { oauth2: { acceptedScopes: 'none-only' } } });
    expect((await bearerToken(noScope, CORE)).status).toBe(400);
    expect((await bearerToken(noScope)).status).toBe(200);
    const anything = await provider({ auth: { oauth2: { acceptedScopes: 'any' } } });
    expect((await bearerToken(anything, 'whatever')).status).toBe(200);
  });

  it('refuses unknown and expired bearer tokens', async () => {
    const p = await provider({ auth: { oauth2: { tokenTtlSec: 60 } } });
    await expect401(
      await fetch(p.baseUrl + '/orgs', { headers: { authorization: 'Bearer nope' } }),
      /Unknown bearer token/,
    );
    const { access_token } = (await (await bearerToken(p)).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}` };
    expect((await fetch(p.baseUrl + '/orgs', { headers: auth })).status).toBe(200);
    p.setFaults({ clockSkewSec: 61 }); // the server clock moves past the expiry
    await expect401(await fetch(p.baseUrl + '/orgs', { headers: auth }), /expired/);
    expect(p.stats().authFailures).toBe(2);
  });

  it('optionally enforces endpoint scopes (403 forbidden)', async () => {
    const p = await provider({ auth: { oauth2: { enforceScopes: true } } });
    const { access_token } = (await (await bearerToken(p, CORE)).json()) as { access_token: string };
    const get = (path: string) =>
      fetch(p.baseUrl + path, { headers: { authorization: `Bearer ${access_token}` } });
    expect((await get('/classes')).status).toBe(200);
    const nested = await get(`/schools/${p.district.schoolIds[0]}/classes`);
    expect(nested.status).toBe(403);
    expect(codeMinor(await nested.json())).toBe('forbidden');
    expect((await get('/demographics')).status).toBe(403);
  });
});
