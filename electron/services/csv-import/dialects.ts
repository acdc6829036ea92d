/**
 * OneRoster CSV versions read onto the one 1.1-shaped model (docs/oneroster-dialects.md): 1.0 column names
 * are aliases of their 1.1 names, 1.2 drops `role`/`orgSourcedIds` from users.csv (they come from
 * roles.csv) and adds optional user columns. Which version a bundle is comes from manifest.csv, else from
 * its files and columns.
 */

export const ONEROSTER_VERSIONS = ['1.0', '1.1', '1.2'] as const;
export type OneRosterVersion = (typeof ONEROSTER_VERSIONS)[number];

/** Per file (lower-case name): 1.0 (or vendor) column name, lower-case → the 1.1 column it means. */
export const COLUMN_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'classes.csv': { termsourcedid: 'termSourcedIds', grade: 'grades', subject: 'subjects' },
  'courses.csv': {
    grade: 'grades',
    schoolyearid: 'schoolYearSourcedId',
    schoolyearsourcedid: 'schoolYearSourcedId',
    subject: 'subjects',
  },
  'users.csv': {
    userid: 'userIds',
    agents: 'agentSourcedIds',
    grade: 'grades',
    orgsourcedid: 'orgSourcedIds',
  },
};

/** Columns the 1.1 binding requires that a version legitimately leaves out. */
const NOT_REQUIRED: Readonly<Record<OneRosterVersion, Readonly<Record<string, readonly string[]>>>> = {
  // 1.0 has no schoolYear (derived from endDate) and the enabledUser flag did not exist yet.
  '1.0': { 'academicsessions.csv': ['schoolYear'], 'users.csv': ['enabledUser'] },
  '1.1': {},
  // 1.2 moves role and orgs to roles.csv; username is optional.
  '1.2': { 'users.csv': ['role', 'orgSourcedIds', 'username'] },
};

export function isRequiredIn(version: OneRosterVersion, file: string, column: string): boolean {
  return !(NOT_REQUIRED[version][file.toLowerCase()] ?? []).includes(column);
}

/** The canonical column an alias stands for in `file`, if any. */
export function aliasOf(file: string, header: string): string | undefined {
  return COLUMN_ALIASES[file.toLowerCase()]?.[header.trim().toLowerCase()];
}

/** Vendor extension columns (`ext_*`, `ext:*`, `x-*`): kept in metadata without a warning. */
export function isExtensionColumn(header: string): boolean {
  return /^(ext[_:.]|x-)/i.test(header.trim()) && header.trim().length > 4;
}

export function parseVersion(value: string | undefined): OneRosterVersion | 'unknown' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase().replace(/^v/, '').replace(/p/, '.');
  if (v === '1.0' || v === '1') return '1.0';
  if (v === '1.1') return '1.1';
  if (v === '1.2' || v.startsWith('1.2.')) return '1.2';
  return 'unknown';
}

/** Headers (lower-case) by file name (lower-case), as far as read before the import starts. */
export type HeaderSample = ReadonlyMap<string, readonly string[]>;

/**
 * A bundle without a usable version in its manifest: 1.2 when it has roles.csv or users.csv lacks `role`
 * while having 1.2-only columns; 1.0 when it uses 1.0-only column names; else 1.1.
 */
export function guessVersion(fileNames: readonly string[], headers: HeaderSample): OneRosterVersion {
  const names = new Set(fileNames.map((f) => f.toLowerCase()));
  const users = headers.get('users.csv') ?? [];
  if (names.has('roles.csv') || names.has('userprofiles.csv')) return '1.2';
  if (users.includes('usermasteridentifier') || users.includes('primaryorgsourcedid')) return '1.2';
  const classes = headers.get('classes.csv') ?? [];
  const courses = headers.get('courses.csv') ?? [];
  if (
    (classes.includes('termsourcedid') && !classes.includes('termsourcedids')) ||
    (users.includes('userid') && !users.includes('userids')) ||
    users.includes('agents') ||
    courses.includes('schoolyearid')
  ) {
    return '1.0';
  }
  return '1.1';
}
