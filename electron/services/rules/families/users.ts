import type { RuleContext, RuleModule } from '../types';
import {
  ROLE_GROUP_SQL,
  compareText,
  plural,
  refsFromJson,
  reportGroups,
  runAll,
} from './family-b-sql';

/**
 * User rules (rules.md "OneRoster data", USER-*). Only active users count (tobedeleted ones become deletions),
 * except USER-PASSWORD-PRESENT: a password in the feed is a problem whatever the record's status. Usernames and
 * emails are compared trimmed and case-insensitively, as Canvas compares login ids.
 */

/** Active users whose username is missing or blank: Canvas gets no login_id. */
function noUsername(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, username FROM users
       WHERE snapshot_id = ? AND status = 'active' AND (username IS NULL OR preflight_trim(username) = '')
       ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; username: string | null }>;
  for (const r of rows) {
    ctx.report({
      ruleId: 'USER-NO-USERNAME',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message:
        r.username === null
          ? `User ${r.sourced_id} (${r.role || 'no role'}) has no username, so Canvas gets no login id`
          : `User ${r.sourced_id} (${r.role || 'no role'}) has a blank username, so Canvas gets no login id`,
      detail: { role: r.role, blank: r.username !== null },
    });
  }
}

/** Active users with a trimmed username of 1–2 characters (Canvas: "unique_id is too short"). */
function shortUsername(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT sourced_id, role, preflight_trim(username) AS username FROM users
       WHERE snapshot_id = ? AND status = 'active' AND username IS NOT NULL
         AND length(preflight_trim(username)) BETWEEN 1 AND 2
       ORDER BY sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; username: string }>;
  for (const r of rows) {
    const length = [...r.username].length;
    ctx.report({
      ruleId: 'USER-SHORT-USERNAME',
      entityType: 'user',
      sourcedId: r.sourced_id,
      message: `Username ${r.username} of user ${r.sourced_id} has ${plural(length, 'character')}; Canvas needs at least 3`,
      detail: { username: r.username, length, role: r.role },
    });
  }
}

/**
 * USER-DUP-USERNAME and USER-DUP-EMAIL: active users sharing a value (trimmed, case-insensitive). One finding
 * per member, each pointing at the others.
 */
function duplicateValue(column: 'username' | 'email', ruleId: string, label: string) {
  return (ctx: RuleContext): void => {
    const rows = ctx.db
      .prepare(
        `SELECT sourced_id AS sourcedId, value, key, n FROM (
           SELECT sourced_id, preflight_trim(${column}) AS value, preflight_fold(${column}) AS key,
                  count(*) OVER (PARTITION BY preflight_fold(${column})) AS n
           FROM users WHERE snapshot_id = ? AND status = 'active' AND ${column} IS NOT NULL
         ) WHERE n > 1 AND key <> ''
         ORDER BY key, sourced_id`,
      )
      .all(ctx.snapshotId) as Array<{ sourcedId: string; value: string; key: string; n: number }>;
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
      `SELECT sourced_id, role FROM users
       WHERE snapshot_id = ? AND status = 'active' AND role IN ('student', 'teacher')
         AND (email IS NULL OR preflight_trim(email) = '')
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
      `SELECT u.sourced_id, u.role FROM users u
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
       FROM users u
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
       FROM users u
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
 * Active users with active enrollments whose role is on the other side of the school (ROLE_GROUP_SQL): one
 * finding per user, naming the contradicting enrollments. Unknown roles are OR-SCHEMA's business.
 */
function roleMismatch(ctx: RuleContext): void {
  const rows = ctx.db
    .prepare(
      `SELECT u.sourced_id, u.role, json_group_array(e.sourced_id) AS enrollments,
              json_group_array(e.role) AS roles, count(*) AS n
       FROM users u INDEXED BY users_active_by_role
       CROSS JOIN enrollments e INDEXED BY enrollments_active_by_user
         ON e.snapshot_id = u.snapshot_id AND e.user_id = u.sourced_id AND e.status = 'active'
       WHERE u.snapshot_id = ? AND u.status = 'active'
         AND ${ROLE_GROUP_SQL('e.role')} <> ${ROLE_GROUP_SQL('u.role')}
       GROUP BY u.sourced_id ORDER BY u.sourced_id`,
    )
    .all(ctx.snapshotId) as Array<{ sourced_id: string; role: string; enrollments: string; roles: string; n: number }>;
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
  shortUsername,
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
    'USER-SHORT-USERNAME',
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
