import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { cleanDistrict, patch, without } from './district';
import { evaluate, only } from './run-rules';

const enrollment = (sourcedId: string) => ({ entityType: 'enrollment', sourcedId });
const klass = (sourcedId: string) => ({ entityType: 'class', sourcedId });
const gone = (r: Record<string, unknown>) => ({ ...r, status: 'tobedeleted' });

describe('ENR-DUPLICATE', () => {
  it('names every active enrollment of the same user, class and role', () => {
    const d = cleanDistrict();
    d.enrollments.push(
      fx.enrollment('E-K1-STU-1-b', 'STU-1', 'K1', 'S1', 'student'),
      fx.enrollment('E-K1-STU-1-c', 'STU-1', 'K1', 'S1', 'student', { beginDate: '2026-09-01' }),
    );
    const found = only(evaluate(d), 'ENR-DUPLICATE');
    expect(found.map((f) => [f.sourcedId, f.related])).toEqual([
      ['E-K1-STU-1', [enrollment('E-K1-STU-1-b'), enrollment('E-K1-STU-1-c')]],
      ['E-K1-STU-1-b', [enrollment('E-K1-STU-1'), enrollment('E-K1-STU-1-c')]],
      ['E-K1-STU-1-c', [enrollment('E-K1-STU-1'), enrollment('E-K1-STU-1-b')]],
    ]);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      entityType: 'enrollment',
      message: 'User STU-1 has 3 active student enrollments in class K1',
      detail: { userId: 'STU-1', classId: 'K1', role: 'student', count: 3 },
    });
  });

  it('is silent for another role, another class, or a tobedeleted copy', () => {
    const d = cleanDistrict();
    d.enrollments.push(
      fx.enrollment('E-K1-TCH-1-proctor', 'TCH-1', 'K1', 'S1', 'proctor', { primary: 'false' }),
      gone(fx.enrollment('E-K1-STU-1-old', 'STU-1', 'K1', 'S1', 'student')),
    );
    expect(only(evaluate(d), 'ENR-DUPLICATE')).toEqual([]);
  });
});

describe('ENR-NO-DATES', () => {
  it('names active enrollments missing either date', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-1', (r) => without(r, 'beginDate'));
    patch(d.enrollments, 'E-K1-STU-2', (r) => without(r, 'beginDate', 'endDate'));
    patch(d.enrollments, 'E-K3-STU-4', (r) => ({ ...r, endDate: 'soon' }));
    expect(only(evaluate(d), 'ENR-NO-DATES')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...enrollment('E-K1-STU-1'),
        message: 'Enrollment E-K1-STU-1 has no beginDate',
        detail: { missing: ['beginDate'], beginDate: null, endDate: '2027-01-15' },
      }),
      expect.objectContaining({
        ...enrollment('E-K1-STU-2'),
        message: 'Enrollment E-K1-STU-2 has no beginDate and no endDate',
        detail: { missing: ['beginDate', 'endDate'], beginDate: null, endDate: null },
      }),
      // An unreadable date is as good as none (OR-SCHEMA says why).
      expect.objectContaining({
        ...enrollment('E-K3-STU-4'),
        detail: expect.objectContaining({ missing: ['endDate'] }),
      }),
    ]);
  });

  it('ignores tobedeleted enrollments', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-1', (r) => gone(without(r, 'beginDate', 'endDate')));
    expect(only(evaluate(d), 'ENR-NO-DATES')).toEqual([]);
  });
});

describe('ENR-OUTSIDE-TERM', () => {
  it("names active enrollments that start before or end after their class's term", () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-1', (r) => ({ ...r, beginDate: '2026-08-01' }));
    patch(d.enrollments, 'E-K3-STU-4', (r) => ({ ...r, endDate: '2027-07-01' }));
    // Only one date: the other is ENR-NO-DATES' business, the present one is still checked.
    patch(d.enrollments, 'E-K3-TCH-3', (r) => ({ ...without(r, 'endDate'), beginDate: '2026-12-01' }));
    expect(only(evaluate(d), 'ENR-OUTSIDE-TERM')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...enrollment('E-K1-STU-1'),
        message:
          'Enrollment E-K1-STU-1 runs 2026-08-01 to 2027-01-15, outside the term of class K1 (2026-08-15 to 2027-01-15)',
        detail: {
          classId: 'K1',
          beginDate: '2026-08-01',
          endDate: '2027-01-15',
          termStart: '2026-08-15',
          termEnd: '2027-01-15',
          termIds: ['T1'],
        },
        related: [klass('K1')],
      }),
      expect.objectContaining({
        ...enrollment('E-K3-STU-4'),
        detail: expect.objectContaining({ endDate: '2027-07-01', termEnd: '2027-06-10', termIds: ['T2'] }),
      }),
      expect.objectContaining({
        ...enrollment('E-K3-TCH-3'),
        message:
          'Enrollment E-K3-TCH-3 runs 2026-12-01 to (no end date), outside the term of class K3 (2027-01-16 to 2027-06-10)',
      }),
    ]);
  });

  it('uses the span of all the sessions of a multi-term class', () => {
    const d = cleanDistrict();
    // K2 lists T1 (Aug–Jan) and T2 (Jan–Jun): a full-year enrollment fits, one past June does not.
    patch(d.enrollments, 'E-K2-STU-3', (r) => ({ ...r, endDate: '2027-06-11' }));
    const found = only(evaluate(d), 'ENR-OUTSIDE-TERM');
    expect(found.map((f) => [f.sourcedId, f.detail])).toEqual([
      [
        'E-K2-STU-3',
        {
          classId: 'K2',
          beginDate: '2026-08-15',
          endDate: '2027-06-11',
          termStart: '2026-08-15',
          termEnd: '2027-06-10',
          termIds: ['T1', 'T2'],
        },
      ],
    ]);
  });

  it('is silent for tobedeleted enrollments or classes, and for terms without dates', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-1', (r) => gone({ ...r, beginDate: '2026-01-01' }));
    patch(d.classes, 'K3', gone);
    patch(d.enrollments, 'E-K3-STU-4', (r) => ({ ...r, beginDate: '2026-01-01' }));
    d.academicSessions.push(fx.session('T9', { startDate: null, endDate: null }));
    d.classes.push(fx.klass('K9', 'C1', 'S1', ['T9']));
    d.enrollments.push(
      fx.enrollment('E-K9-STU-2', 'STU-2', 'K9', 'S1', 'student', { beginDate: '2020-01-01' }),
    );
    expect(only(evaluate(d), 'ENR-OUTSIDE-TERM')).toEqual([]);
  });
});

describe('ENR-ROLE-UNMAPPED', () => {
  const extra = () => {
    const d = cleanDistrict();
    d.enrollments.push(
      fx.enrollment('E-K1-ADM-1', 'ADM-1', 'K1', 'S1', 'administrator', { primary: 'false' }),
      fx.enrollment('E-K1-PAR-1', 'PAR-1', 'K1', 'S1', 'parent', { primary: 'false' }),
      fx.enrollment('E-K3-TCH-2', 'TCH-2', 'K3', 'S2', 'proctor', { primary: 'false' }),
      fx.enrollment('E-K3-TCH-1', 'TCH-1', 'K3', 'S2', 'aide', { primary: 'false' }),
    );
    return d;
  };

  it('names administrator and parent enrollments under the default mapping', () => {
    expect(only(evaluate(extra()), 'ENR-ROLE-UNMAPPED')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...enrollment('E-K1-ADM-1'),
        message:
          'Enrollment E-K1-ADM-1 has role administrator, which has no Canvas role under the current mapping; it is not sent',
        detail: {
          role: 'administrator',
          userId: 'ADM-1',
          classId: 'K1',
          mappedRoles: ['aide', 'proctor', 'student', 'teacher'],
        },
      }),
      expect.objectContaining({
        ...enrollment('E-K1-PAR-1'),
        detail: expect.objectContaining({ role: 'parent' }),
      }),
    ]);
  });

  it('follows the mapping options', () => {
    const found = evaluate(extra(), {
      roleMap: { administrator: 'teacher', proctor: null },
      observers: true,
    });
    expect(only(found, 'ENR-ROLE-UNMAPPED').map((f) => [f.sourcedId, f.detail?.role])).toEqual([
      ['E-K1-PAR-1', 'parent'],
      ['E-K3-TCH-2', 'proctor'],
    ]);
  });

  it('is silent for tobedeleted enrollments', () => {
    const d = cleanDistrict();
    d.enrollments.push(gone(fx.enrollment('E-K1-ADM-1', 'ADM-1', 'K1', 'S1', 'administrator')));
    expect(only(evaluate(d), 'ENR-ROLE-UNMAPPED')).toEqual([]);
  });
});

describe('ENR-SCHOOL-MISMATCH', () => {
  it("names active enrollments whose school is not the class's school", () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-2', (r) => ({ ...r, school: fx.ref('org', 'S2') }));
    expect(only(evaluate(d), 'ENR-SCHOOL-MISMATCH')).toEqual([
      expect.objectContaining({
        severity: 'info',
        ...enrollment('E-K1-STU-2'),
        message: 'Enrollment E-K1-STU-2 names school S2, but class K1 belongs to school S1',
        detail: { schoolId: 'S2', classId: 'K1', classSchoolId: 'S1' },
        related: [klass('K1')],
      }),
    ]);
  });

  it('is silent for tobedeleted enrollments and classes', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-2', (r) => gone({ ...r, school: fx.ref('org', 'S2') }));
    patch(d.classes, 'K3', gone);
    patch(d.enrollments, 'E-K3-STU-4', (r) => ({ ...r, school: fx.ref('org', 'S1') }));
    expect(only(evaluate(d), 'ENR-SCHOOL-MISMATCH')).toEqual([]);
  });
});

describe('ENR-MULTI-PRIMARY', () => {
  it('names classes with several primary teachers', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K2-TCH-2', (r) => ({ ...r, primary: 'true' }));
    expect(only(evaluate(d), 'ENR-MULTI-PRIMARY')).toEqual([
      expect.objectContaining({
        severity: 'info',
        ...klass('K2'),
        message: 'Class K2 has 2 primary teachers: TCH-1, TCH-2',
        detail: { teachers: ['TCH-1', 'TCH-2'], enrollments: ['E-K2-TCH-1', 'E-K2-TCH-2'] },
        related: [enrollment('E-K2-TCH-1'), enrollment('E-K2-TCH-2')],
      }),
    ]);
  });

  it('is silent for one teacher twice, tobedeleted enrollments, other roles and tobedeleted classes', () => {
    const d = cleanDistrict();
    d.enrollments.push(
      fx.enrollment('E-K1-TCH-1-b', 'TCH-1', 'K1', 'S1', 'teacher'),
      gone(fx.enrollment('E-K1-TCH-2', 'TCH-2', 'K1', 'S1', 'teacher')),
      fx.enrollment('E-K1-ADM-1', 'ADM-1', 'K1', 'S1', 'proctor', { primary: 'true' }),
    );
    patch(d.classes, 'K2', gone);
    patch(d.enrollments, 'E-K2-TCH-2', (r) => ({ ...r, primary: 'true' }));
    const found = evaluate(d);
    expect(only(found, 'ENR-MULTI-PRIMARY')).toEqual([]);
    expect(only(found, 'ENR-DUPLICATE').map((f) => f.sourcedId)).toEqual(['E-K1-TCH-1', 'E-K1-TCH-1-b']);
  });
});
