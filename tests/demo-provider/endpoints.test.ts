import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider';
import { startProvider } from '../../electron/services/demo-provider';
import type { Rec } from './helpers';
import { codeMinor, getJson, signedGet } from './helpers';

let p: RunningProvider;
beforeAll(async () => {
  p = await startProvider({ district: { preset: 'tiny', seed: 11 } });
});
afterAll(() => p.close());

async function list(path: string, key: string): Promise<Rec[]> {
  const { res, body } = await getJson<Record<string, Rec[]>>(
    p,
    path + (path.includes('?') ? '&' : '?') + 'limit=10000',
  );
  expect(res.status, path).toBe(200);
  expect(Array.isArray(body[key]), `${path} → ${key}`).toBe(true);
  return body[key]!;
}
const ids = (rs: Rec[]) => rs.map((r) => r.sourcedId);
const refIds = (v: unknown) =>
  (Array.isArray(v) ? v : [v]).map((r) => (r as { sourcedId: string }).sourcedId);

describe('collections and singletons (docs/oneroster-dialects.md)', () => {
  const table: Array<[string, string, string]> = [
    ['/orgs', 'orgs', 'org'],
    ['/schools', 'orgs', 'org'],
    ['/academicSessions', 'academicSessions', 'academicSession'],
    ['/terms', 'academicSessions', 'academicSession'],
    ['/gradingPeriods', 'academicSessions', 'academicSession'],
    ['/courses', 'courses', 'course'],
    ['/classes', 'classes', 'class'],
    ['/users', 'users', 'user'],
    ['/students', 'users', 'user'],
    ['/teachers', 'users', 'user'],
    ['/enrollments', 'enrollments', 'enrollment'],
    ['/demographics', 'demographics', 'demographics'],
  ];
  it.each(table)('%s uses envelope %s / %s and serves every record by id', async (path, key, one) => {
    const records = await list(path, key);
    expect(records.length).toBeGreaterThan(0);
    const first = records[0]!;
    expect(first.status).toBe('active');
    expect(first.dateLastModified).toMatch(/Z$/);
    const { res, body } = await getJson<Record<string, Rec>>(
      p,
      `${path}/${encodeURIComponent(first.sourcedId)}`,
    );
    expect(res.status).toBe(200);
    expect(body[one]).toEqual(first);
  });

  it('filters the views by type and role', async () => {
    const c = p.district.counts;
    expect((await list('/schools', 'orgs')).every((o) => o.type === 'school')).toBe(true);
    expect(await list('/schools', 'orgs')).toHaveLength(c.schools);
    expect((await list('/terms', 'academicSessions')).every((s) => s.type === 'term')).toBe(true);
    expect(await list('/gradingPeriods', 'academicSessions')).toHaveLength(c.gradingPeriods);
    expect(await list('/students', 'users')).toHaveLength(c.students);
    expect((await list('/teachers', 'users')).every((u) => u.role === 'teacher')).toBe(true);
    expect(await list('/users', 'users')).toHaveLength(c.users);
    expect(await list('/enrollments', 'enrollments')).toHaveLength(c.enrollments);
  });

  it('uses the 1.1 JSON binding: string booleans, GUIDRefs with absolute hrefs, YYYY-MM-DD dates', async () => {
    const [enr] = await list('/enrollments?filter=' + encodeURIComponent("role='teacher'"), 'enrollments');
    expect(['true', 'false']).toContain(enr!.primary);
    expect(enr!.beginDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const user = enr!.user as { href: string; sourcedId: string; type: string };
    expect(user.type).toBe('user');
    expect(user.href).toBe(`${p.baseUrl}/users/${user.sourcedId}`);
    const followed = await signedGet(p, user.href);
    expect(((await followed.json()) as { user: Rec }).user.sourcedId).toBe(user.sourcedId);
    const [student] = await list('/students', 'users');
    expect(student!.enabledUser).toBe('true');
  });

  it('answers 404 unknownobject for unknown ids, wrong views and unknown routes', async () => {
    const student = (await list('/students', 'users'))[0]!.sourcedId;
    for (const path of [
      '/users/NOPE',
      `/teachers/${student}`,
      '/schools/DIST-001',
      '/terms/SY-2027',
      '/widgets',
      '/classes/x/y/z',
    ]) {
      const { res, body } = await getJson(p, path);
      expect(res.status, path).toBe(404);
      expect(codeMinor(body), path).toBe('unknownobject');
    }
    const outside = await fetch(p.origin + '/elsewhere');
    expect(outside.status).toBe(404);
  });

  it('refuses writes with 405', async () => {
    const res = await fetch(p.baseUrl + '/users', { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(codeMinor(await res.json())).toBe('unsupportedoperation');
  });
});

describe('nested endpoints (docs/oneroster-dialects.md)', () => {
  it('scopes every school endpoint to that school', async () => {
    const school = p.district.schoolIds[0]!;
    const s = `/schools/${school}`;
    const classes = await list(`${s}/classes`, 'classes');
    const allClasses = await list('/classes', 'classes');
    expect(ids(classes)).toEqual(ids(allClasses.filter((c) => refIds(c.school)[0] === school)));
    expect(classes.length).toBeGreaterThan(0);
    expect((await list(`${s}/courses`, 'courses')).every((c) => refIds(c.org)[0] === school)).toBe(true);
    const enr = await list(`${s}/enrollments`, 'enrollments');
    expect(enr.length).toBeGreaterThan(0);
    expect(enr.every((e) => refIds(e.school)[0] === school)).toBe(true);
    const students = await list(`${s}/students`, 'users');
    expect(students.length).toBeGreaterThan(0);
    expect(students.every((u) => u.role === 'student' && refIds(u.orgs).includes(school))).toBe(true);
    expect((await list(`${s}/teachers`, 'users')).every((u) => u.role === 'teacher')).toBe(true);
    const terms = await list(`${s}/terms`, 'academicSessions');
    expect(ids(terms)).toEqual([`T-2027-S1-001`, `T-2027-S2-001`]);
  });

  it('serves class, term, course and user relations', async () => {
    const school = p.district.schoolIds[1]!;
    const cls = (await list(`/schools/${school}/classes`, 'classes'))[0]!;
    const c = cls.sourcedId;
    const enr = await list(`/schools/${school}/classes/${c}/enrollments`, 'enrollments');
    expect(enr.every((e) => refIds(e.class)[0] === c)).toBe(true);
    const studentIds = enr.filter((e) => e.role === 'student').map((e) => refIds(e.user)[0]);
    expect(ids(await list(`/schools/${school}/classes/${c}/students`, 'users'))).toEqual(studentIds);
    expect(ids(await list(`/classes/${c}/students`, 'users'))).toEqual(studentIds);
    const teachers = await list(`/classes/${c}/teachers`, 'users');
    expect(ids(teachers)).toEqual(enr.filter((e) => e.role === 'teacher').map((e) => refIds(e.user)[0]));
    expect(ids(await list(`/schools/${school}/classes/${c}/teachers`, 'users'))).toEqual(ids(teachers));

    const term = refIds(cls.terms)[0]!;
    expect(ids(await list(`/terms/${term}/classes`, 'classes'))).toContain(c);
    const gps = await list(`/terms/${term}/gradingPeriods`, 'academicSessions');
    expect(gps).toHaveLength(2);
    expect(gps.every((g) => g.type === 'gradingPeriod' && refIds(g.parent)[0] === term)).toBe(true);
    expect(ids(await list(`/courses/${refIds(cls.course)[0]}/classes`, 'classes'))).toContain(c);

    const student = studentIds[0]!;
    const mine = ids(await list(`/students/${student}/classes`, 'classes'));
    expect(mine).toContain(c);
    expect(mine).toHaveLength(p.district.spec.enrollmentsPerStudent);
    expect(ids(await list(`/users/${student}/classes`, 'classes'))).toEqual(mine);
    expect(ids(await list(`/teachers/${ids(teachers)[0]}/classes`, 'classes'))).toContain(c);
  });

  it('404s when the owner is missing or of the wrong kind', async () => {
    const [school0, school1] = p.district.schoolIds;
    const cls = (await list(`/schools/${school0}/classes`, 'classes'))[0]!.sourcedId;
    const student = (await list('/students', 'users'))[0]!.sourcedId;
    for (const path of [
      '/schools/NOPE/classes',
      `/schools/${school1}/classes/${cls}/students`,
      `/teachers/${student}/classes`,
      '/terms/NOPE/classes',
      `/schools/${school0}/widgets`,
    ]) {
      const { res, body } = await getJson(p, path);
      expect(res.status, path).toBe(404);
      expect(codeMinor(body)).toBe('unknownobject');
    }
  });
});
