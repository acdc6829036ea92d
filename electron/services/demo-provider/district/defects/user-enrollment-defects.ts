import type { DefectFn } from './defect-fn';
import type { BuildContext, GeneratedDistrict, JsonRecord, Table, TableName } from '../model';
import { ref, withBuild } from '../model';
import type { DefectSpec } from '../spec';
import { districtSpecError } from '../spec';

/**
 * User and enrollment data defects (docs/oneroster-dialects.md), one per user or enrollment rule. Each picks
 * about `rate` of a table's records — every (1/rate)-th index, from an offset that depends on the defect kind
 * (so defects combined in one district hit different records) and that a tiny table still reaches — and changes
 * those that are eligible (e.g. only student enrollments). Deterministic: the same district and defect list
 * always give the same records.
 */

type Edit = (rec: JsonRecord, index: number, ctx: BuildContext, original: Table) => JsonRecord;

function rateOf(defect: DefectSpec, fallback: number): number {
  const rate = defect.rate ?? fallback;
  if (!(rate > 0 && rate <= 1)) {
    throw districtSpecError(
      `Defect "${defect.kind}" has rate ${String(defect.rate)}; it must be more than 0 and at most 1.`,
      'Give a share of the eligible records, e.g. 0.01 for 1%.',
    );
  }
  return rate;
}

function strideOf(rate: number): number {
  return Math.max(1, Math.round(1 / rate));
}

/** Whether index `i` is picked, for a table of `size` records, a rate and the defect kind. */
function picker(size: number, rate: number, kind: string): (i: number) => boolean {
  const stride = strideOf(rate);
  let salt = 0;
  for (let k = 0; k < kind.length; k++) salt = (salt * 31 + kind.charCodeAt(k)) >>> 0;
  const offset = (Math.floor(size / 2) + salt) % Math.max(1, Math.min(stride, size));
  return (i) => i % stride === offset;
}

/** A defect that rewrites picked records of one table (edit returns the record unchanged when not eligible). */
function rewrite(table: TableName, fallbackRate: number, edit: Edit): DefectFn {
  return (district, defect) => {
    const original = district.tables[table];
    const picked = picker(original.size, rateOf(defect, fallbackRate), defect.kind);
    const build: Table['build'] = (i, ctx) => {
      const rec = original.build(i, ctx);
      return picked(i) ? edit(rec, i, ctx, original) : rec;
    };
    return { ...district, tables: { ...district.tables, [table]: withBuild(original, build) } };
  };
}

const without = (rec: JsonRecord, ...keys: string[]): JsonRecord => {
  const out = { ...rec };
  for (const k of keys) delete out[k];
  return out;
};

const isRole = (rec: JsonRecord, ...roles: string[]) => roles.includes(rec.role as string);
const isCoTeacher = (rec: JsonRecord) => rec.role === 'teacher' && rec.primary === 'false';

/** The YYYY-MM-DD `days` days before `date`. */
function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * duplicate-enrollment: a second active enrollment (sourcedId `<id>-dup`) right after each picked student
 * enrollment. The table grows, so the picks are resolved up front (only the picked records are built).
 */
const duplicateEnrollment: DefectFn = (district, defect) => {
  const original = district.tables.enrollments;
  const picked = picker(original.size, rateOf(defect, 0.01), defect.kind);
  const copies: number[] = [];
  for (let i = 0; i < original.size; i++) {
    if (picked(i) && isRole(original.build(i, { baseUrl: '' }), 'student')) copies.push(i);
  }
  // New index of copy k is copies[k] + k + 1; everything else shifts by the copies before it.
  const locate = (j: number): { index: number; copy: boolean } => {
    let lo = 0;
    let hi = copies.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (copies[mid]! + mid + 1 <= j) lo = mid + 1;
      else hi = mid;
    }
    const before = lo; // copies placed at new positions ≤ j
    const last = before - 1;
    if (last >= 0 && copies[last]! + last + 1 === j) return { index: copies[last]!, copy: true };
    return { index: j - before, copy: false };
  };
  const id = (j: number) => {
    const at = locate(j);
    return at.copy ? `${original.id(at.index)}-dup` : original.id(at.index);
  };
  const size = original.size + copies.length;
  // "<id>-dup" sorts right after "<id>" unless the next id starts with "<id>" too; check instead of assuming.
  const sorted =
    original.sortedById &&
    copies.every((c, k) => {
      const at = c + k + 1;
      return id(at - 1) < id(at) && (at + 1 >= size || id(at) < id(at + 1));
    });
  const table: Table = {
    name: original.name,
    size,
    fields: original.fields,
    sortedById: sorted,
    id,
    build(j, ctx) {
      const at = locate(j);
      const rec = original.build(at.index, ctx);
      return at.copy ? { ...rec, sourcedId: `${rec.sourcedId as string}-dup` } : rec;
    },
  };
  return {
    ...district,
    counts: { ...district.counts, enrollments: size },
    tables: { ...district.tables, enrollments: table },
  };
};

/** enrollment-wrong-school: the enrollment names the district instead of its class's school. */
const enrollmentWrongSchool = (district: GeneratedDistrict, defect: DefectSpec): GeneratedDistrict =>
  rewrite('enrollments', 0.01, (rec, _i, ctx) => ({
    ...rec,
    school: ref(ctx, 'orgs', district.districtId, 'org'),
  }))(district, defect);

export const USER_ENROLLMENT_DEFECTS: Record<string, DefectFn> = {
  'missing-username': rewrite('users', 0.01, (rec) => without(rec, 'username')),
  // Usernames Canvas cannot take as a login: alternately over 100 characters and with a control character.
  'bad-username': rewrite('users', 0.01, (rec, i) => ({
    ...rec,
    username: i % 2 === 0 ? `${String(rec.username)}.${'x'.repeat(100)}` : `${String(rec.username)}\u0007`,
  })),
  // The previous user's username in capitals: a collision Canvas sees although the spellings differ.
  'duplicate-username': rewrite('users', 0.01, (rec, i, ctx, original) =>
    i === 0 ? rec : { ...rec, username: String(original.build(i - 1, ctx).username).toUpperCase() },
  ),
  'missing-email': rewrite('users', 0.01, (rec) =>
    isRole(rec, 'student', 'teacher') ? without(rec, 'email') : rec,
  ),
  'duplicate-email': rewrite('users', 0.01, (rec, i, ctx, original) =>
    i === 0 ? rec : { ...rec, email: original.build(i - 1, ctx).email },
  ),
  'user-no-org': rewrite('users', 0.01, (rec) => ({ ...rec, orgs: [] })),
  'disabled-enrolled': rewrite('users', 0.01, (rec) =>
    isRole(rec, 'student') ? { ...rec, enabledUser: 'false' } : rec,
  ),
  // A made-up password: the point is that the feed carries one, which must never reach the store or a report.
  'password-in-feed': rewrite('users', 0.05, (rec) => ({
    ...rec,
    password: `Demo-${String(rec.sourcedId)}!`,
  })),
  'role-mismatch': rewrite('enrollments', 0.01, (rec) =>
    isRole(rec, 'student') ? { ...rec, role: 'teacher', primary: 'false' } : rec,
  ),
  'duplicate-enrollment': duplicateEnrollment,
  'enrollment-no-dates': rewrite('enrollments', 0.01, (rec) => without(rec, 'beginDate', 'endDate')),
  'enrollment-outside-term': rewrite('enrollments', 0.01, (rec) =>
    typeof rec.beginDate === 'string' ? { ...rec, beginDate: daysBefore(rec.beginDate, 14) } : rec,
  ),
  // Co-teachers (non-primary teacher enrollments) are the eligible records: few per district, so high rates.
  'admin-enrollment': rewrite('enrollments', 0.5, (rec) =>
    isCoTeacher(rec) ? { ...rec, role: 'administrator' } : rec,
  ),
  'multi-primary': rewrite('enrollments', 1, (rec) => (isCoTeacher(rec) ? { ...rec, primary: 'true' } : rec)),
  'enrollment-wrong-school': enrollmentWrongSchool,
};
