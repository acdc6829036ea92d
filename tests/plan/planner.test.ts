import { describe, expect, it } from 'vitest';
import { fx } from '../../test-support/snapshot-fixture';
import { CANVAS_COLUMNS, CANVAS_TYPES } from '../../shared/plan/types';
import { planCounts } from '../../electron/services/plan';
import { byId, districtRecords, planOf } from './fixture';

describe('planner: accounts', () => {
  it('makes the district the root (no row) and schools sub-accounts; other levels are flattened by default', () => {
    const plan = planOf(districtRecords());
    expect(plan.notes).toMatchObject({
      rootOrgId: 'DIST',
      rootReason: 'single district',
      rootName: 'Springfield USD',
    });
    expect(plan.accounts.map((a) => [a.account_id, a.parent_account_id])).toEqual([
      ['SCH-001', ''],
      ['SCH-002', ''],
      // SCH-003 sits under department DEP-1, which is flattened: its parent account is DEP-1's school.
      ['SCH-003', 'SCH-001'],
    ]);
    expect(byId(plan.accounts, 'account_id', 'SCH-003').options).toContain('orgLevels=flatten');
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({
        entityType: 'org',
        reason: expect.stringMatching(/department.*flatten/),
        examples: ['DEP-1'],
      }),
    );
    // A class in the department goes to the nearest planned account.
    expect(byId(plan.courses, 'course_id', 'K6').account_id).toBe('SCH-001');
  });

  it('keeps department levels with orgLevels=keep, parents before children', () => {
    const plan = planOf(districtRecords(), { orgLevels: 'keep' });
    expect(plan.accounts.map((a) => [a.account_id, a.parent_account_id])).toEqual([
      ['SCH-001', ''],
      ['SCH-002', ''],
      ['DEP-1', 'SCH-001'],
      ['SCH-003', 'DEP-1'],
    ]);
    const seen = new Set<string>(['']);
    for (const a of plan.accounts) {
      expect(seen.has(a.parent_account_id)).toBe(true);
      seen.add(a.account_id);
    }
    expect(byId(plan.courses, 'course_id', 'K6').account_id).toBe('DEP-1');
  });

  it('takes account ids from identifiers when asked (sourcedId when there is none)', () => {
    const plan = planOf(districtRecords(), { accountIdSource: 'identifier', orgLevels: 'keep' });
    expect(plan.accounts.map((a) => a.account_id)).toEqual(['NH-1', 'SH-2', 'DEP-1', 'NA-3']);
    expect(byId(plan.accounts, 'account_id', 'NA-3').parent_account_id).toBe('DEP-1');
    expect(byId(plan.accounts, 'account_id', 'DEP-1').options).toContain(
      'accountIdSource: no identifier, sourcedId used',
    );
    expect(byId(plan.courses, 'course_id', 'K1').account_id).toBe('NH-1');
  });

  it('with several districts uses rootOrgId, and refuses a rootOrgId that does not exist', () => {
    const records = districtRecords();
    records.orgs!.push(fx.org('DIST-2', { type: 'district', name: 'Other' }));
    const unresolved = planOf(records);
    expect(unresolved.notes).toMatchObject({ rootOrgId: null, rootReason: 'several districts' });
    expect(unresolved.skipped).toContainEqual(
      expect.objectContaining({ entityType: 'org', examples: ['DIST', 'DIST-2'] }),
    );

    const chosen = planOf(records, { rootOrgId: 'DIST' });
    expect(chosen.notes).toMatchObject({ rootOrgId: 'DIST', rootReason: 'option' });
    expect(chosen.accounts.map((a) => a.account_id)).toEqual(['SCH-001', 'SCH-002', 'SCH-003']);
    expect(() => planOf(records, { rootOrgId: 'NOPE' })).toThrow(
      expect.objectContaining({ code: 'mapping_root_not_found' }),
    );
  });
});

describe('planner: terms', () => {
  it('merges per-school copies into one term with a common id, and records the merge', () => {
    const plan = planOf(districtRecords());
    expect(plan.terms.map((t) => t.term_id)).toEqual(['SY-2027', 'T-2027-S1', 'T-2027-S2-001']);
    const fall = byId(plan.terms, 'term_id', 'T-2027-S1');
    expect(fall).toMatchObject({
      name: 'Fall 2026',
      start_date: '2026-08-15',
      end_date: '2026-12-20',
      status: 'active',
      sources: ['T-2027-S1-001', 'T-2027-S1-002'],
      options: ['termMerge'],
    });
    expect(plan.notes.termMerges).toEqual([
      {
        term_id: 'T-2027-S1',
        sessions: ['T-2027-S1-001', 'T-2027-S1-002'],
        by: ['common id', 'title+dates'],
      },
    ]);
    expect(byId(plan.courses, 'course_id', 'K1').term_id).toBe('T-2027-S1');
    expect(byId(plan.courses, 'course_id', 'K2').term_id).toBe('T-2027-S1');
  });

  it('keeps every session as its own term with termMerge off', () => {
    const plan = planOf(districtRecords(), { termMerge: false });
    expect(plan.terms.map((t) => t.term_id)).toEqual([
      'SY-2027',
      'T-2027-S1-001',
      'T-2027-S1-002',
      'T-2027-S2-001',
    ]);
    expect(plan.notes.termMerges).toEqual([]);
    expect(byId(plan.courses, 'course_id', 'K2').term_id).toBe('T-2027-S1-002');
  });

  it('merges same title + dates without a common id under the smallest sourcedId; merges a common id despite other dates', () => {
    const records = districtRecords();
    records.academicSessions!.push(
      fx.session('FALL-NORTH', { title: 'Fall B', startDate: '2026-09-01', endDate: '2026-12-01' }),
      fx.session('AUTUMN-SOUTH', { title: 'Fall B', startDate: '2026-09-01', endDate: '2026-12-01' }),
      fx.session('T-2027-X-001', { title: 'X north', startDate: '2026-09-01', endDate: '2026-11-01' }),
      fx.session('T-2027-X-002', { title: 'X south', startDate: '2026-09-02', endDate: '2026-11-02' }),
    );
    records.classes!.push(
      fx.klass('K20', 'C-ALG', 'SCH-001', ['FALL-NORTH']),
      fx.klass('K21', 'C-BIO', 'SCH-002', ['AUTUMN-SOUTH']),
      fx.klass('K22', 'C-ALG', 'SCH-001', ['T-2027-X-001']),
      fx.klass('K23', 'C-BIO', 'SCH-002', ['T-2027-X-002']),
    );
    const plan = planOf(records);
    expect(plan.notes.termMerges).toContainEqual({
      term_id: 'AUTUMN-SOUTH',
      sessions: ['AUTUMN-SOUTH', 'FALL-NORTH'],
      by: ['title+dates'],
    });
    const x = plan.notes.termMerges.find((m) => m.term_id === 'T-2027-X')!;
    expect(x).toMatchObject({ sessions: ['T-2027-X-001', 'T-2027-X-002'], by: ['common id'] });
    expect(x.conflicts).toHaveLength(2);
    expect(byId(plan.terms, 'term_id', 'T-2027-X')).toMatchObject({
      start_date: '2026-09-01',
      end_date: '2026-11-02',
    });
  });

  it('gives a multi-session class the containing session, else the longest, and notes it', () => {
    const plan = planOf(districtRecords());
    expect(plan.notes.multiTerm).toEqual([
      {
        classId: 'K3',
        sessions: ['T-2027-S1-001', 'T-2027-S2-001'],
        chosen: 'T-2027-S2-001',
        reason: 'longest',
      },
      { classId: 'K4', sessions: ['SY-2027', 'T-2027-S1-001'], chosen: 'SY-2027', reason: 'contains' },
    ]);
    expect(byId(plan.courses, 'course_id', 'K3').term_id).toBe('T-2027-S2-001');
    expect(byId(plan.courses, 'course_id', 'K4').term_id).toBe('SY-2027');
    // A grading period is not a Canvas term: the class gets the grading period's term.
    expect(byId(plan.courses, 'course_id', 'K5').term_id).toBe('T-2027-S1');
  });

  it('leaves term_id blank (Default Term) for a class whose sessions are all missing', () => {
    const records = districtRecords();
    records.classes!.push(fx.klass('K30', 'C-ALG', 'SCH-001', ['NOT-THERE']));
    expect(byId(planOf(records).courses, 'course_id', 'K30').term_id).toBe('');
  });
});

describe('planner: courses and sections', () => {
  it('perClass: one course and one section per class, short name from classCode, else the course code', () => {
    const plan = planOf(districtRecords());
    expect(plan.courses).toHaveLength(8);
    expect(plan.sections).toHaveLength(8);
    expect(byId(plan.courses, 'course_id', 'K1')).toMatchObject({
      short_name: 'ALG1-01',
      long_name: 'Algebra I - P1',
      account_id: 'SCH-001',
      term_id: 'T-2027-S1',
      status: 'active',
      source: 'K1',
      sourceType: 'class',
    });
    expect(byId(plan.courses, 'course_id', 'K8').short_name).toBe('BIO');
    expect(byId(plan.sections, 'section_id', 'K1')).toMatchObject({
      course_id: 'K1',
      name: 'Algebra I - P1',
    });
  });

  it('perCourseTermSchool: one course per course + term + school, a section per class', () => {
    const plan = planOf(districtRecords(), { courseMode: 'perCourseTermSchool' });
    expect(plan.courses.map((c) => [c.course_id, c.sources])).toEqual([
      ['C-ALG-SY-2027-SCH-001', ['K4']],
      ['C-ALG-T-2027-S1-SCH-001', ['K1', 'K5', 'K6', 'K7']],
      ['C-ALG-T-2027-S2-001-SCH-001', ['K3']],
      ['C-BIO-T-2027-S1-SCH-002', ['K2', 'K8']],
    ]);
    expect(byId(plan.courses, 'course_id', 'C-BIO-T-2027-S1-SCH-002')).toMatchObject({
      short_name: 'BIO',
      long_name: 'Biology',
      source: 'C-BIO',
      sourceType: 'course',
      options: expect.arrayContaining(['courseMode=perCourseTermSchool']),
    });
    expect(plan.sections.map((s) => [s.section_id, s.course_id])).toContainEqual([
      'K8',
      'C-BIO-T-2027-S1-SCH-002',
    ]);
    expect(byId(plan.enrollments, 'source', 'E10')).toMatchObject({
      course_id: 'C-ALG-T-2027-S1-SCH-001',
      section_id: 'K7',
    });
  });

  it('fills name templates, including the primary teacher, and tidies separators of empty values', () => {
    const plan = planOf(districtRecords(), {
      courseLongNameTemplate: '{title} - {period} - {teacherLastName}',
      courseShortNameTemplate: '{courseCode} {termTitle}',
      sectionNameTemplate: '{schoolName}: {title}',
    });
    expect(byId(plan.courses, 'course_id', 'K1')).toMatchObject({
      long_name: 'Algebra I - P1 - 1 - Newton',
      short_name: 'ALG1 Fall 2026',
    });
    // K2's primary teacher is U-T2 (U-T1 is primary=false there).
    expect(byId(plan.courses, 'course_id', 'K2').long_name).toBe('Biology - P2 - 2 - Curie');
    // K3 has no teacher: the dangling separator goes.
    expect(byId(plan.courses, 'course_id', 'K3').long_name).toBe('Algebra I - Year - 1');
    expect(byId(plan.sections, 'section_id', 'K6').name).toBe('North High: Algebra I - Lab');
  });
});

describe('planner: users and observers', () => {
  it('maps users with the default sources; tobedeleted → deleted; parents left out while observers are off', () => {
    const plan = planOf(districtRecords());
    expect(plan.users.map((u) => u.user_id)).toEqual(['U-A1', 'U-AD1', 'U-S1', 'U-S2', 'U-T1', 'U-T2']);
    expect(byId(plan.users, 'user_id', 'U-S1')).toMatchObject({
      integration_id: 'S-1',
      login_id: 'user.U-S1',
      first_name: 'GivenU-S1',
      last_name: 'FamilyU-S1',
      email: 'U-S1@example.org',
      status: 'active',
      oneRosterRole: 'student',
    });
    expect(byId(plan.users, 'user_id', 'U-S2').status).toBe('deleted');
    expect(plan.user_observers).toEqual([]);
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({ entityType: 'user', count: 1, examples: ['U-P1'] }),
    );
  });

  it('takes login ids from email or userIds[type], and user ids from identifiers', () => {
    const email = planOf(districtRecords(), { loginIdSource: 'email' });
    expect(byId(email.users, 'user_id', 'U-S1').login_id).toBe('U-S1@example.org');
    const ldap = planOf(districtRecords(), { loginIdSource: 'userIds', loginUserIdsType: 'ldap' });
    expect(byId(ldap.users, 'user_id', 'U-S1').login_id).toBe('ldap.s1');
    expect(byId(ldap.users, 'user_id', 'U-T1').login_id).toBe('');
    const ids = planOf(districtRecords(), { userIdSource: 'identifier' });
    const s1 = byId(ids.users, 'source', 'U-S1');
    expect(s1).toMatchObject({ user_id: 'S-1', integration_id: '' });
    expect(byId(ids.enrollments, 'source', 'E2').user_id).toBe('S-1');
    const none = planOf(districtRecords(), { integrationIdSource: 'none' });
    expect(byId(none.users, 'user_id', 'U-S1').integration_id).toBe('');
  });

  it('plans parents and user_observers links when observers are on (either side may list the other)', () => {
    const plan = planOf(districtRecords(), { observers: true });
    expect(byId(plan.users, 'user_id', 'U-P1').oneRosterRole).toBe('parent');
    expect(plan.user_observers).toEqual([
      {
        observer_id: 'U-P1',
        student_id: 'U-S1',
        status: 'active',
        source: 'U-P1',
        sources: ['U-P1', 'U-S1'],
        options: ['observers'],
      },
    ]);
  });
});

describe('planner: enrollments', () => {
  it('maps roles, dates and statuses; skips unmapped administrators and missing users, counting them', () => {
    const plan = planOf(districtRecords());
    const role = (id: string) => byId(plan.enrollments, 'source', id).role;
    expect(plan.enrollments.map((e) => e.source)).toEqual(['E4', 'E2', 'E3', 'E1', 'E6', 'E9', 'E7', 'E10']);
    expect([role('E1'), role('E2'), role('E4'), role('E6'), role('E9')]).toEqual([
      'teacher',
      'student',
      'ta',
      'teacher',
      'teacher',
    ]);
    expect(byId(plan.enrollments, 'source', 'E1')).toMatchObject({
      course_id: 'K1',
      section_id: 'K1',
      user_id: 'U-T1',
      status: 'active',
      start_date: '2026-08-15',
      end_date: '2027-01-15',
      options: ['roleMap.teacher=teacher'],
    });
    expect(byId(plan.enrollments, 'source', 'E3').status).toBe('deleted');
    expect(byId(plan.enrollments, 'source', 'E7')).toMatchObject({ start_date: '', end_date: '' });
    expect(plan.skipped).toContainEqual({
      entityType: 'enrollment',
      reason:
        'role administrator: no Canvas role chosen (Mapping options › Enrollments › Canvas role for administrator)',
      count: 1,
      examples: ['E5'],
    });
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({ entityType: 'enrollment', examples: ['E8'] }),
    );
  });

  it('reads every enrollment whatever its values hold: separator characters, classes with only deleted rows', () => {
    const records = districtRecords();
    records.users!.push(fx.user('U-\u001fODD\u001e', 'student', ['SCH-001']));
    records.enrollments!.push(
      fx.enrollment('E-ODD', 'U-\u001fODD\u001e', 'K7', 'SCH-001', 'student'),
      fx.enrollment('E-GONE', 'U-S1', 'K4', 'SCH-001', 'student', { status: 'tobedeleted' }),
    );
    const plan = planOf(records);
    expect(plan.enrollments.map((e) => e.source)).toEqual([
      'E4',
      'E2',
      'E3',
      'E1',
      'E6',
      'E9',
      'E7',
      'E-GONE',
      'E-ODD',
      'E10',
    ]);
    expect(byId(plan.enrollments, 'source', 'E-ODD')).toMatchObject({
      user_id: 'U-\u001fODD\u001e',
      section_id: 'K7',
    });
    expect(byId(plan.enrollments, 'source', 'E-GONE')).toMatchObject({ status: 'deleted', section_id: 'K4' });
  });

  it('follows the role map and the non-primary teacher option', () => {
    const plan = planOf(districtRecords(), {
      roleMap: { administrator: 'Admin Observer', aide: 'designer' },
      nonPrimaryTeacherRole: 'ta',
    });
    expect(byId(plan.enrollments, 'source', 'E5')).toMatchObject({
      role: 'Admin Observer',
      options: ['roleMap.administrator=Admin Observer'],
    });
    expect(byId(plan.enrollments, 'source', 'E4').role).toBe('designer');
    expect(byId(plan.enrollments, 'source', 'E6')).toMatchObject({
      role: 'ta',
      options: ['nonPrimaryTeacherRole=ta'],
    });
    expect(byId(plan.enrollments, 'source', 'E1').role).toBe('teacher');
    const noStudents = planOf(districtRecords(), { roleMap: { student: null } });
    expect(noStudents.enrollments.every((e) => e.role !== 'student')).toBe(true);
  });
});

describe('planner: output', () => {
  it('is byte-identical for the same input, whatever order the records were stored in', () => {
    const records = districtRecords();
    const reversed = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, [...v].reverse()]));
    const a = planOf(records, { observers: true });
    const b = planOf(records, { observers: true });
    const c = planOf(reversed, { observers: true });
    const text = (p: typeof a) => JSON.stringify({ ...p, snapshotId: '' });
    expect(text(a)).toBe(text(b));
    expect(text(c)).toBe(text(a));
  });

  it('re-plans when an option changes, and every row has its CSV columns and provenance', () => {
    const a = planOf(districtRecords());
    const b = planOf(districtRecords(), { courseMode: 'perCourseTermSchool' });
    expect(planCounts(a)).toMatchObject({
      accounts: 3,
      terms: 3,
      courses: 8,
      sections: 8,
      users: 6,
      enrollments: 8,
      user_observers: 0,
    });
    expect(planCounts(b).courses).toBe(4);
    for (const type of CANVAS_TYPES) {
      for (const row of a[type] as unknown as Array<Record<string, unknown>>) {
        for (const col of CANVAS_COLUMNS[type]) expect(typeof row[col]).toBe('string');
        expect(typeof row.source).toBe('string');
        expect(Array.isArray(row.options)).toBe(true);
      }
    }
  });
});
