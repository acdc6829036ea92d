import type { MappingOptions } from '../../../../shared/mapping/options';
import type { RuleContext, RuleModule } from '../types';
import {
  compareText,
  plural,
  refsFromJson,
  reportGroups,
  roleList,
  runAll,
  sortedIds,
} from './user-enrollment-sql';

/**
 * Enrollment rules (docs/rules.md "OneRoster data", ENR-*). Only active enrollments count; rules that compare an
 * enrollment with its class only look at active classes (a tobedeleted class takes its enrollments with it).
 * A district has ~10 enrollments per user, so the checks share passes over the covering index of migration 2
 * (enrollments_active_by_class): one for per-row checks, one per class, one for duplicates, one for primaries.
 */
const ACTIVE_ENROLLMENTS = 'enrollments AS e INDEXED BY enrollments_active_by_class';

/** More than one active enrollment for the same user + class + role: one finding per member. */
function duplicate(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `WITH dup AS (
         SELECT e.class_id, e.user_id, e.role FROM ${ACTIVE_ENROLLMENTS}
         WHERE e.snapshot_id = @snapshot AND e.status = 'active' AND e.class_id IS NOT NULL AND e.user_id IS NOT NULL
         GROUP BY e.class_id, e.user_id, e.role HAVING count(*) > 1
       )
       SELECT e.sourced_id AS sourcedId, e.class_id AS classId, e.user_id AS userId, e.role
       FROM dup CROSS JOIN ${ACTIVE_ENROLLMENTS}
         ON e.snapshot_id = @snapshot AND e.class_id = dup.class_id AND e.user_id = dup.user_id
         AND e.role = dup.role AND e.status = 'active'
       ORDER BY e.class_id, e.user_id, e.role, e.sourced_id`,
    )
    .all({ snapshot: ctx.snapshotId }) as Array<{
    sourcedId: string;
    classId: string;
    userId: string;
    role: string;
  }>;
  reportGroups(
    rows,
    (r) => JSON.stringify([r.classId, r.userId, r.role]),
    'enrollment',
    (member, group, related) => {
      ctx.report({
        ruleId: 'ENR-DUPLICATE',
        entityType: 'enrollment',
        sourcedId: member.sourcedId,
        message: `User ${member.userId} has ${plural(group.length, `active ${member.role || 'role-less'} enrollment`)} in class ${member.classId}`,
        detail: { userId: member.userId, classId: member.classId, role: member.role, count: group.length },
        related,
      });
    },
  );
}

/**
 * Enrollment roles that have a Canvas role under the mapping options (null in roleMap = not enrolled). The
 * names are roleMap's fixed keys, never data, so they can be written into SQL as literals.
 */
export function mappedEnrollmentRoles(options: MappingOptions): string[] {
  return Object.entries(options.roleMap)
    .filter(([, target]) => target !== null)
    .map(([role]) => role)
    .sort(compareText);
}

/**
 * "e.role has no Canvas role". Nearly every enrollment is a student's: testing that first skips the IN-list
 * lookup for them, which makes the scan markedly cheaper.
 */
function unmappedSql(mapped: readonly string[]): string {
  const notIn = `e.role NOT IN (${roleList(mapped)})`;
  return mapped.includes('student') ? `(e.role <> 'student' AND ${notIn})` : notIn;
}

/**
 * One pass for the checks that need only the enrollment itself:
 * - ENR-NO-DATES: no beginDate or no endDate (Instructure requires both; an unreadable date counts as none);
 * - ENR-ROLE-UNMAPPED: a role with no Canvas role under the current mapping — administrator by default, and
 *   always parent/guardian/relative (observers come from users' agents, never from enrollments) or unknown roles.
 */
function rowChecks(ctx: RuleContext): void {
  const mapped = mappedEnrollmentRoles(ctx.options);
  const rows = ctx.db
    .prepare(
      `SELECT e.sourced_id, e.role, e.user_id, e.class_id, e.begin_date, e.end_date
       FROM ${ACTIVE_ENROLLMENTS}
       WHERE e.snapshot_id = @snapshot AND e.status = 'active'
         AND (e.begin_date IS NULL OR e.end_date IS NULL OR ${unmappedSql(mapped)})
       ORDER BY e.sourced_id`,
    )
    .all({ snapshot: ctx.snapshotId }) as Array<{
    sourced_id: string;
    role: string;
    user_id: string | null;
    class_id: string | null;
    begin_date: string | null;
    end_date: string | null;
  }>;
  for (const r of rows) {
    const missing = [
      r.begin_date === null ? 'beginDate' : null,
      r.end_date === null ? 'endDate' : null,
    ].filter((f): f is string => f !== null);
    if (missing.length > 0) {
      ctx.report({
        ruleId: 'ENR-NO-DATES',
        entityType: 'enrollment',
        sourcedId: r.sourced_id,
        message: `Enrollment ${r.sourced_id} has no ${missing.join(' and no ')}`,
        detail: { missing, beginDate: r.begin_date, endDate: r.end_date },
      });
    }
    if (!mapped.includes(r.role)) {
      ctx.report({
        ruleId: 'ENR-ROLE-UNMAPPED',
        entityType: 'enrollment',
        sourcedId: r.sourced_id,
        message:
          r.role === ''
            ? `Enrollment ${r.sourced_id} has no role, so it has no Canvas role and is not sent`
            : `Enrollment ${r.sourced_id} has role ${r.role}, which has no Canvas role under the current mapping; it is not sent`,
        detail: { role: r.role, userId: r.user_id, classId: r.class_id, mappedRoles: mapped },
      });
    }
  }
}

/**
 * One pass per active class over its active enrollments:
 * - ENR-OUTSIDE-TERM: a date outside the class's term. For a class in several sessions the term is the span they
 *   cover together — the containing session when they nest; a full-year class listed in both semesters spans
 *   both. Sessions without valid dates are TERM-DATES-INVALID's business and are left out;
 * - ENR-SCHOOL-MISMATCH: enrollment.school differs from class.school.
 */
function classChecks(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `WITH span AS MATERIALIZED (
         SELECT ct.class_id, min(s.start_date) AS start, max(s.end_date) AS end,
                json_group_array(s.sourced_id) AS terms
         FROM class_terms ct
         JOIN academic_sessions s ON s.snapshot_id = ct.snapshot_id AND s.sourced_id = ct.term_id
         WHERE ct.snapshot_id = @snapshot AND s.start_date IS NOT NULL AND s.end_date IS NOT NULL
         GROUP BY ct.class_id
       )
       SELECT e.sourced_id, e.class_id, e.school_id, c.school_id AS class_school, e.begin_date, e.end_date,
              span.start, span.end, span.terms
       FROM classes AS c INDEXED BY classes_active
       LEFT JOIN span ON span.class_id = c.sourced_id
       CROSS JOIN ${ACTIVE_ENROLLMENTS}
         ON e.snapshot_id = c.snapshot_id AND e.class_id = c.sourced_id AND e.status = 'active'
       WHERE c.snapshot_id = @snapshot AND c.status = 'active'
         -- NULL on either side compares as unknown, i.e. no finding: missing values are other rules' business.
         AND (e.school_id <> c.school_id OR e.begin_date < span.start OR e.begin_date > span.end
           OR e.end_date > span.end OR e.end_date < span.start)
       ORDER BY e.sourced_id`,
    )
    .all({ snapshot: ctx.snapshotId }) as Array<{
    sourced_id: string;
    class_id: string;
    school_id: string | null;
    class_school: string | null;
    begin_date: string | null;
    end_date: string | null;
    start: string | null;
    end: string | null;
    terms: string | null;
  }>;
  for (const r of rows) {
    if (r.school_id !== null && r.class_school !== null && r.school_id !== r.class_school) {
      ctx.report({
        ruleId: 'ENR-SCHOOL-MISMATCH',
        entityType: 'enrollment',
        sourcedId: r.sourced_id,
        message: `Enrollment ${r.sourced_id} names school ${r.school_id}, but class ${r.class_id} belongs to school ${r.class_school}`,
        detail: { schoolId: r.school_id, classId: r.class_id, classSchoolId: r.class_school },
        related: [{ entityType: 'class', sourcedId: r.class_id }],
      });
    }
    if (r.start !== null && r.end !== null && r.terms !== null && outside(r, r.start, r.end)) {
      ctx.report({
        ruleId: 'ENR-OUTSIDE-TERM',
        entityType: 'enrollment',
        sourcedId: r.sourced_id,
        message:
          `Enrollment ${r.sourced_id} runs ${r.begin_date ?? '(no begin date)'} to ${r.end_date ?? '(no end date)'}, ` +
          `outside the term of class ${r.class_id} (${r.start} to ${r.end})`,
        detail: {
          classId: r.class_id,
          beginDate: r.begin_date,
          endDate: r.end_date,
          termStart: r.start,
          termEnd: r.end,
          termIds: sortedIds(r.terms),
        },
        related: [{ entityType: 'class', sourcedId: r.class_id }],
      });
    }
  }
}

/** YYYY-MM-DD strings compare as dates. */
function outside(
  r: { begin_date: string | null; end_date: string | null },
  start: string,
  end: string,
): boolean {
  const out = (d: string | null) => d !== null && (d < start || d > end);
  return out(r.begin_date) || out(r.end_date);
}

/** Active classes with primary=true active teacher enrollments for more than one user. */
function multiPrimary(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT g.class_id, g.enrollments, g.teachers FROM (
         SELECT e.class_id, json_group_array(e.sourced_id) AS enrollments,
                json_group_array(DISTINCT e.user_id) AS teachers
         FROM ${ACTIVE_ENROLLMENTS}
         WHERE e.snapshot_id = @snapshot AND e.status = 'active' AND e.role = 'teacher' AND e.is_primary = 1
           AND e.class_id IS NOT NULL AND e.user_id IS NOT NULL
         GROUP BY e.class_id HAVING count(DISTINCT e.user_id) > 1
       ) g
       JOIN classes AS c INDEXED BY classes_active
         ON c.snapshot_id = @snapshot AND c.sourced_id = g.class_id AND c.status = 'active'
       ORDER BY g.class_id`,
    )
    .all({ snapshot: ctx.snapshotId }) as Array<{ class_id: string; enrollments: string; teachers: string }>;
  for (const r of rows) {
    const teachers = sortedIds(r.teachers);
    ctx.report({
      ruleId: 'ENR-MULTI-PRIMARY',
      entityType: 'class',
      sourcedId: r.class_id,
      message: `Class ${r.class_id} has ${teachers.length} primary teachers: ${teachers.join(', ')}`,
      detail: { teachers, enrollments: sortedIds(r.enrollments) },
      related: refsFromJson(r.enrollments, 'enrollment'),
    });
  }
}

const RULES = [duplicate, rowChecks, classChecks, multiPrimary] as const;

export const enrollmentRules: RuleModule = {
  name: 'enrollments',
  ruleIds: [
    'ENR-DUPLICATE',
    'ENR-NO-DATES',
    'ENR-OUTSIDE-TERM',
    'ENR-ROLE-UNMAPPED',
    'ENR-SCHOOL-MISMATCH',
    'ENR-MULTI-PRIMARY',
  ],
  run: (ctx) => runAll(ctx, RULES),
};
