import { buildPlan } from '../../electron/services/plan';
import { buildMappingTree } from '../../electron/services/mapping-tree';
import { DEFAULT_MAPPING_OPTIONS, type MappingOptions } from '../../shared/mapping/options';
import type { Finding, Severity, EntityType } from '../../shared/rules/finding';
import { fx, makeSnapshot, type FixtureSnapshot } from '../../test-support/snapshot-fixture';

/**
 * A small two-school district with per-school copies of the fall term (they merge into one Canvas term), a
 * spring term reached through a grading period, a student enrolled in both schools and an administrator
 * enrollment the plan leaves out.
 */
export function twoSchoolDistrict(): FixtureSnapshot {
  const fall = { title: 'Fall 2026', startDate: '2026-08-15', endDate: '2026-12-20' };
  return makeSnapshot({
    orgs: [
      fx.org('D', { name: 'Springfield USD', type: 'district' }),
      fx.org('S1', { name: 'Lincoln High', identifier: '001', parent: fx.ref('org', 'D') }),
      fx.org('S2', { name: 'Adams Middle', identifier: '002', parent: fx.ref('org', 'D') }),
    ],
    academicSessions: [
      fx.session('T1-001', fall),
      fx.session('T1-002', fall),
      fx.session('T2', { title: 'Spring 2027', startDate: '2027-01-10', endDate: '2027-06-10' }),
      fx.session('GP1', {
        title: 'Q3',
        type: 'gradingPeriod',
        startDate: '2027-01-10',
        endDate: '2027-03-20',
        parent: fx.ref('academicSession', 'T2'),
      }),
    ],
    courses: [fx.course('C-MATH', 'D', { title: 'Math' }), fx.course('C-ENG', 'D', { title: 'English' })],
    classes: [
      fx.klass('K1', 'C-MATH', 'S1', ['T1-001'], { title: 'Algebra A' }),
      fx.klass('K2', 'C-MATH', 'S1', ['T1-001'], { title: 'Algebra B' }),
      fx.klass('K3', 'C-ENG', 'S1', ['GP1'], { title: 'English 9' }),
      fx.klass('K4', 'C-MATH', 'S2', ['T1-002'], { title: 'Math 7' }),
      fx.klass('K5', 'C-ENG', 'S2', ['T1-002'], { title: 'English 7' }),
    ],
    users: [
      fx.user('UT1', 'teacher', ['S1']),
      fx.user('UT2', 'teacher', ['S2']),
      fx.user('U1', 'student', ['S1'], { password: 'hunter2' }),
      fx.user('U2', 'student', ['S1']),
      fx.user('U3', 'student', ['S2']),
      fx.user('U4', 'student', ['S1', 'S2']),
      fx.user('UA', 'administrator', ['D']),
      fx.user('UP', 'parent', ['S1']),
    ],
    enrollments: [
      ...['K1', 'K2', 'K3'].map((k) => fx.enrollment(`E-T1-${k}`, 'UT1', k, 'S1', 'teacher')),
      ...['K4', 'K5'].map((k) => fx.enrollment(`E-T2-${k}`, 'UT2', k, 'S2', 'teacher')),
      ...['K1', 'K2', 'K3'].map((k) => fx.enrollment(`E-U1-${k}`, 'U1', k, 'S1', 'student')),
      fx.enrollment('E-U2-K1', 'U2', 'K1', 'S1', 'student'),
      ...['K4', 'K5'].map((k) => fx.enrollment(`E-U3-${k}`, 'U3', k, 'S2', 'student')),
      fx.enrollment('E-U4-K4', 'U4', 'K4', 'S2', 'student'),
      fx.enrollment('E-U4-K1', 'U4', 'K1', 'S1', 'student'),
      fx.enrollment('E-UA-K1', 'UA', 'K1', 'S1', 'administrator'),
    ],
  });
}

export const finding = (
  severity: Severity,
  entityType: EntityType,
  sourcedId: string,
  ruleId = 'TEST-RULE',
): Finding => ({
  ruleId,
  severity,
  entityType,
  sourcedId,
  message: `${ruleId} on ${sourcedId}`,
  remedy: `Fix ${sourcedId}.`,
});

export function treeOf(
  fixture: FixtureSnapshot,
  findings: Finding[] = [],
  options: MappingOptions = DEFAULT_MAPPING_OPTIONS,
) {
  const plan = buildPlan(fixture.store.db, fixture.snapshotId, options);
  return { plan, tree: buildMappingTree({ plan, findings, store: fixture.store }) };
}
