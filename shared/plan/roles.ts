import type { MappingOptions } from '../mapping/options';

/** OneRoster user roles that become Canvas observers (user_observers.csv), never course enrollments. */
export const OBSERVER_ROLES: ReadonlySet<string> = new Set(['parent', 'guardian', 'relative']);

export type RoleMapping =
  | { role: string; option: string }
  | { role: null; option: string; reason: 'unmapped' | 'observer' | 'unknown' };

/**
 * The Canvas course role for one OneRoster enrollment under the mapping options (docs/mapping.md "Roles"), and the
 * option that decided it. The planner and ENR-ROLE-UNMAPPED both use this, so they always agree.
 * `primary === false` is an explicit non-primary teacher; null (not sent) counts as primary.
 */
export function mapEnrollmentRole(
  oneRosterRole: string,
  primary: boolean | null,
  options: Pick<MappingOptions, 'roleMap' | 'nonPrimaryTeacherRole'>,
): RoleMapping {
  const role = oneRosterRole.trim().toLowerCase();
  if (role === 'teacher' && primary === false && options.nonPrimaryTeacherRole === 'ta') {
    return { role: 'ta', option: 'nonPrimaryTeacherRole=ta' };
  }
  if (OBSERVER_ROLES.has(role)) return { role: null, option: 'observers', reason: 'observer' };
  if (!Object.hasOwn(options.roleMap, role)) return { role: null, option: 'roleMap', reason: 'unknown' };
  const target = options.roleMap[role as keyof MappingOptions['roleMap']];
  return target === null
    ? { role: null, option: `roleMap.${role}=none`, reason: 'unmapped' }
    : { role: target, option: `roleMap.${role}=${target}` };
}
