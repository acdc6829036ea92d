import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Faults, RunningProvider } from '../../electron/services/demo-provider';
import { generateDistrict, startProvider } from '../../electron/services/demo-provider';
import type { Rec } from './helpers';
import { bearerToken, codeMinor, getJson, links, signedGet } from './helpers';

let p: RunningProvider;
beforeAll(async () => {
  p = await startProvider({ district: generateDistrict({ preset: 'small', seed: 9 }) });
});
afterEach(() => p.setFaults({}));
afterAll(() => p.close());

async function statuses(n: number, path = '/orgs'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await signedGet(p, path)).status);
  return out;
}

describe('fault injection', () => {
  it('adds latency to every response', async () => {
    p.setFaults({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await signedGet(p, '/orgs')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('answers 429 every Nth request on the chosen paths, with Retry-After', async () => {
    p.setFaults({ rate429: { every: 3, retryAfterSec: 2, paths: ['/users'] } });
    const before = p.stats().served429;
    expect(await statuses(6, '/users')).toEqual([200, 200, 429, 200, 200, 429]);
    expect(await statuses(3, '/orgs')).toEqual([200, 200, 200]);
    const res = (
      await Promise.all([signedGet(p, '/users'), signedGet(p, '/users'), signedGet(p, '/users')])
    ).find((r) => r.status === 429)!;
    expect(res.headers.get('retry-after')).toBe('2');
    expect(codeMinor(await res.json())).toBe('server_busy');
    expect(p.stats().served429 - before).toBe(3);
  });

  it('is reproducible for a seed: same faults, same sequence', async () => {
    const faults: Faults = {
      seed: 42,
      rate429: { probability: 0.3 },
      error5xx: { probability: 0.2, status: 503 },
    };
    p.setFaults(faults);
    const first = await statuses(30);
    p.setFaults(faults);
    const second = await statuses(30);
    expect(second).toEqual(first);
    expect(first).toContain(429);
    expect(first).toContain(503);
    expect(first).toContain(200);
    p.setFaults({ ...faults, seed: 43 });
    expect(await statuses(30)).not.toEqual(first);
  });

  it('serves 5xx with a statusInfoSet', async () => {
    p.setFaults({ error5xx: { probability: 1, paths: ['/classes'] } });
    const res = await signedGet(p, '/classes');
    expect(res.status).toBe(500);
    expect(codeMinor(await res.json())).toBe('internal_server_error');
    expect((await signedGet(p, '/courses')).status).toBe(200);
    expect(p.stats().served5xx).toBeGreaterThan(0);
  });

  it('drops the connection mid-response', async () => {
    p.setFaults({ dropConnection: { probability: 1, paths: ['/enrollments'] } });
    const before = p.stats().dropped;
    await expect(signedGet(p, '/enrollments?limit=2000').then((r) => r.text())).rejects.toThrow();
    expect(p.stats().dropped).toBe(before + 1);
    p.setFaults({});
    expect((await signedGet(p, '/enrollments')).status).toBe(200);
  });

  it('silently clamps the page size and can omit X-Total-Count and Link', async () => {
    p.setFaults({ clampLimit: 50 });
    const { res, body } = await getJson<{ users: Rec[] }>(p, '/users?limit=500');
    expect(body.users).toHaveLength(50);
    expect(res.headers.get('x-total-count')).toBe(String(p.district.counts.users));
    expect(new URL(links(res.headers.get('link')).next!).searchParams.get('offset')).toBe('50');
    p.setFaults({ omitTotalCount: true, omitLinkHeader: true });
    const bare = await signedGet(p, '/users');
    expect(bare.status).toBe(200);
    expect(bare.headers.get('x-total-count')).toBeNull();
    expect(bare.headers.get('link')).toBeNull();
  });

  it('uses alternative envelope keys per route', async () => {
    p.setFaults({ envelopeKeys: { '/students': 'students', '/terms/{id}': 'term' } });
    const students = await getJson(p, '/students?limit=2');
    expect(Object.keys(students.body)).toEqual(['students']);
    const term = (await getJson<{ academicSessions: Rec[] }>(p, '/terms?limit=1')).body.academicSessions[0]!;
    expect(Object.keys((await getJson(p, `/terms/${term.sourcedId}`)).body)).toEqual(['term']);
    expect(Object.keys((await getJson(p, '/teachers?limit=1')).body)).toEqual(['users']);
  });

  it('answers 403 and 404 for chosen paths, after authentication', async () => {
    p.setFaults({ forbidden: ['/enrollments'], notFound: ['/gradingPeriods', '/schools/*'] });
    const f = await getJson(p, '/enrollments');
    expect(f.res.status).toBe(403);
    expect(codeMinor(f.body)).toBe('forbidden');
    const n = await getJson(p, '/gradingPeriods');
    expect(n.res.status).toBe(404);
    expect(codeMinor(n.body)).toBe('unknownobject');
    expect((await signedGet(p, `/schools/${p.district.schoolIds[0]}/classes`)).status).toBe(404);
    expect((await signedGet(p, '/schools')).status).toBe(200);
    expect((await signedGet(p, '/enrollments', { secret: 'wrong' })).status).toBe(401);
  });

  it('sends a skewed Date header', async () => {
    p.setFaults({ clockSkewSec: -7200 });
    const res = await fetch(p.baseUrl + '/orgs');
    const skew = (Date.parse(res.headers.get('date')!) - Date.now()) / 1000;
    expect(skew).toBeLessThan(-7100);
    expect(skew).toBeGreaterThan(-7300);
  });

  it('breaks the JSON of a chosen page only', async () => {
    p.setFaults({ malformedJson: [{ path: '/users', offset: 100 }] });
    const good = await signedGet(p, '/users?offset=0');
    await expect(good.json()).resolves.toHaveProperty('users');
    const bad = await signedGet(p, '/users?offset=100');
    expect(bad.status).toBe(200);
    const text = await bad.text();
    expect(text.startsWith('{"users":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('appends a statusInfoSet warning to 200 responses', async () => {
    p.setFaults({ statusInfoWarningIn200: true });
    const { body } = await getJson<{
      orgs: Rec[];
      statusInfoSet: Array<{ imsx_codeMajor: string; imsx_severity: string }>;
    }>(p, '/orgs');
    expect(body.orgs.length).toBeGreaterThan(0);
    expect(body.statusInfoSet[0]).toMatchObject({ imsx_codeMajor: 'success', imsx_severity: 'warning' });
  });

  it('leaves the token endpoint alone unless it is named', async () => {
    p.setFaults({ rate429: { every: 1 } });
    expect((await bearerToken(p)).status).toBe(200);
    expect((await signedGet(p, '/orgs')).status).toBe(429);
    p.setFaults({ rate429: { every: 1, paths: ['/oauth/token'] } });
    expect((await bearerToken(p)).status).toBe(429);
    expect((await signedGet(p, '/orgs')).status).toBe(200);
  });

  it('counts requests per path', async () => {
    const before = p.stats();
    await signedGet(p, '/courses?limit=1');
    await signedGet(p, '/courses?limit=2');
    const after = p.stats();
    expect(after.requests - before.requests).toBe(2);
    expect((after.byPath['/courses'] ?? 0) - (before.byPath['/courses'] ?? 0)).toBe(2);
  });
});
