import { enumTable } from './parse-fields';

/** OneRoster 1.1 vocabularies (docs/oneroster-dialects.md), compared case-insensitively by the parser. */
export const ORG_TYPES = ['department', 'district', 'local', 'national', 'school', 'state'] as const;
export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;
export const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
export const USER_ROLES = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
] as const;
export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const;
/** 1.1 has male/female; 1.2's unspecified/other are accepted too. */
export const SEXES = ['male', 'female', 'unspecified', 'other'] as const;

/** 1.2 administrative roles, all read as the 1.1 'administrator' (§2.11). */
export const V1P2_ADMIN_ROLES = [
  'districtAdministrator',
  'siteAdministrator',
  'systemAdministrator',
  'principal',
] as const;

export const ORG_TYPE_TABLE = enumTable(ORG_TYPES);
export const SESSION_TYPE_TABLE = enumTable(SESSION_TYPES);
export const CLASS_TYPE_TABLE = enumTable(CLASS_TYPES);
export const USER_ROLE_TABLE = enumTable(USER_ROLES);
export const ENROLLMENT_ROLE_SET: ReadonlySet<string> = new Set(ENROLLMENT_ROLES);
export const SEX_TABLE = enumTable(SEXES);
export const STATUS_TABLE = enumTable(['active', 'tobedeleted']);
export const ROLE_TYPE_TABLE = enumTable(['primary', 'secondary']);

const ADMIN_ROLE_SET: ReadonlySet<string> = new Set(V1P2_ADMIN_ROLES.map((r) => r.toLowerCase()));

export function isV1p2AdminRole(role: string): boolean {
  return ADMIN_ROLE_SET.has(role.trim().toLowerCase());
}
