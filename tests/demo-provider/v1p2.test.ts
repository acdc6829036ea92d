import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { isOneRosterError, oneRosterFacts } from '../../electron/services/oneroster/errors';
import { parseRecord } from '../../shared/oneroster/parse';

/** The demo provider's OneRoster 1.2 mode: v1p2 rostering path, OAuth 2 only, users with roles[] (issue 11). */

let v12: RunningProvider;
let v11: RunningProvider;
beforeAll(async () => {
  [v12, v11] = await Promise.all([
    startProvider({ district: { preset: 'tiny' }, version: '1.2' }),
    startProvider({ district: { preset: 'tiny' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([v12?.close(), v11?.close()]);
});

const oauth2 = (p: RunningProvider) =>
  new OneRosterClient({
    baseUrl: p.baseUrl,
    auth: { kind: 'oauth2', tokenUrl: p.tokenUrl, clientId: p.clientId, clientSecret: p.clientSecret },
    maxRetries: 0,
  });

async function allUsers(p: RunningProvider): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const page of oauth2(p).pages('/users', { pageSize: 500 }))
    out.push(...(page.records as Array<Record<string, unknown>>));
  return out;
}

describe('demo provider, OneRoster 1.2 mode', () => {
  it('serves under /ims/oneroster/rostering/v1p2', () => {
    expect(new URL(v12.baseUrl).pathname).toBe('/ims/oneroster/rostering/v1p2');
  });

  it('users carry roles[] (primary first), which the parser reads back to the same role and orgs as 1.1', async () => {
    const [users12, users11] = await Promise.all([allUsers(v12), allUsers(v11)]);
    expect(users12.length).toBe(users11.length);
    expect(users12.length).toBeGreaterThan(0);
    const byId = new Map(users11.map((u) => [u.sourcedId, u]));
    for (const raw of users12) {
      expect(raw).not.toHaveProperty('role');
      expect(raw).not.toHaveProperty('orgs');
      expect((raw.roles as Array<{ roleType: string }>)[0]?.roleType).toBe('primary');
      const a = parseRecord('user', raw).record!;
      const b = parseRecord('user', byId.get(raw.sourcedId)).record!;
      expect({ role: a.role, orgIds: a.orgIds }).toEqual({ role: b.role, orgIds: b.orgIds });
    }
  });

  it('refuses OAuth 1.0a signatures (1.2 is OAuth 2 only)', async () => {
    const client = new OneRosterClient({
      baseUrl: v12.baseUrl,
      auth: { kind: 'oauth1', method: 'HMAC-SHA256', clientId: v12.clientId, clientSecret: v12.clientSecret },
      maxRetries: 0,
    });
    const err = await client.fetchPage('/orgs', { limit: 10 }).catch((e: unknown) => e);
    expect(isOneRosterError(err, 'auth')).toBe(true);
    expect(oneRosterFacts(err)?.status).toBe(401);
  });
});
