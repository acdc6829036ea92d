/**
 * Canvas's SIS CSV importer rules as data (docs/canvas-importer.md): how a file is recognised by its header, the columns and
 * values each kind requires, allowed status values, date columns and the ids rows refer to. The validator
 * (validate.ts) applies them; the Canvas test double uses the validator, so both read the same rules.
 */

/** Importers in Canvas's fixed processing order (docs/canvas-importer.md). */
export const IMPORT_KINDS = [
  'change_sis_id',
  'accounts',
  'terms',
  'abstract_courses',
  'courses',
  'sections',
  'xlists',
  'users',
  'logins',
  'enrollments',
  'admins',
  'group_categories',
  'groups',
  'group_memberships',
  'grade_publishing_results',
  'user_observers',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Kinds whose ids other files refer to. */
export type IdKind = 'accounts' | 'terms' | 'courses' | 'sections' | 'users';

export interface Reference {
  column: string;
  kind: IdKind;
}

export interface KindSpec {
  /** Columns whose value every row needs. */
  required: readonly string[];
  /** Columns that must be in the header even when their value may be blank (accounts.parent_account_id). */
  headerOnly?: readonly string[];
  /** At least one column of each group needs a value. */
  oneOf?: ReadonlyArray<readonly string[]>;
  /** Allowed `status` values (matched case-insensitively, as Canvas does); absent = no status column. */
  statuses?: readonly string[];
  dates?: readonly string[];
  /** Dates that accept `<delete>` to clear them. */
  deletableDates?: boolean;
  /** Columns forming a row's identity within the kind (duplicates are reported). */
  key?: readonly string[];
  /** The id this kind defines for references (column holding it). */
  defines?: { kind: IdKind; column: string };
  refs?: readonly Reference[];
}

export const SPECS: Record<ImportKind, KindSpec> = {
  change_sis_id: {
    required: ['type'],
    oneOf: [
      ['old_id', 'old_integration_id'],
      ['new_id', 'new_integration_id'],
    ],
    key: ['type', 'old_id', 'old_integration_id'],
  },
  accounts: {
    required: ['account_id', 'name', 'status'],
    headerOnly: ['parent_account_id'],
    statuses: ['active', 'deleted'],
    key: ['account_id'],
    defines: { kind: 'accounts', column: 'account_id' },
  },
  terms: {
    required: ['term_id', 'name', 'status'],
    statuses: ['active', 'deleted'],
    dates: ['start_date', 'end_date'],
    key: ['term_id'],
    defines: { kind: 'terms', column: 'term_id' },
  },
  abstract_courses: {
    required: ['abstract_course_id', 'short_name', 'long_name', 'status'],
    statuses: ['active', 'deleted'],
    key: ['abstract_course_id'],
    refs: [
      { column: 'account_id', kind: 'accounts' },
      { column: 'term_id', kind: 'terms' },
    ],
  },
  courses: {
    required: ['course_id', 'short_name', 'long_name', 'status'],
    statuses: ['active', 'deleted', 'completed', 'published'],
    dates: ['start_date', 'end_date'],
    deletableDates: true,
    key: ['course_id'],
    defines: { kind: 'courses', column: 'course_id' },
    refs: [
      { column: 'account_id', kind: 'accounts' },
      { column: 'term_id', kind: 'terms' },
    ],
  },
  sections: {
    required: ['section_id', 'course_id', 'name', 'status'],
    statuses: ['active', 'deleted'],
    dates: ['start_date', 'end_date'],
    key: ['section_id'],
    defines: { kind: 'sections', column: 'section_id' },
    refs: [{ column: 'course_id', kind: 'courses' }],
  },
  xlists: {
    required: ['xlist_course_id', 'section_id', 'status'],
    statuses: ['active', 'deleted'],
    key: ['section_id'],
    refs: [{ column: 'section_id', kind: 'sections' }],
  },
  users: {
    required: ['user_id', 'login_id', 'status'],
    statuses: ['active', 'suspended', 'deleted'],
    key: ['user_id'],
    defines: { kind: 'users', column: 'user_id' },
  },
  logins: {
    required: ['user_id', 'login_id'],
    oneOf: [['existing_user_id', 'existing_integration_id', 'existing_canvas_user_id']],
    key: ['user_id'],
  },
  enrollments: {
    required: ['status'],
    oneOf: [
      ['course_id', 'section_id'],
      ['user_id', 'user_integration_id'],
      ['role', 'role_id'],
    ],
    statuses: ['active', 'deleted', 'completed', 'inactive', 'deleted_last_completed'],
    dates: ['start_date', 'end_date'],
    key: ['course_id', 'section_id', 'user_id', 'user_integration_id', 'role', 'role_id'],
    refs: [
      { column: 'course_id', kind: 'courses' },
      { column: 'section_id', kind: 'sections' },
      { column: 'user_id', kind: 'users' },
      { column: 'associated_user_id', kind: 'users' },
    ],
  },
  admins: {
    required: ['user_id', 'status'],
    headerOnly: ['account_id'],
    oneOf: [['role', 'role_id']],
    statuses: ['active', 'deleted'],
    key: ['user_id', 'account_id', 'role', 'role_id'],
    refs: [
      { column: 'user_id', kind: 'users' },
      { column: 'account_id', kind: 'accounts' },
    ],
  },
  group_categories: {
    required: ['group_category_id', 'category_name', 'status'],
    statuses: ['active', 'deleted'],
    key: ['group_category_id'],
  },
  groups: {
    required: ['group_id', 'name', 'status'],
    statuses: ['available', 'closed', 'completed', 'deleted'],
    key: ['group_id'],
  },
  group_memberships: {
    required: ['group_id', 'user_id', 'status'],
    statuses: ['accepted', 'deleted'],
    key: ['group_id', 'user_id'],
    refs: [{ column: 'user_id', kind: 'users' }],
  },
  grade_publishing_results: {
    required: ['enrollment_id', 'grade_publishing_status'],
    key: ['enrollment_id'],
  },
  user_observers: {
    required: ['observer_id', 'student_id', 'status'],
    statuses: ['active', 'deleted'],
    key: ['observer_id', 'student_id'],
    refs: [
      { column: 'observer_id', kind: 'users' },
      { column: 'student_id', kind: 'users' },
    ],
  },
};

export const CHANGE_SIS_ID_TYPES = [
  'account',
  'term',
  'course',
  'section',
  'group',
  'group_category',
  'user',
];
export const BUILT_IN_ROLES = ['student', 'teacher', 'ta', 'observer', 'designer'];

/**
 * The importer a header belongs to, tried in Canvas's order (first match wins) — Canvas recognises files by
 * their header columns, never by their names. Header names are compared lower-cased and trimmed.
 */
export function detectKind(header: readonly string[]): ImportKind | null {
  const h = new Set(header);
  const has = (...cols: string[]) => cols.every((c) => h.has(c));
  const any = (...cols: string[]) => cols.some((c) => h.has(c));
  if (any('old_id', 'old_integration_id')) return 'change_sis_id';
  if (has('account_id', 'parent_account_id')) return 'accounts';
  if (has('term_id', 'name')) return 'terms';
  if (has('abstract_course_id', 'short_name')) return 'abstract_courses';
  if (has('course_id', 'short_name')) return 'courses';
  if (has('section_id', 'name')) return 'sections';
  if (has('xlist_course_id', 'section_id')) return 'xlists';
  if (any('existing_user_id', 'existing_integration_id', 'existing_canvas_user_id')) return 'logins';
  if (has('user_id', 'login_id')) return 'users';
  if (any('user_id', 'user_integration_id') && any('course_id', 'section_id')) return 'enrollments';
  if (has('user_id', 'account_id') && any('role', 'role_id')) return 'admins';
  if (has('group_category_id', 'category_name')) return 'group_categories';
  if (has('group_id', 'name')) return 'groups';
  if (has('group_id', 'user_id')) return 'group_memberships';
  if (has('enrollment_id', 'grade_publishing_status')) return 'grade_publishing_results';
  if (has('observer_id', 'student_id')) return 'user_observers';
  return null;
}

/** Why a header was not recognised, when an obvious mistake explains it. */
export function unrecognisedHint(header: readonly string[]): string {
  if (header.includes('account_id') && !header.includes('parent_account_id') && header.includes('name'))
    return 'an accounts file needs a parent_account_id column, even when every value is blank';
  if (header.includes('user_id') && !header.includes('login_id') && header.includes('status'))
    return 'a users file needs user_id and login_id columns';
  return 'the first row must be a header naming Canvas SIS CSV columns (see the SIS CSV format)';
}

const DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 dates and times as Canvas accepts them (`2026-08-15`, `2026-08-15T00:00:00Z`, `2013-1-03 00:00:00`). */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d, hh, mm, ss] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || hh! > 23 || mm! > 59 || ss! > 60) return false;
  return d! <= new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
}
