import { describe, expect, it } from 'vitest';
import type { GeneratedDistrict, JsonRecord, TableName } from '../../electron/services/demo-provider';
import { TABLE_NAMES, generateDistrict } from '../../electron/services/demo-provider';
import { ServiceError } from '../../shared/errors';

const ctx = { baseUrl: 'http://x/ims/oneroster/v1p1' };

function all(d: GeneratedDistrict, name: TableName): JsonRecord[] {
  const t = d.tables[name];
  return Array.from({ length: t.size }, (_, i) => t.build(i, ctx));
}
const ids = (refs: unknown) => (refs as Array<{ sourcedId: string }>).map((r) => r.sourcedId);
const refId = (r: unknown) => (r as { sourcedId: string }).sourcedId;

describe('generateDistrict', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateDistrict({ preset: 'small', seed: 7 });
    const b = generateDistrict({ preset: 'small', seed: 7 });
    const c = generateDistrict({ preset: 'small', seed: 8 });
    for (const name of TABLE_NAMES) {
      expect(JSON.stringify(all(a, name))).toBe(JSON.stringify(all(b, name)));
    }
    expect(JSON.stringify(all(a, 'users'))).not.toBe(JSON.stringify(all(c, 'users')));
  });

  it('keeps every table in sourcedId order with unique ids (the default sort)', () => {
    for (const preset of ['tiny', 'small', 'medium'] as const) {
      const d = generateDistrict({ preset });
      for (const name of TABLE_NAMES) {
        const t = d.tables[name];
        expect(t.sortedById, `${preset}/${name}`).toBe(true);
        for (let i = 1; i < t.size; i++) {
          if (!(t.id(i - 1) < t.id(i))) throw new Error(`${preset}/${name}: ${t.id(i - 1)} !< ${t.id(i)}`);
        }
        expect(t.build(0, ctx).sourcedId).toBe(t.id(0));
      }
    }
  });

  it('writes the same JSON on the fast path as JSON.stringify(build)', () => {
    const small = generateDistrict({ preset: 'small', seed: 2 });
    const large = generateDistrict({ preset: 'large', seed: 2 });
    let checked = 0;
    for (const [d, step] of [
      [small, 1],
      [large, 997],
    ] as const) {
      for (const name of TABLE_NAMES) {
        const t = d.tables[name];
        if (!t.json) continue;
        for (let i = 0; i < t.size; i += step) {
          const fast = t.json(i, ctx);
          if (fast !== JSON.stringify(t.build(i, ctx))) expect(fast).toBe(JSON.stringify(t.build(i, ctx)));
          checked++;
        }
      }
    }
    expect(small.tables.enrollments.json && small.tables.users.json).toBeTruthy();
    expect(checked).toBeGreaterThan(5_000);
  });

  it('sizes the presets as documented', () => {
    const tiny = generateDistrict({ preset: 'tiny' });
    expect(tiny.counts.schools).toBe(2);
    expect(tiny.counts.users).toBeGreaterThan(45);
    expect(tiny.counts.users).toBeLessThan(80);
    const medium = generateDistrict({ preset: 'medium' });
    expect(medium.counts.users).toBeGreaterThan(9_000);
    expect(medium.counts.users).toBeLessThan(11_000);
    expect(medium.counts.enrollments).toBeGreaterThan(80_000);
    expect(medium.counts.enrollments).toBeLessThan(120_000);
    const custom = generateDistrict({ users: 3000, schools: 4, enrollmentsPerStudent: 3, parents: false });
    expect(custom.counts.schools).toBe(4);
    expect(Math.abs(custom.counts.users - 3000)).toBeLessThan(300);
  });

  it('builds a realistic, referentially clean district', () => {
    const d = generateDistrict({ preset: 'small', seed: 3 });
    const orgs = all(d, 'orgs');
    const sessions = all(d, 'academicSessions');
    const courses = all(d, 'courses');
    const classes = all(d, 'classes');
    const users = all(d, 'users');
    const enrollments = all(d, 'enrollments');
    const byId = (rs: JsonRecord[]) => new Map(rs.map((r) => [r.sourcedId as string, r]));
    const orgById = byId(orgs);
    const sessionById = byId(sessions);
    const classById = byId(classes);
    const userById = byId(users);

    expect(orgs.filter((o) => o.type === 'district')).toHaveLength(1);
    for (const s of orgs.filter((o) => o.type === 'school')) expect(refId(s.parent)).toBe(d.districtId);
    // Per-school copies of the same term: same title and dates, distinct sourcedIds.
    const terms = sessions.filter((s) => s.type === 'term');
    expect(terms.length).toBe(2 * d.counts.schools);
    expect(new Set(terms.map((t) => `${t.title as string}|${t.startDate as string}`)).size).toBe(2);
    expect(terms.map((t) => t.sourcedId)).toContain(`T-2027-S1-001`);
    for (const s of sessions) {
      expect((s.startDate as string) <= (s.endDate as string)).toBe(true);
      if (s.parent) expect(sessionById.has(refId(s.parent))).toBe(true);
    }
    for (const c of courses) expect(orgById.get(refId(c.org))?.type).toBe('school');
    for (const c of classes) {
      expect(orgById.get(refId(c.school))?.type).toBe('school');
      expect((c.terms as unknown[]).length).toBeGreaterThan(0);
      for (const t of ids(c.terms)) expect(['term', 'schoolYear']).toContain(sessionById.get(t)?.type);
      expect(c.periods).toEqual([expect.stringMatching(/^\d$/)]);
    }
    const usernames = new Set<string>();
    for (const u of users) {
      expect(u.enabledUser).toBe('true');
      expect(typeof u.username).toBe('string');
      usernames.add(u.username as string);
      expect(u.email).toMatch(/^[a-z.0-9]+@[a-z.]+$/);
      expect((u.orgs as unknown[]).length).toBeGreaterThan(0);
      for (const o of ids(u.orgs)) expect(orgById.has(o)).toBe(true);
      for (const a of ids(u.agents))
        expect(userById.get(a)?.role).toBe(u.role === 'parent' ? 'student' : 'parent');
    }
    expect(usernames.size).toBe(users.length);
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set(['administrator', 'aide', 'parent', 'student', 'teacher']),
    );

    const primaries = new Map<string, number>();
    for (const e of enrollments) {
      const cls = classById.get(refId(e.class));
      const user = userById.get(refId(e.user));
      expect(cls && user).toBeTruthy();
      expect(refId(e.school)).toBe(refId(cls!.school));
      expect(e.role).toBe(user!.role);
      const classTerms = ids(cls!.terms).map((t) => sessionById.get(t)!);
      expect(e.beginDate).toBe(classTerms[0]!.startDate);
      expect(e.endDate).toBe(classTerms[classTerms.length - 1]!.endDate);
      if (e.primary === 'true') primaries.set(refId(e.class), (primaries.get(refId(e.class)) ?? 0) + 1);
    }
    for (const c of classes) expect(primaries.get(c.sourcedId as string)).toBe(1);
    const demo = all(d, 'demographics');
    expect(demo.length).toBe(d.counts.students);
    for (const x of demo.slice(0, 50)) {
      expect(userById.get(x.sourcedId as string)?.role).toBe('student');
      expect(x.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(sessions[0]!.dateLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('rejects bad specs with a clear error', () => {
    expect(() => generateDistrict({ users: -5 })).toThrow(ServiceError);
    expect(() => generateDistrict({ users: -5 })).toThrow(
      expect.objectContaining({ code: 'DEMO_DISTRICT_SPEC' }),
    );
    expect(() => generateDistrict({ preset: 'huge' as never })).toThrow(/Unknown preset/);
    expect(() => generateDistrict({ preset: 'tiny', defects: [{ kind: 'nope' }] })).toThrow(
      /Unknown data defect/,
    );
  });

  it('generates the large preset compactly (measured, not timed)', () => {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const d = generateDistrict({ preset: 'large' });
    const genMs = performance.now() - t0;
    const after = process.memoryUsage();
    const heapMb = (after.heapUsed - before.heapUsed) / 1e6;
    const extMb = (after.arrayBuffers - before.arrayBuffers) / 1e6;
    const t1 = performance.now();
    const page = JSON.stringify({
      enrollments: Array.from({ length: 10_000 }, (_, i) => d.tables.enrollments.build(500_000 + i, ctx)),
    });
    const pageMs = performance.now() - t1;
    console.log(
      `large: ${d.counts.users} users, ${d.counts.enrollments} enrollments in ${genMs.toFixed(0)} ms; ` +
        `heap +${heapMb.toFixed(0)} MB, array buffers +${extMb.toFixed(0)} MB; 10k-enrollment page ${(page.length / 1e6).toFixed(1)} MB in ${pageMs.toFixed(0)} ms`,
    );
    expect(d.counts.users).toBeGreaterThan(95_000);
    expect(d.counts.enrollments).toBeGreaterThan(900_000);
    // A million rich objects would need well over a gigabyte; the compact layout needs tens of MB.
    expect(heapMb + extMb).toBeLessThan(250);
  });
});
