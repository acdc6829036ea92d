import { MappingOptions, type MappingOptionsInput } from '../../shared/mapping/options';
import type { Plan } from '../../shared/plan/types';
import { buildPlan } from '../../electron/services/plan';
import { fx, makeSnapshot, type FixtureRecords } from '../../test-support/snapshot-fixture';

/**
 * A small district with one of everything the planner decides on:
 *  - district DIST (root), schools SCH-001 and SCH-002, department DEP-1 under SCH-001, school SCH-003 under DEP-1;
 *  - per-school copies of the fall term (T-2027-S1-001 / -002, same title and dates), a spring term, a school
 *    year, a grading period;
 *  - classes: single-term, multi-term (not nested → longest), nested in the school year (→ the container),
 *    grading-period only (→ its parent term), a class in a department (→ its school's account), two classes of
 *    one course in one term and school (grouped per course+term+school), a class without classCode;
 *  - users: teacher, two students (one tobedeleted), aide, administrator, parent with agents, a student with
 *    userIds;
 *  - enrollments: every role, a non-primary teacher, a missing user, one without dates, one tobedeleted.
 */
export function districtRecords(): FixtureRecords {
  const T1 = { startDate: '2026-08-15', endDate: '2026-12-20', title: 'Fall 2026' };
  return {
    orgs: [
      fx.org('DIST', { type: 'district', name: 'Springfield USD', identifier: 'D-100' }),
      fx.org('SCH-001', { parent: fx.ref('org', 'DIST'), name: 'North High', identifier: 'NH-1' }),
      fx.org('SCH-002', { parent: fx.ref('org', 'DIST'), name: 'South High', identifier: 'SH-2' }),
      fx.org('DEP-1', {
        type: 'department',
        parent: fx.ref('org', 'SCH-001'),
        name: 'North Science',
        identifier: undefined,
      }),
      fx.org('SCH-003', { parent: fx.ref('org', 'DEP-1'), name: 'North Annex', identifier: 'NA-3' }),
    ],
    academicSessions: [
      fx.session('SY-2027', {
        type: 'schoolYear',
        title: '2026-2027',
        startDate: '2026-08-01',
        endDate: '2027-06-30',
      }),
      fx.session('T-2027-S1-001', { ...T1, parent: fx.ref('academicSession', 'SY-2027') }),
      fx.session('T-2027-S1-002', { ...T1, parent: fx.ref('academicSession', 'SY-2027') }),
      fx.session('T-2027-S2-001', { title: 'Spring 2027', startDate: '2027-01-05', endDate: '2027-06-10' }),
      fx.session('GP-Q1-001', {
        type: 'gradingPeriod',
        title: 'Q1',
        startDate: '2026-08-15',
        endDate: '2026-10-15',
        parent: fx.ref('academicSession', 'T-2027-S1-001'),
      }),
    ],
    courses: [
      fx.course('C-ALG', 'SCH-001', { title: 'Algebra I', courseCode: 'ALG1' }),
      fx.course('C-BIO', 'SCH-002', { title: 'Biology', courseCode: 'BIO' }),
    ],
    classes: [
      fx.klass('K1', 'C-ALG', 'SCH-001', ['T-2027-S1-001'], {
        title: 'Algebra I - P1',
        classCode: 'ALG1-01',
        periods: ['1'],
      }),
      fx.klass('K2', 'C-BIO', 'SCH-002', ['T-2027-S1-002'], {
        title: 'Biology - P2',
        classCode: 'BIO-01',
        periods: ['2'],
      }),
      fx.klass('K3', 'C-ALG', 'SCH-001', ['T-2027-S1-001', 'T-2027-S2-001'], { title: 'Algebra I - Year' }),
      fx.klass('K4', 'C-ALG', 'SCH-001', ['SY-2027', 'T-2027-S1-001'], { title: 'Algebra I - Nested' }),
      fx.klass('K5', 'C-ALG', 'SCH-001', ['GP-Q1-001'], { title: 'Algebra I - Q1' }),
      fx.klass('K6', 'C-ALG', 'DEP-1', ['T-2027-S1-001'], { title: 'Algebra I - Lab' }),
      fx.klass('K7', 'C-ALG', 'SCH-001', ['T-2027-S1-001'], {
        title: 'Algebra I - P7',
        classCode: 'ALG1-07',
        periods: ['7'],
      }),
      fx.klass('K8', 'C-BIO', 'SCH-002', ['T-2027-S1-002'], { title: 'Biology - P8', classCode: undefined }),
    ],
    users: [
      fx.user('U-T1', 'teacher', ['SCH-001'], { familyName: 'Newton', identifier: 'E-T1' }),
      fx.user('U-T2', 'teacher', ['SCH-002'], { familyName: 'Curie', identifier: 'E-T2' }),
      fx.user('U-S1', 'student', ['SCH-001'], {
        identifier: 'S-1',
        userIds: [{ type: 'LDAP', identifier: 'ldap.s1' }],
        agents: [fx.ref('user', 'U-P1')],
      }),
      fx.user('U-S2', 'student', ['SCH-001'], { status: 'tobedeleted', identifier: 'S-2' }),
      fx.user('U-A1', 'aide', ['SCH-001']),
      fx.user('U-AD1', 'administrator', ['DIST']),
      fx.user('U-P1', 'parent', ['SCH-001'], { agents: [fx.ref('user', 'U-S1')] }),
    ],
    enrollments: [
      fx.enrollment('E1', 'U-T1', 'K1', 'SCH-001', 'teacher', { primary: 'true' }),
      fx.enrollment('E2', 'U-S1', 'K1', 'SCH-001', 'student'),
      fx.enrollment('E3', 'U-S2', 'K1', 'SCH-001', 'student', { status: 'tobedeleted' }),
      fx.enrollment('E4', 'U-A1', 'K1', 'SCH-001', 'aide'),
      fx.enrollment('E5', 'U-AD1', 'K1', 'SCH-001', 'administrator'),
      fx.enrollment('E6', 'U-T1', 'K2', 'SCH-002', 'teacher', { primary: 'false' }),
      fx.enrollment('E7', 'U-S1', 'K3', 'SCH-001', 'student', { beginDate: undefined }),
      fx.enrollment('E8', 'U-GHOST', 'K1', 'SCH-001', 'student'),
      fx.enrollment('E9', 'U-T2', 'K2', 'SCH-002', 'teacher', { primary: 'true' }),
      fx.enrollment('E10', 'U-S1', 'K7', 'SCH-001', 'student'),
    ],
  };
}

/** Plans `records` under `options` in a real SQLite snapshot, and removes it again. */
export function planOf(records: FixtureRecords, options: MappingOptionsInput = {}): Plan {
  const snap = makeSnapshot(records);
  try {
    return buildPlan(snap.store.db, snap.snapshotId, MappingOptions.parse(options));
  } finally {
    snap.cleanup();
  }
}

export const byId = <T, K extends keyof T>(rows: readonly T[], key: K, id: T[K]): T => {
  const row = rows.find((r) => r[key] === id);
  if (!row) throw new Error(`no row with ${String(key)} = ${String(id)}`);
  return row;
};
