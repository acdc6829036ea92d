import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider';
import { startProvider } from '../../electron/services/demo-provider';
import type { Rec } from './helpers';
import { codeMinor, getJson, links, signedGet } from './helpers';

let p: RunningProvider;
beforeAll(async () => {
  p = await startProvider({ district: { preset: 'small', seed: 5 }, maxLimit: 2000 });
});
afterAll(() => p.close());

const q = (s: string) => encodeURIComponent(s);
async function users(query: string): Promise<Rec[]> {
  const limit = /(^|&)limit=/.test(query) ? '' : 'limit=2000&';
  const { res, body } = await getJson<{ users: Rec[] }>(p, `/users?${limit}${query}`);
  expect(res.status, query).toBe(200);
  return body.users;
}

describe('paging (docs/oneroster-dialects.md)', () => {
  it('defaults to 100 records, sends X-Total-Count and first/next/last links', async () => {
    const { res, body } = await getJson<{ users: Rec[] }>(p, '/users');
    expect(body.users).toHaveLength(100);
    expect(res.headers.get('x-total-count')).toBe(String(p.district.counts.users));
    const l = links(res.headers.get('link'));
    expect(Object.keys(l).sort()).toEqual(['first', 'last', 'next']);
    expect(l.next).toBe(`${p.baseUrl}/users?limit=100&offset=100`);
    expect(l.last).toBe(
      `${p.baseUrl}/users?limit=100&offset=${Math.floor((p.district.counts.users - 1) / 100) * 100}`,
    );
    expect(res.headers.get('date')).toBeTruthy();
  });

  it('walks every page by Link rel="next" and keeps the other query parameters', async () => {
    const filter = "role='student'";
    let next: string | undefined = `${p.baseUrl}/users?filter=${q(filter)}&limit=70`;
    const seen: string[] = [];
    let pages = 0;
    while (next) {
      const res = await signedGet(p, next);
      expect(res.status).toBe(200);
      const l = links(res.headers.get('link'));
      if (pages > 0) expect(l.prev).toBeDefined();
      seen.push(...((await res.json()) as { users: Rec[] }).users.map((u) => u.sourcedId));
      next = l.next;
      pages++;
      if (next) expect(new URL(next).searchParams.get('filter')).toBe(filter);
    }
    expect(seen).toHaveLength(p.district.counts.students);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    expect(pages).toBe(Math.ceil(p.district.counts.students / 70));
  });

  it('uses zero-based offsets, returns an empty page past the end and clamps limit to maxLimit', async () => {
    const all = await users('offset=0');
    expect(all).toHaveLength(p.district.counts.users);
    const second = await users('limit=5&offset=3');
    expect(second.map((u) => u.sourcedId)).toEqual(all.slice(3, 8).map((u) => u.sourcedId));
    const { res, body } = await getJson<{ users: Rec[] }>(p, '/users?offset=999999');
    expect(body.users).toEqual([]);
    expect(res.headers.get('x-total-count')).toBe(String(p.district.counts.users));
    const big = await getJson<{ enrollments: Rec[] }>(p, '/enrollments?limit=100000');
    expect(p.district.counts.enrollments).toBeGreaterThan(2000);
    expect(big.body.enrollments).toHaveLength(2000);
    expect(big.res.headers.get('x-total-count')).toBe(String(p.district.counts.enrollments));
  });

  it('rejects a malformed limit or offset with 400', async () => {
    for (const bad of ['limit=0', 'limit=abc', 'offset=-1']) {
      const { res, body } = await getJson(p, `/users?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(codeMinor(body)).toBe('invaliddata');
    }
  });
});

describe('filter, sort, fields (docs/oneroster-dialects.md)', () => {
  it('supports every predicate', async () => {
    const all = (await getJson<{ users: Rec[] }>(p, '/users?limit=10000')).body.users;
    const teacher = all.find((u) => u.role === 'teacher')!;
    expect((await users(`filter=${q(`email='${String(teacher.email)}'`)}`)).map((u) => u.sourcedId)).toEqual([
      teacher.sourcedId,
    ]);
    expect(await users(`filter=${q("role!='student'")}`)).toHaveLength(
      all.filter((u) => u.role !== 'student').length,
    );
    expect(
      (await users(`filter=${q("familyName~'SMI'")}`)).every((u) =>
        String(u.familyName).toLowerCase().includes('smi'),
      ),
    ).toBe(true);
    const mid = [...all].map((u) => String(u.dateLastModified)).sort()[Math.floor(all.length / 2)]!;
    const newer = await users(`filter=${q(`dateLastModified>'${mid}'`)}`);
    expect(newer.length).toBe(all.filter((u) => String(u.dateLastModified) > mid).length);
    expect(await users(`filter=${q(`dateLastModified>='${mid}'`)}`)).toHaveLength(
      all.filter((u) => String(u.dateLastModified) >= mid).length,
    );
    expect(await users(`filter=${q(`dateLastModified<'${mid}'`)}`)).toHaveLength(
      all.filter((u) => String(u.dateLastModified) < mid).length,
    );
    expect(await users(`filter=${q(`dateLastModified<='${mid}'`)}`)).toHaveLength(
      all.filter((u) => String(u.dateLastModified) <= mid).length,
    );
    expect(await users(`filter=${q("dateLastModified>'2000-01-01T00:00:00Z'")}`)).toHaveLength(all.length);
  });

  it('supports one AND or OR, nested reference paths, and status filters', async () => {
    const school = p.district.schoolIds[0]!;
    const and = await users(`filter=${q(`role='teacher' AND orgs.sourcedId='${school}'`)}`);
    expect(and.length).toBeGreaterThan(0);
    expect(and.every((u) => u.role === 'teacher' && JSON.stringify(u.orgs).includes(school))).toBe(true);
    const or = await users(`filter=${q("role='teacher' OR role='aide'")}`);
    expect(new Set(or.map((u) => u.role))).toEqual(new Set(['teacher', 'aide']));
    expect(await users(`filter=${q("status='tobedeleted'")}`)).toEqual([]);
    const { res, body } = await getJson(p, `/enrollments?filter=${q(`class.sourcedId='nothing'`)}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({ enrollments: [] });
  });

  it('rejects unknown fields and malformed filters', async () => {
    const cases: Array<[string, string]> = [
      [`filter=${q("shoeSize='9'")}`, 'invalid_filter_field'],
      [`filter=${q('role=teacher')}`, 'invaliddata'],
      [`filter=${q("role='a' AND role='b' OR role='c'")}`, 'invaliddata'],
      ['fields=sourcedId,shoeSize', 'invalid_selection_field'],
      ['sort=shoeSize', 'invalid_sort_field'],
      ['sort=familyName&orderBy=sideways', 'invaliddata'],
    ];
    for (const [query, code] of cases) {
      const { res, body } = await getJson(p, `/users?${query}`);
      expect(res.status, query).toBe(400);
      expect(codeMinor(body), query).toBe(code);
    }
  });

  it('sorts ascending and descending, stable by sourcedId', async () => {
    const asc = await users('sort=familyName&orderBy=asc');
    const names = asc.map((u) => String(u.familyName));
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (let i = 1; i < asc.length; i++) {
      if (asc[i - 1]!.familyName === asc[i]!.familyName)
        expect(asc[i - 1]!.sourcedId < asc[i]!.sourcedId).toBe(true);
    }
    const all = (await getJson<{ users: Rec[] }>(p, '/users?limit=10000&sort=familyName&orderBy=desc')).body
      .users;
    expect(String(all[0]!.familyName) >= String(all[all.length - 1]!.familyName)).toBe(true);
    const byDefault = (await getJson<{ users: Rec[] }>(p, '/users?limit=10000')).body.users.map(
      (u) => u.sourcedId,
    );
    expect(byDefault).toEqual([...byDefault].sort());
  });

  it('selects fields on collections and singletons', async () => {
    const rows = await users('fields=sourcedId,givenName');
    expect(Object.keys(rows[0]!)).toEqual(['sourcedId', 'givenName']);
    const { body } = await getJson<{ user: Rec }>(p, `/users/${rows[0]!.sourcedId}?fields=email,role`);
    expect(Object.keys(body.user).sort()).toEqual(['email', 'role']);
    const bad = await getJson(p, `/users/${rows[0]!.sourcedId}?fields=nope`);
    expect(bad.res.status).toBe(400);
    expect(codeMinor(bad.body)).toBe('invalid_selection_field');
  });
});
