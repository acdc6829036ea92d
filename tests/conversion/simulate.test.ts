import { afterAll, describe, expect, it } from 'vitest';
import { simulate, Tally } from '../../electron/services/conversion';
import { ImportMode } from '../../shared/sync/import-mode';
import { fixture, keysOf, tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());

describe('simulate (hand tally)', () => {
  const tally = new Tally();
  // Term A: 10 SIS courses in Canvas, 3 not in the plan; term B: 4 courses, all absent.
  tally.add('courses', 'A', 'existing', 10);
  tally.add('courses', 'A', 'absent', 3);
  tally.add('courses', 'A', 'unchanged', 7);
  tally.add('courses', 'A', 'create', 2);
  tally.add('courses', 'B', 'existing', 4);
  tally.add('courses', 'B', 'absent', 4);
  tally.add('enrollments', 'A', 'existing', 200);
  tally.add('enrollments', 'A', 'absent', 50);
  tally.add('enrollments', 'A', 'unchanged', 150);
  tally.add('users', null, 'existing', 30);
  tally.add('users', null, 'absent', 5);
  tally.add('users', null, 'unchanged', 25);

  it('standard deletes nothing', () => {
    const s = simulate(tally, ImportMode.parse({ changeThreshold: 1 }));
    expect(s.rows.every((r) => r.delete === 0 && r.conclude === 0)).toBe(true);
    expect(s.percentages).toEqual({ courses: 0, sections: 0, enrollments: 0 });
    expect(s.exceeds).toEqual([]);
  });

  it('batch deletes the term’s absent courses and enrollments only: 3/10 = 30 %, 50/200 = 25 %', () => {
    const s = simulate(tally, ImportMode.parse({ mode: 'batch', termId: 'A', changeThreshold: 26 }));
    const row = (type: string, term: string | null) =>
      s.rows.find((r) => r.type === type && r.term === term)!;
    expect(row('courses', 'A')).toMatchObject({ delete: 3, create: 2, unchanged: 7, existing: 10 });
    expect(row('courses', 'B')).toMatchObject({ delete: 0, existing: 4 });
    expect(row('users', null)).toMatchObject({ delete: 0 });
    expect(s.percentages).toEqual({ courses: 30, sections: 0, enrollments: 25 });
    expect(s.exceeds).toEqual(['courses']);
    const concluded = simulate(
      tally,
      ImportMode.parse({ mode: 'batch', termId: 'A', dropStatus: 'completed' }),
    );
    expect(concluded.rows.find((r) => r.type === 'enrollments')).toMatchObject({ delete: 0, conclude: 50 });
    expect(concluded.percentages.enrollments).toBe(25);
  });

  it('diffing deletes every absent object and compares sizes: courses |1 − 9/14| = 35.7 %', () => {
    const s = simulate(
      tally,
      ImportMode.parse({ mode: 'diffing', dataSetId: 'sis:all', changeThreshold: 30 }),
    );
    expect(s.rows.find((r) => r.type === 'users')).toMatchObject({ delete: 5 });
    expect(s.rows.find((r) => r.type === 'courses' && r.term === 'B')).toMatchObject({ delete: 4 });
    expect(s.percentages).toEqual({ courses: 35.7, sections: 0, enrollments: 25 });
    expect(s.exceeds).toEqual(['courses']);
  });

  it('batch without a term is refused with a hint', () => {
    expect(() => simulate(tally, ImportMode.parse({ mode: 'batch' }))).toThrow(
      expect.objectContaining({ code: 'import_mode_invalid' }),
    );
  });
});

describe('simulation of a generated conversion', () => {
  // The tiny district: 40 classes, 173 enrollments, one school-year term; Canvas also holds 2 legacy courses
  // with 3 students each in that term.
  const f = fixture(stores, { orphanCourses: 2 }, { observers: true });
  const term = f.plan.terms[0]!.term_id;

  it('matches the fixture sizes', () => {
    expect([f.plan.terms.length, f.plan.courses.length, f.plan.enrollments.length]).toEqual([1, 40, 173]);
  });

  it('standard: everything unchanged, nothing deleted', () => {
    const s = f.evaluate().summary.simulation;
    const courses = s.rows.find((r) => r.type === 'courses')!;
    expect(courses).toMatchObject({ term, create: 0, update: 0, unchanged: 40, delete: 0, existing: 42 });
    expect(s.rows.find((r) => r.type === 'enrollments')).toMatchObject({
      unchanged: 173,
      existing: 179,
      delete: 0,
    });
  });

  it('batch on the term: 2 of 42 courses and sections (4.8 %), 6 of 179 enrollments (3.4 %); over 4 % → CNV-THRESHOLD', () => {
    const r = f.evaluate({}, { mode: 'batch', termId: term, changeThreshold: 4 });
    const s = r.summary.simulation;
    expect(s.rows.find((r) => r.type === 'courses')).toMatchObject({ delete: 2 });
    expect(s.rows.find((r) => r.type === 'enrollments')).toMatchObject({ delete: 6 });
    expect(s.percentages).toEqual({ courses: 4.8, sections: 4.8, enrollments: 3.4 });
    expect(s.exceeds).toEqual(['courses', 'sections']);
    expect(keysOf(r.findings, 'CNV-THRESHOLD')).toEqual([`canvasTerm ${term}`]);
    expect(
      keysOf(f.evaluate({}, { mode: 'batch', termId: term, changeThreshold: 5 }).findings, 'CNV-THRESHOLD'),
    ).toEqual([]);
  });

  it('diffing: |1 − 40/42| = 4.8 % courses, |1 − 173/179| = 3.4 % enrollments, concluded with drop status', () => {
    const s = f.evaluate({}, { mode: 'diffing', dataSetId: 'sis', dropStatus: 'inactive' }).summary
      .simulation;
    expect(s.percentages).toEqual({ courses: 4.8, sections: 4.8, enrollments: 3.4 });
    expect(s.rows.find((r) => r.type === 'enrollments')).toMatchObject({ delete: 0, conclude: 6 });
    // The district's own sub-account is not in the plan (it is the root there): diffing would delete it.
    expect(s.rows.find((r) => r.type === 'accounts')).toMatchObject({ delete: 1, existing: 3 });
  });
});
