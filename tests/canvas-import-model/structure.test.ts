import { describe, expect, it } from 'vitest';
import { predictionFindings } from '../../electron/services/canvas-import-model';
import {
  course,
  emptyCanvas,
  enrollment,
  enrollmentRow,
  expectAgreement,
  login,
  outcomeOf,
  run,
  section,
  term,
  userRow,
} from './world';

/** change_sis_id, course/section/enrollment references, batch mode and change_threshold, on predictor and double. */

const courseRow = (course_id: string, term_id: string, over: Record<string, string> = {}) => ({
  course_id,
  short_name: course_id,
  long_name: `Course ${course_id}`,
  account_id: '',
  term_id,
  status: 'active',
  ...over,
});
const sectionRow = (section_id: string, course_id: string, over: Record<string, string> = {}) => ({
  section_id,
  course_id,
  name: `Section ${section_id}`,
  status: 'active',
  ...over,
});
const change = (old_id: string, new_id: string, type: string) => ({
  old_id,
  new_id,
  old_integration_id: '',
  new_integration_id: '',
  type,
});

describe('change_sis_id', () => {
  it('an accepted rename turns the skipped user into an update; a new_id already in use or an old_id that names nothing is rejected', () => {
    const canvas = emptyCanvas();
    canvas.users.push(login('OLD-1', 'ann'), login('OLD-2', 'bea'), login('TAKEN', 'taken'));
    const both = run(canvas, {
      change_sis_id: [
        change('OLD-1', 'NEW-1', 'user'),
        change('OLD-2', 'TAKEN', 'user'),
        change('NOPE', 'NEW-3', 'user'),
      ],
      users: [userRow('NEW-1', 'ann', { last_name: 'OLD-1' }), userRow('NEW-2', 'bea')],
    });
    expect(
      both.prediction.rows.filter((r) => r.kind === 'change_sis_id').map((r) => [r.outcome, r.message]),
    ).toEqual([
      ['update', null],
      [
        'error',
        "A new_id, 'TAKEN', referenced an existing user and the user with sis_user_id 'OLD-2' was not updated",
      ],
      ['error', "An old_id, 'NOPE', referenced a non-existent user and was not changed."],
    ]);
    expect(outcomeOf(both.prediction, 'users', 'NEW-1').outcome).toBe('unchanged');
    expect(outcomeOf(both.prediction, 'users', 'NEW-2')).toMatchObject({
      outcome: 'skip',
      cause: 'login_claimed',
    });
    expect(both.prediction.counts).toMatchObject({ change_sis_ids: 1, users: 1 });
    expectAgreement(both);
  });
});

describe('references and cascades', () => {
  it('sections of skipped courses, enrollments in skipped or unknown sections and courses', () => {
    const canvas = emptyCanvas();
    const t = term('T1');
    canvas.terms.push(t);
    canvas.users.push(login('U1', 'u1'));
    const both = run(canvas, {
      courses: [courseRow('C1', 'T1'), courseRow('BAD', 'T1', { long_name: '' })],
      sections: [sectionRow('S1', 'C1'), sectionRow('SB', 'BAD'), sectionRow('SX', 'NOWHERE')],
      enrollments: [
        enrollmentRow('C1', 'S1', 'U1'),
        enrollmentRow('BAD', 'SB', 'U1'),
        enrollmentRow('C1', 'SX', 'U1'),
        enrollmentRow('', 'GHOST', 'U1'),
        enrollmentRow('C1', 'S1', 'NOBODY'),
        enrollmentRow('C1', 'S1', 'U1', { role: 'Wizard' }),
      ],
    });
    const p = both.prediction;
    expect(outcomeOf(p, 'courses', 'BAD').message).toBe('No long_name given for course BAD');
    expect(outcomeOf(p, 'sections', 'SB')).toMatchObject({
      cause: 'cascade',
      message: "Section SB references course BAD which doesn't exist",
    });
    expect(outcomeOf(p, 'sections', 'SX')).toMatchObject({ cause: 'unknown_course' });
    const enr = p.rows.filter((r) => r.kind === 'enrollments').map((r) => [r.outcome, r.message]);
    expect(enr).toEqual([
      ['create', null],
      [
        'skip',
        'Neither course nor section existed for user enrollment (Course ID: BAD, Section ID: SB, User ID: U1)',
      ],
      ['skip', 'An enrollment referenced a non-existent section SX'],
      [
        'skip',
        'Neither course nor section existed for user enrollment (Course ID: , Section ID: GHOST, User ID: U1)',
      ],
      ['skip', 'User not found for enrollment (User ID: NOBODY, Course ID: C1, Section ID: S1)'],
      ['error', 'Improper role "Wizard" for an enrollment'],
    ]);
    expect(p.counts).toMatchObject({ courses: 1, sections: 1, enrollments: 1, warning_count: 8 });
    expectAgreement(both);
    // Every skipped row is a finding.
    expect(predictionFindings(p).map((f) => f.ruleId)).toEqual(Array(8).fill('CNV-ROW-SKIPPED'));
  });

  it('a parent account missing from Canvas and the file skips the account', () => {
    const both = run(emptyCanvas(), {
      accounts: [
        { account_id: 'A1', parent_account_id: '', name: 'School 1', status: 'active' },
        { account_id: 'A2', parent_account_id: 'NOPE', name: 'School 2', status: 'active' },
      ],
    });
    expect(outcomeOf(both.prediction, 'accounts', 'A2').message).toBe("Parent account didn't exist for A2");
    expectAgreement(both);
  });
});

describe('batch mode', () => {
  function termWithCourses() {
    const canvas = emptyCanvas();
    const t = term('T1');
    canvas.terms.push(t);
    const u = login('U1', 'u1');
    canvas.users.push(u);
    for (const id of ['C1', 'C2', 'C3', 'C4']) {
      const c = course(id, t);
      const s = section(id, c);
      canvas.courses.push(c);
      canvas.sections.push(s);
      canvas.enrollments.push(enrollment(s, u));
    }
    return canvas;
  }
  const batch = (extra: Record<string, string> = {}) => ({
    import_type: 'instructure_csv',
    batch_mode: 'true',
    batch_mode_term_id: 'sis_term_id:T1',
    ...extra,
  });
  const files = {
    courses: [courseRow('C1', 'T1'), courseRow('C2', 'T1'), courseRow('C3', 'T1')],
    sections: [sectionRow('C1', 'C1'), sectionRow('C2', 'C2'), sectionRow('C3', 'C3')],
    enrollments: [
      enrollmentRow('C1', 'C1', 'U1'),
      enrollmentRow('C2', 'C2', 'U1'),
      enrollmentRow('C3', 'C3', 'U1'),
    ],
  };

  it('deletes the SIS courses, sections and enrollments of the term that the import leaves out', () => {
    const both = run(termWithCourses(), files, batch());
    expect(both.prediction.removals.map((r) => `${r.type}:${r.sisId}:${r.action}`)).toEqual([
      'courses:C4:delete',
      'sections:C4:delete',
      'enrollments:C4|C4|U1|student:delete',
    ]);
    expect(both.prediction.counts).toMatchObject({
      batch_courses_deleted: 1,
      batch_sections_deleted: 1,
      batch_enrollments_deleted: 1,
    });
    expect(both.prediction.simulationRows.find((r) => r.type === 'courses')).toMatchObject({
      term: 'T1',
      unchanged: 3,
      delete: 1,
      existing: 4,
    });
    expectAgreement(both);
    expect(both.after.courses.find((c) => c.course_id === 'C4')!.status).toBe('deleted');
  });

  it('concludes the left-out enrollments with drop status completed', () => {
    const both = run(termWithCourses(), files, batch({ batch_mode_enrollment_drop_status: 'completed' }));
    expect(both.prediction.removals.find((r) => r.type === 'enrollments')!.action).toBe('conclude');
    expectAgreement(both);
    expect(both.after.enrollments.at(-1)!.status).toBe('completed');
  });

  it('aborts over change_threshold: rows applied, nothing removed', () => {
    const both = run(termWithCourses(), files, batch({ change_threshold: '10' }));
    expect(both.prediction.abort).toMatchObject({
      message: '1 courses would be deleted and exceeds the set threshold of 10%',
    });
    expect(both.prediction.workflowState).toBe('aborted');
    expect(both.prediction.removals).toEqual([]);
    expectAgreement(both);
    expect(both.after.courses.every((c) => c.status === 'active')).toBe(true);
  });

  it('is refused when the batch term only exists once the import renames it (HTTP 400, nothing applied)', () => {
    const canvas = termWithCourses();
    canvas.terms[0]!.term_id = 'OLD-T1';
    const both = run(canvas, { change_sis_id: [change('OLD-T1', 'T1', 'term')], ...files }, batch());
    expect(both.prediction.refusal).toMatchObject({
      code: 'batch_term_not_found',
      status: 400,
      message: 'Batch mode specified, but the given batch_mode_term_id cannot be found.',
    });
    expect(both.prediction.rows).toEqual([]);
    expect(predictionFindings(both.prediction)).toEqual([
      expect.objectContaining({ ruleId: 'CNV-ROW-SKIPPED', entityType: 'profile' }),
    ]);
  });
});

describe('courses and sections', () => {
  it('restores a deleted course, keeps a crosslisted section where it is when the row names its home course', () => {
    const canvas = emptyCanvas();
    const t = term('T1');
    const home = course('HOME', t);
    const host = course('HOST', t);
    const gone = course('GONE', t, { status: 'deleted' });
    const moved = section('SEC', host, {
      canvas_nonxlist_course_id: home.canvas_course_id,
      nonxlist_course_id: 'HOME',
    });
    canvas.terms.push(t);
    canvas.courses.push(home, host, gone);
    canvas.sections.push(moved);
    const both = run(canvas, {
      courses: [
        courseRow('HOME', 'T1', { long_name: 'Course HOME' }),
        courseRow('GONE', 'T1', { long_name: 'Course GONE' }),
      ],
      sections: [sectionRow('SEC', 'HOME', { name: 'Section SEC' })],
    });
    expect(outcomeOf(both.prediction, 'courses', 'GONE').outcome).toBe('update');
    expect(outcomeOf(both.prediction, 'courses', 'HOME').outcome).toBe('unchanged');
    expect(outcomeOf(both.prediction, 'sections', 'SEC').outcome).toBe('unchanged');
    expectAgreement(both);
    expect(both.after.sections[0]!.course_id).toBe('HOST');
  });
});
