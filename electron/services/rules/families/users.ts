import { OBSERVER_ROLES } from '../../../../shared/plan/roles';
import { pluralise } from '../../../../shared/text/vocabulary';
import type { RuleContext, RuleModule } from '../types';
import {
  ROLE_GROUPS,
  compareText,
  foldedSql,
  plural,
  refsFromJson,
  reportGroups,
  roleList,
  runAll,
  trimmedSql,
} from './user-enrollment-sql';

/**
 * User rules (docs/rules.md "OneRoster data", USER-*). Only active users count (tobedeleted ones become deletions),
 * except USER-PASSWORD-PRESENT: a password in the feed is a problem whatever the record's status. Usernames and
 * emails are compared trimmed and case-insensitively, as Canvas compares login ids. The queries read the
 * covering indexes of migration 2 (users_active_by_role, enrollments_active_by_user), never the rows' raw JSON.
 */

/** Active users, read from their covering index. */
const activeUsers = (alias = 'users') => `users AS ${alias} INDEXED BY users_active_by_role`;

/**
 * Active users whose username is missing or blank: Canvas gets no login id. Parents, guardians and relatives are
 * not sent while observers are off (plan/users.ts), so only the others are users.csv rows Canvas would reject —
 * each finding says which it is and how the rule's count splits, so it reads against the conversion's count.
 */
function noUsername(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, username FROM ${activeUsers()}
       WHERE snapshot_id = ? AND status = 'active' AND (username IS NULL OR ${trimmedSql('username')} = '')
       ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; username: string | null }>;
  const notSent = (role: string): boolean => !ctx.options.observers && OBSERVER_ROLES.has(role);
  const unsent = rows.filter((r) => notSent(r.role)).length;
  const split = `${pluralise(rows.length - unsent, 'users.csv row')} Canvas would reject + ${pluralise(unsent, 'parent')} not sent`;
  for (const r of rows) {
    const what = r.username === null ? 'has no username' : 'has a blank username';
    const skipped = notSent(r.role);
    ctx.report({
      ruleId: 'USER-NO-USERNAME',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: skipped
        ? `User ${r.sourced_id} (${r.role}) ${what}; not sent to Canvas while observers are off, so nothing is rejected`
        : `User ${r.sourced_id} (${r.role || 'no role'}) ${what}, so Canvas gets no login id`,
      detail: {
        role: r.role,
        blank: r.username !== null,
        inTheImport: skipped ? 'not sent (observers are off)' : 'users.csv row Canvas would reject',
        ruleCount: split,
      },
    });
  }
}

/** Characters Canvas's login rule refuses (not printable): C0/C1 controls, DEL, line and paragraph separators. */
const NON_PRINTABLE_GLOB = '*[\u0001-\u001f\u007f-\u009f\u2028\u2029]*';
const NON_PRINTABLE = /[\p{Cc}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;
const LOGIN_MAX = 100;

/**
 * Active users whose username Canvas cannot take as a login_id: over 100 characters or with a non-printable
 * character (Canvas accepts 1–100 printable characters; short usernames are fine). The username is the value
 * sent, untrimmed.
 */
function badUsername(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, username FROM ${activeUsers()}
       WHERE snapshot_id = ? AND status = 'active' AND username IS NOT NULL AND ${trimmedSql('username')} <> ''
         AND (length(username) > ${LOGIN_MAX} OR username GLOB ?)
       ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId, NON_PRINTABLE_GLOB) as Array<{ sourced_id: string; role: string; username: string }>;
  for (const r of rows) {
    const length = [...r.username].length;
    const tooLong = length > LOGIN_MAX;
    if (!tooLong && !NON_PRINTABLE.test(r.username)) continue;
    ctx.report({
      ruleId: 'USER-BAD-USERNAME',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: tooLong
        ? `Username of user ${r.sourced_id} has ${plural(length, 'character')}; Canvas accepts at most ${LOGIN_MAX}, so it skips the user`
        : `Username of user ${r.sourced_id} contains a non-printable character; Canvas rejects it as a login_id and skips the user`,
      detail: { username: r.username, length, role: r.role, reason: tooLong ? 'too_long' : 'non_printable' },
    });
  }
}

/**
 * USER-DUP-USERNAME and USER-DUP-EMAIL: active users sharing a value (trimmed, case-insensitive). One finding
 * per member, each pointing at the others. Two passes over the covering index: the shared keys (one sort of the
 * keys), then their holders.
 */
function duplicateValue(column: 'username' | 'email', ruleId: string, label: string) {
  return (ctx: RuleContext): void => {
    const key = foldedSql(column);
    const keys = ctx.db
      .prepare(
        `SELECT json_group_array(key) FROM (
           SELECT ${key} AS key FROM ${activeUsers()}
           WHERE snapshot_id = ? AND status = 'active' AND ${column} IS NOT NULL
           GROUP BY key HAVING count(*) > 1 AND key <> ''
         )`,
      )
      .pluck()
      .get(ctx.snapshotId) as string;
    if (keys === '[]') return;
    const rows = ctx.db
      .prepare(
        `SELECT sourced_id AS sourcedId, ${column} AS value, ${key} AS key FROM ${activeUsers()}
         WHERE snapshot_id = ? AND status = 'active' AND ${column} IS NOT NULL
           AND ${key} IN (SELECT value FROM json_each(?))
         ORDER BY key, sourced_id`,
      )
      .all(ctx.snapshotId, keys) as Array<{ sourcedId: string; value: string; key: string }>;
    for (const r of rows) r.value = r.value.trim();
    reportGroups(
      rows,
      (r) => r.key,
      'user',
      (member, group, related) => {
        const spellings = [...new Set(group.map((m) => m.value))].sort(compareText);
        ctx.report({
          ruleId,
          entityType: 'user',
          sourcedId: member.sourcedId,
          message:
            `${label} ${member.value} is used by ${plural(group.length, 'active user')}` +
            (spellings.length > 1 ? ` (compared case-insensitively: ${spellings.join(', ')})` : ''),
          detail: { [column]: member.value, count: group.length, spellings },
          related,
        });
      },
    );
  };
}

/** Active students and teachers without an email address. */
function noEmail(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role FROM ${activeUsers()}
       WHERE snapshot_id = ? AND status = 'active' AND role IN ('student', 'teacher')
         AND (email IS NULL OR ${trimmedSql('email')} = '')
       ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-NO-EMAIL',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `${r.role === 'student' ? 'Student' : 'Teacher'} ${r.sourced_id} has no email address`,
      detail: { role: r.role },
    });
  }
}

/** Active users whose orgs list is empty (the user_orgs link table has no row for them). */
function noOrg(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT u.sourced_id, u.role FROM ${activeUsers('u')}
       WHERE u.snapshot_id = ? AND u.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM user_orgs o WHERE o.snapshot_id = u.snapshot_id AND o.user_id = u.sourced_id)
       ORDER BY u.sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-NO-ORG',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `User ${r.sourced_id} (${r.role || 'no role'}) belongs to no school or district`,
      detail: { role: r.role },
    });
  }
}

/** Active students without an active enrollment (info: often intended, e.g. new arrivals). */
function noEnrollment(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT u.sourced_id,
              (SELECT count(*) FROM enrollments e WHERE e.snapshot_id = u.snapshot_id AND e.user_id = u.sourced_id) AS inactive
       FROM ${activeUsers('u')}
       WHERE u.snapshot_id = ? AND u.status = 'active' AND u.role = 'student'
         AND NOT EXISTS (SELECT 1 FROM enrollments e INDEXED BY enrollments_active_by_user
                         WHERE e.snapshot_id = u.snapshot_id AND e.user_id = u.sourced_id AND e.status = 'active')
       ORDER BY u.sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; inactive: number }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-NO-ENROLLMENT',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message:
        r.inactive > 0
          ? `Student ${r.sourced_id} has no active enrollment (${plural(r.inactive, 'enrollment')} marked tobedeleted)`
          : `Student ${r.sourced_id} has no active enrollment`,
      detail: { tobedeletedEnrollments: r.inactive },
    });
  }
}

/** Active users with enabledUser=false who still hold active enrollments. */
function disabledEnrolled(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT u.sourced_id, u.role, count(*) AS n, json_group_array(e.sourced_id) AS enrollments
       FROM ${activeUsers('u')}
       CROSS JOIN enrollments e INDEXED BY enrollments_active_by_user
         ON e.snapshot_id = u.snapshot_id AND e.user_id = u.sourced_id AND e.status = 'active'
       WHERE u.snapshot_id = ? AND u.status = 'active' AND u.enabled_user = 0
       GROUP BY u.sourced_id ORDER BY u.sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; n: number; enrollments: string }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-DISABLED-ENROLLED',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `User ${r.sourced_id} is disabled (enabledUser=false) but has ${plural(r.n, 'active enrollment')}`,
      detail: { role: r.role, activeEnrollments: r.n },
      related: refsFromJson(r.enrollments, 'enrollment'),
    });
  }
}

/** Users whose record carried a password. The store keeps only the flag; the password is never read or shown. */
function passwordPresent(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, status FROM users INDEXED BY users_with_password
       WHERE snapshot_id = ? AND has_password = 1 ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; status: string }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-PASSWORD-PRESENT',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `The feed sends a password for user ${r.sourced_id} (not stored, not shown)`,
      detail: { role: r.role, status: r.status },
    });
  }
}

/**
 * Active users with active enrollments whose role is on the other side of the school (ROLE_GROUPS): one finding
 * per user, naming the contradicting enrollments. Unknown roles are OR-SCHEMA's business. One branch per group,
 * so each enrollment is tested against constant lists instead of classifying both roles row by row; the cheap
 * "not the user's own group" test comes first (for a student, one comparison), and the unary `+` keeps SQLite
 * from turning the lists into one index seek per role (a user has only a few enrollments).
 */
function roleMismatch(ctx: RuleContext): void {
  const known = Object.values(ROLE_GROUPS).flat();
  const branches = Object.values(ROLE_GROUPS).map(
    (group) =>
      `SELECT u.sourced_id, u.role, e.sourced_id AS enrollment, e.role AS enrollment_role
       FROM ${activeUsers('u')}
       CROSS JOIN enrollments e INDEXED BY enrollments_active_by_user
         ON e.snapshot_id = u.snapshot_id AND e.user_id = u.sourced_id AND e.status = 'active'
       WHERE u.snapshot_id = @snapshot AND u.status = 'active' AND u.role IN (${roleList(group)})
         AND +e.role NOT IN (${roleList(group)}) AND +e.role IN (${roleList(known.filter((r) => !group.includes(r)))})`,
  );
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, json_group_array(enrollment) AS enrollments,
              json_group_array(enrollment_role) AS roles, count(*) AS n
       FROM (${branches.join(' UNION ALL ')})
       GROUP BY sourced_id ORDER BY sourced_id`,
    )
    .all({ snapshot: ctx.snapshotId }) as Array<{
    sourced_id: string;
    role: string;
    enrollments: string;
    roles: string;
    n: number;
  }>;
  for (const r of rows) {
    const roles = [...new Set(JSON.parse(r.roles) as string[])].sort(compareText);
    ctx.report({
      ruleId: 'USER-ROLE-MISMATCH',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `User ${r.sourced_id} is a ${r.role} but has ${plural(r.n, 'active enrollment')} as ${roles.join('/')}`,
      detail: { userRole: r.role, enrollmentRoles: roles, count: r.n },
      related: refsFromJson(r.enrollments, 'enrollment'),
    });
  }
}

const RULES = [
  noUsername,
  duplicateValue('username', 'USER-DUP-USERNAME', 'Username'),
  badUsername,
  noEmail,
  duplicateValue('email', 'USER-DUP-EMAIL', 'Email'),
  noOrg,
  noEnrollment,
  disabledEnrolled,
  passwordPresent,
  roleMismatch,
] as const;

export const userRules: RuleModule = {
  name: 'users',
  ruleIds: [
    'USER-NO-USERNAME',
    'USER-DUP-USERNAME',
    'USER-BAD-USERNAME',
    'USER-NO-EMAIL',
    'USER-DUP-EMAIL',
    'USER-NO-ORG',
    'USER-NO-ENROLLMENT',
    'USER-DISABLED-ENROLLED',
    'USER-PASSWORD-PRESENT',
    'USER-ROLE-MISMATCH',
  ],
  run: (ctx) => runAll(ctx, RULES),
};
