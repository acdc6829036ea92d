import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { byId, cleanDistrict, districtWith, evaluate, ids, only, orgRef, sessionRef } from './helpers';

describe('CLASS-NO-TERM', () => {
  it('reports an active class with an empty terms list', () => {
    const d = districtWith((x) => {
      byId(x.classes, 'CLS-SCH-A-FALL').terms = [];
      // tobedeleted classes become deletions: not reported.
      Object.assign(byId(x.classes, 'CLS-SCH-B-FALL'), { terms: [], status: 'tobedeleted' });
    });
    const found = only(evaluate({ ...d }), 'CLASS-NO-TERM');
    expect(ids(found)).toEqual(['class:CLS-SCH-A-FALL']);
    expect(found[0]).toMatchObject({
      severity: 'blocker',
      message:
        'Class CLS-SCH-A-FALL "Class CLS-SCH-A-FALL" has no terms; its Canvas course would land in the Default Term',
      detail: { schoolId: 'SCH-A' },
    });
  });

  it('is silent when every class has a term', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'CLASS-NO-TERM')).toEqual([]);
  });
});

describe('CLASS-MULTI-TERM', () => {
  it('reports a class in two sessions that do not nest, naming the term the plan picks', () => {
    const d = districtWith((x) => {
      byId(x.classes, 'CLS-SCH-A-FALL').terms = [sessionRef('FALL'), sessionRef('SPRING')];
    });
    const found = only(evaluate({ ...d }), 'CLASS-MULTI-TERM');
    expect(ids(found)).toEqual(['class:CLS-SCH-A-FALL']);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      message:
        'Class CLS-SCH-A-FALL is in 2 terms that do not nest (FALL 2026-08-17 – 2026-12-18, SPRING 2027-01-05 – 2027-06-11); its Canvas course gets one term: SPRING, the longest',
      detail: { termIds: ['FALL', 'SPRING'], chosenTermId: 'SPRING' },
      related: [
        { entityType: 'academicSession', sourcedId: 'FALL' },
        { entityType: 'academicSession', sourcedId: 'SPRING' },
      ],
    });
  });

  it('is silent when one session contains the others, or a grading period stands for its own term', () => {
    const d = districtWith((x) => {
      x.academicSessions.push(
        fx.session('GP-Q1', {
          type: 'gradingPeriod',
          startDate: '2026-08-17',
          endDate: '2026-10-16',
          parent: sessionRef('FALL'),
        }),
      );
      byId(x.classes, 'CLS-SCH-A-FALL').terms = [sessionRef('SY-2027'), sessionRef('FALL')];
      byId(x.classes, 'CLS-SCH-B-FALL').terms = [sessionRef('FALL'), sessionRef('GP-Q1')];
    });
    expect(only(evaluate({ ...d }), 'CLASS-MULTI-TERM')).toEqual([]);
  });
});

describe('CLASS-NO-TEACHER and CLASS-NO-STUDENT', () => {
  it('reports an active class whose only teacher enrollment is tobedeleted, and one without students', () => {
    const d = districtWith((x) => {
      byId(x.enrollments, 'ENR-CLS-SCH-A-FALL-T').status = 'tobedeleted';
      x.enrollments = x.enrollments.filter((e) => e.sourcedId !== 'ENR-CLS-SCH-B-SPRING-S');
    });
    const found = evaluate({ ...d });
    expect(ids(only(found, 'CLASS-NO-TEACHER'))).toEqual(['class:CLS-SCH-A-FALL']);
    expect(only(found, 'CLASS-NO-TEACHER')[0]).toMatchObject({
      severity: 'warning',
      message:
        'Class CLS-SCH-A-FALL "Class CLS-SCH-A-FALL" has no active teacher enrollment (1 teacher enrollment marked tobedeleted); 1 student would have no teacher in Canvas',
      detail: { activeTeachers: 0, tobedeletedTeachers: 1, activeStudents: 1 },
    });
    expect(ids(only(found, 'CLASS-NO-STUDENT'))).toEqual(['class:CLS-SCH-B-SPRING']);
    expect(only(found, 'CLASS-NO-STUDENT')[0]).toMatchObject({
      severity: 'info',
      detail: { activeTeachers: 1, activeStudents: 0 },
    });
  });

  it('is silent when every class has a teacher and a student', () => {
    const found = evaluate({ ...cleanDistrict() });
    expect([...only(found, 'CLASS-NO-TEACHER'), ...only(found, 'CLASS-NO-STUDENT')]).toEqual([]);
  });
});

describe('CLASS-SCHOOL-MISMATCH', () => {
  it("reports a class whose school differs from its course's school", () => {
    const d = districtWith((x) => {
      byId(x.classes, 'CLS-SCH-B-SPRING').school = orgRef('SCH-A');
    });
    const found = only(evaluate({ ...d }), 'CLASS-SCHOOL-MISMATCH');
    expect(ids(found)).toEqual(['class:CLS-SCH-B-SPRING']);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      message:
        'Class CLS-SCH-B-SPRING belongs to school SCH-A, but its course CRS-SCH-B belongs to school SCH-B',
      detail: { schoolId: 'SCH-A', courseId: 'CRS-SCH-B', courseOrgId: 'SCH-B' },
    });
  });

  it('is silent when the course belongs to the district (a district-wide catalog)', () => {
    const d = districtWith((x) => {
      byId(x.courses, 'CRS-SCH-A').org = orgRef('DIST');
    });
    expect(only(evaluate({ ...d }), 'CLASS-SCHOOL-MISMATCH')).toEqual([]);
  });
});

describe('COURSE-NO-CLASS', () => {
  it('reports an active course no active class uses', () => {
    const d = districtWith((x) => {
      x.courses.push(fx.course('CRS-UNUSED', 'SCH-A', { title: 'Latin' }));
      byId(x.classes, 'CLS-SCH-B-FALL').status = 'tobedeleted';
      byId(x.classes, 'CLS-SCH-B-SPRING').status = 'tobedeleted';
    });
    const found = only(evaluate({ ...d }), 'COURSE-NO-CLASS');
    expect(ids(found)).toEqual(['course:CRS-SCH-B', 'course:CRS-UNUSED']);
    expect(found[0]).toMatchObject({
      severity: 'info',
      message:
        'Course CRS-SCH-B "Course CRS-SCH-B" has no active classes (2 marked tobedeleted); nothing is created for it in Canvas',
      detail: { tobedeletedClasses: 2 },
    });
    expect(found[1]!.message).toBe(
      'Course CRS-UNUSED "Latin" has no classes; nothing is created for it in Canvas',
    );
  });

  it('is silent when every course has a class', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'COURSE-NO-CLASS')).toEqual([]);
  });
});
