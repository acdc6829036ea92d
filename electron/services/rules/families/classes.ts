import type { RuleContext, RuleModule } from '../types';
import { LIST_CAP, iterate, plural, showId, span } from './sql';
import { classTermChoices, loadClassTerms } from './class-terms';
import { loadSessions } from './terms';

/** Class rules: its term(s), its teacher and students, and its school against its course's school. */
export const classRules: RuleModule = {
  name: 'classes',
  ruleIds: [
    'CLASS-NO-TERM',
    'CLASS-MULTI-TERM',
    'CLASS-NO-TEACHER',
    'CLASS-NO-STUDENT',
    'CLASS-SCHOOL-MISMATCH',
  ],
  run(ctx) {
    noTerm(ctx);
    multiTerm(ctx);
    teachersAndStudents(ctx);
    schoolMismatch(ctx);
  },
};

/** CLASS-NO-TERM: an empty terms list. Terms that point nowhere are OR-REF-MISSING instead. */
function noTerm(ctx: RuleContext): void {
  for (const c of loadClassTerms(ctx.db, ctx.snapshotId)) {
    if (!c.active || c.termIds.length > 0) continue;
    ctx.report({
      ruleId: 'CLASS-NO-TERM',
      entityType: 'class',
      sourcedId: c.id,
      message: `Class ${showId(c.id)}${c.title ? ` "${c.title}"` : ''} has no terms; its Canvas course would land in the Default Term`,
      detail: { title: c.title, schoolId: c.schoolId },
    });
  }
}

// --------------------------------------------------------------------------------------- CLASS-MULTI-TERM

/**
 * CLASS-MULTI-TERM: several sessions (present in the feed) of which none contains the others, so the planner
 * falls back to the longest (shared/plan/term-choice — the same choice the plan makes).
 */
function multiTerm(ctx: RuleContext): void {
  const sessions = loadSessions(ctx.db, ctx.snapshotId);
  for (const c of classTermChoices(ctx.db, ctx.snapshotId, sessions)) {
    if (c.reason !== 'longest') continue;
    const terms = c.candidates.map((id) => sessions.get(id)!);
    ctx.report({
      ruleId: 'CLASS-MULTI-TERM',
      entityType: 'class',
      sourcedId: c.classId,
      message: `Class ${showId(c.classId)} is in ${terms.length} terms that do not nest (${terms
        .slice(0, 3)
        .map((t) => `${showId(t.id)} ${span(t.startDate, t.endDate)}`)
        .join(
          ', ',
        )}${terms.length > 3 ? ', …' : ''}); its Canvas course gets one term: ${showId(c.chosen)}, the longest`,
      detail: {
        termIds: c.candidates,
        terms: terms
          .slice(0, LIST_CAP)
          .map((t) => ({ sourcedId: t.id, title: t.title, startDate: t.startDate, endDate: t.endDate })),
        chosenTermId: c.chosen,
      },
      related: c.candidates
        .slice(0, LIST_CAP)
        .map((sourcedId) => ({ entityType: 'academicSession' as const, sourcedId })),
    });
  }
}

// ------------------------------------------------------------------------- CLASS-NO-TEACHER / NO-STUDENT

/**
 * Classes without an active teacher or student: two EXISTS probes per class on the covering partial index of
 * active enrollments by class (a student probe stops at the first hit), then counts for the reported ones only.
 */
function teachersAndStudents(ctx: RuleContext): void {
  const has = (role: string) =>
    `EXISTS (SELECT 1 FROM enrollments e WHERE e.snapshot_id = @s AND e.class_id = c.sourced_id
               AND e.status = 'active' AND e.role = '${role}')`;
  const count = (role: string, status: string) =>
    `(SELECT COUNT(*) FROM enrollments e WHERE e.snapshot_id = @s AND e.class_id = c.sourced_id
        AND e.role = '${role}' AND e.status ${status})`;
  const rows = iterate<{
    sourced_id: string;
    title: string | null;
    teachers: number;
    dropped_teachers: number;
    students: number;
  }>(
    ctx.db,
    `WITH lacking AS MATERIALIZED (
       SELECT c.sourced_id AS id FROM classes c
       WHERE c.snapshot_id = @s AND (NOT ${has('teacher')} OR NOT ${has('student')}))
     SELECT c.sourced_id, c.title, ${count('teacher', "= 'active'")} AS teachers,
            ${count('student', "= 'active'")} AS students, ${count('teacher', "<> 'active'")} AS dropped_teachers
     FROM lacking l CROSS JOIN classes c ON c.snapshot_id = @s AND c.sourced_id = l.id
     WHERE c.status = 'active' ORDER BY c.sourced_id`,
    { s: ctx.snapshotId },
  );
  for (const r of rows) {
    const name = `Class ${showId(r.sourced_id)}${r.title ? ` "${r.title}"` : ''}`;
    const detail = {
      title: r.title,
      activeTeachers: r.teachers,
      tobedeletedTeachers: r.dropped_teachers,
      activeStudents: r.students,
    };
    if (r.teachers === 0) {
      ctx.report({
        ruleId: 'CLASS-NO-TEACHER',
        entityType: 'class',
        sourcedId: r.sourced_id,
        message: `${name} has no active teacher enrollment${
          r.dropped_teachers > 0
            ? ` (${plural(r.dropped_teachers, 'teacher enrollment')} marked tobedeleted)`
            : ''
        }${r.students > 0 ? `; ${plural(r.students, 'student')} would have no teacher in Canvas` : ''}`,
        detail,
      });
    }
    if (r.students === 0) {
      ctx.report({
        ruleId: 'CLASS-NO-STUDENT',
        entityType: 'class',
        sourcedId: r.sourced_id,
        message: `${name} has no active student enrollments`,
        detail,
      });
    }
  }
}

// ---------------------------------------------------------------------------------- CLASS-SCHOOL-MISMATCH

function schoolMismatch(ctx: RuleContext): void {
  const rows = iterate<{ sourced_id: string; school_id: string | null; course_id: string; org_id: string }>(
    ctx.db,
    `SELECT c.sourced_id, c.school_id, co.sourced_id AS course_id, co.org_id
     FROM classes c
     JOIN courses co ON co.snapshot_id = @s AND co.sourced_id = c.course_id
     JOIN orgs o ON o.snapshot_id = @s AND o.sourced_id = co.org_id
     WHERE c.snapshot_id = @s AND c.status = 'active' AND o.type = 'school' AND c.school_id IS NOT co.org_id
     ORDER BY c.sourced_id`,
    { s: ctx.snapshotId },
  );
  for (const r of rows) {
    ctx.report({
      ruleId: 'CLASS-SCHOOL-MISMATCH',
      entityType: 'class',
      sourcedId: r.sourced_id,
      message: `Class ${showId(r.sourced_id)} belongs to school ${r.school_id === null ? '(none)' : showId(r.school_id)}, but its course ${showId(r.course_id)} belongs to school ${showId(r.org_id)}`,
      detail: { schoolId: r.school_id, courseId: r.course_id, courseOrgId: r.org_id },
      related: [
        { entityType: 'course', sourcedId: r.course_id },
        { entityType: 'org', sourcedId: r.org_id },
      ],
    });
  }
}
