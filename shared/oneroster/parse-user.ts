import { addIssue, enumTable, isObject, refId, type Issues, type Raw } from './parse-fields';
import { ROLE_TYPE_TABLE, USER_ROLE_TABLE, isV1p2AdminRole } from './vocab';

/** 1.2 role vocabulary (§2.11); roles outside both 1.1 and 1.2 lists are reported. */
const V1P2_ROLE_TABLE = enumTable([
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'teacher',
]);

/**
 * Reads a 1.2-shaped user's `roles[]` ({roleType, role, org, ...}) into the 1.1 view: the primary role
 * (1.2 admin roles → 'administrator') and the orgs of every role, in order, without duplicates.
 */
export function readUserRoles(raw: Raw, issues: Issues): { role: string; orgIds: string[] } {
  const roles = raw.roles as unknown[];
  const orgIds: string[] = [];
  let primary: string | null = null;
  let first: string | null = null;
  for (let i = 0; i < roles.length; i++) {
    const entry = roles[i];
    const path = `roles[${i}]`;
    if (!isObject(entry)) {
      addIssue(issues, path, 'bad_type', `${path} should be an object {roleType, role, org}`);
      continue;
    }
    const role = typeof entry.role === 'string' && entry.role.length > 0 ? entry.role : null;
    if (role === null) addIssue(issues, `${path}.role`, 'missing', `${path}.role is required but missing`);
    if (entry.org === undefined || entry.org === null) {
      addIssue(issues, `${path}.org`, 'missing', `${path}.org is required but missing`);
    } else {
      const org = refId(entry.org, `${path}.org`, issues);
      if (org !== null && !orgIds.includes(org)) orgIds.push(org);
    }
    if (role === null) continue;
    first ??= role;
    const roleType =
      typeof entry.roleType === 'string' ? ROLE_TYPE_TABLE.get(entry.roleType.toLowerCase()) : undefined;
    if (roleType === undefined) {
      addIssue(issues, `${path}.roleType`, 'bad_enum', `${path}.roleType should be "primary" or "secondary"`);
    } else if (roleType === 'primary' && primary === null) {
      primary = role;
    }
  }
  if (roles.length === 0) addIssue(issues, 'roles', 'missing', 'roles needs at least one role but has none');
  const chosen = primary ?? first;
  if (chosen === null) return { role: '', orgIds };
  if (primary === null) addIssue(issues, 'roles', 'missing', `no role is marked primary; "${chosen}" used`);
  return { role: canonicalRole(chosen, issues), orgIds };
}

function canonicalRole(role: string, issues: Issues): string {
  if (isV1p2AdminRole(role)) return 'administrator';
  const key = role.trim().toLowerCase();
  const v1p1 = USER_ROLE_TABLE.get(key);
  if (v1p1 !== undefined) return v1p1;
  const v1p2 = V1P2_ROLE_TABLE.get(key);
  if (v1p2 !== undefined) return v1p2;
  addIssue(issues, 'roles', 'bad_enum', `role "${role}" is not a OneRoster role`);
  return role;
}
