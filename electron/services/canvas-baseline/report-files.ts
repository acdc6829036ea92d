import { posix } from 'node:path';
import {
  BASELINE_SCHEMAS,
  BaselineXlist,
  PROVISIONING_COLUMNS,
  REQUIRED_COLUMNS,
  type BaselineType,
  type ProvisioningFile,
} from '../../../shared/canvas/baseline';

/**
 * Which provisioning report file a CSV is, and how its rows become baseline records. Canvas names the zip's
 * entries after the report part (users.csv, xlist.csv…); a single-part download carries the report name and
 * date instead, so the header decides when the name does not.
 */

const FILE_NAMES: Record<string, ProvisioningFile> = {
  accounts: 'accounts',
  terms: 'terms',
  courses: 'courses',
  sections: 'sections',
  users: 'users',
  enrollments: 'enrollments',
  xlist: 'xlist',
  xlists: 'xlist',
};

/** Report parts this tool does not use; listed so they are skipped quietly rather than reported as unknown. */
const IGNORED_PARTS = ['groups', 'group_categories', 'group_membership', 'user_observers', 'admins'];

export type FileKind = ProvisioningFile | 'ignored' | 'unknown';

export function kindFromName(fileName: string): FileKind | null {
  const stem = posix
    .basename(fileName)
    .toLowerCase()
    .replace(/\.csv$/, '');
  if (FILE_NAMES[stem] !== undefined) return FILE_NAMES[stem];
  if (IGNORED_PARTS.includes(stem)) return 'ignored';
  return null;
}

export function kindFromHeader(header: readonly string[]): FileKind {
  const has = (c: string) => header.includes(c);
  if (has('canvas_xlist_course_id')) return 'xlist';
  if (has('canvas_enrollment_id') || (has('canvas_user_id') && has('role') && has('canvas_course_id')))
    return 'enrollments';
  if (has('canvas_user_id') && has('login_id')) return 'users';
  if (has('canvas_section_id')) return 'sections';
  if (has('canvas_course_id') && has('short_name')) return 'courses';
  if (has('canvas_parent_id') || (has('canvas_account_id') && has('parent_account_id'))) return 'accounts';
  if (has('canvas_term_id') && has('term_id')) return 'terms';
  return 'unknown';
}

export interface HeaderPlan {
  /** Index of each known column in the row, -1 when absent. */
  index: Record<string, number>;
  missingRequired: string[];
  unknownColumns: string[];
}

/** Report columns that exist in Canvas but that this tool does not keep. */
const KNOWN_EXTRA = new Set([
  'short_name',
  'pronouns',
  'role_id',
  'course_format',
  'canvas_blueprint_course_id',
  'blueprint_course_id',
  'limit_section_privileges',
  'canvas_account_id',
  'account_id',
  'root_account',
  'temporary_enrollment_source_user_id',
  'temporary_enrollment_id',
]);

export function planHeader(kind: ProvisioningFile, header: readonly string[]): HeaderPlan {
  const index: Record<string, number> = {};
  for (const col of PROVISIONING_COLUMNS[kind]) index[col] = header.indexOf(col);
  return {
    index,
    missingRequired: REQUIRED_COLUMNS[kind].filter((c) => index[c] === -1),
    unknownColumns: header.filter(
      (h) => !(PROVISIONING_COLUMNS[kind] as readonly string[]).includes(h) && !KNOWN_EXTRA.has(h),
    ),
  };
}

/** Boolean report values ('true'/'false'); anything else is left for the schema to reject. */
function bool(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value;
}

export type RowResult<T> = { ok: true; record: T } | { ok: false; message: string };

function toRecord(
  kind: ProvisioningFile,
  plan: HeaderPlan,
  fields: readonly string[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const col of PROVISIONING_COLUMNS[kind]) {
    const i = plan.index[col]!;
    const value = i === -1 ? '' : (fields[i] ?? '');
    record[col] = col === 'created_by_sis' ? bool(value) : value;
  }
  // Sections get their crosslist origin from the xlist file afterwards.
  if (kind === 'sections') {
    record.canvas_nonxlist_course_id = '';
    record.nonxlist_course_id = '';
  }
  return record;
}

/** Maps and validates one data row of a report file. */
export function parseRow(
  kind: ProvisioningFile,
  plan: HeaderPlan,
  fields: readonly string[],
): RowResult<Record<string, unknown>> {
  const schema = kind === 'xlist' ? BaselineXlist : BASELINE_SCHEMAS[kind as BaselineType];
  const parsed = schema.safeParse(toRecord(kind, plan, fields));
  if (parsed.success) return { ok: true, record: parsed.data as Record<string, unknown> };
  const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ');
  return { ok: false, message };
}
