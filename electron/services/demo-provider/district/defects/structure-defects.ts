import type { DefectFn } from './defect-fn';
import { hash3 } from '../hash';
import type { BuildContext, GeneratedDistrict, GuidRef, JsonRecord, Table, TableName } from '../model';
import { ref, withBuild } from '../model';
import type { DefectSpec } from '../spec';
import { districtSpecError } from '../spec';

/**
 * Record, org, term, class and id defects (docs/oneroster-dialects.md), one or more per structure rule
 * (electron/services/rules/families: records, orgs, terms, classes, ids). Without a `rate` a defect changes
 * exactly one eligible record (near the middle, shifted by the defect kind so combined defects hit different
 * records), so a test can name it; with a rate it changes about that share of the eligible records, picked by a
 * hash of the index. Deterministic: the same district and defect list always give the same records.
 */

type Pick = (i: number) => boolean;

function picker(defect: DefectSpec, size: number, eligible: (i: number) => boolean = () => true): Pick {
  const rate = defect.rate;
  let salt = 0;
  for (let k = 0; k < defect.kind.length; k++) salt = (salt * 31 + defect.kind.charCodeAt(k)) >>> 0;
  if (rate === undefined) {
    // From the middle, shifted by the defect kind: defects combined in one district hit different records.
    let first = -1;
    for (let k = 0; k < size && first < 0; k++) {
      const i = (Math.floor(size / 2) + (salt % 97) + k) % size;
      if (eligible(i)) first = i;
    }
    return (i) => i === first;
  }
  if (!(rate > 0 && rate <= 1)) {
    throw districtSpecError(
      `Defect "${defect.kind}" has rate ${String(rate)}; it must be more than 0 and at most 1.`,
      'Give a share of the eligible records, e.g. 0.01 for 1%, or leave the rate out to change one record.',
    );
  }
  const cut = rate * 2 ** 32;
  return (i) => eligible(i) && hash3(7, salt, i) < cut;
}

type Edit = (rec: JsonRecord, ctx: BuildContext, district: GeneratedDistrict) => JsonRecord;

/** Rewrites the picked records of one table; `eligible` looks at the clean record. */
function rewrite(table: TableName, edit: Edit, eligible?: (rec: JsonRecord) => boolean): DefectFn {
  return (district, defect) => {
    const original = district.tables[table];
    const noHref = { baseUrl: '' };
    const picked = picker(defect, original.size, eligible && ((i) => eligible(original.build(i, noHref))));
    const build: Table['build'] = (i, ctx) => {
      const rec = original.build(i, ctx);
      return picked(i) ? edit(rec, ctx, district) : rec;
    };
    return replaceTable(district, table, withBuild(original, build));
  };
}

function replaceTable(district: GeneratedDistrict, name: TableName, table: Table): GeneratedDistrict {
  return { ...district, tables: { ...district.tables, [name]: table } };
}

const refId = (v: unknown) => (v as GuidRef).sourcedId;
const isType =
  (...types: string[]) =>
  (rec: JsonRecord) =>
    types.includes(rec.type as string);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Appends records right after picked ones (a copy with the same sourcedId, a new id that sorts after it), so
 * the table stays in sourcedId order. Picks are resolved up front; only the picked records are built.
 */
function insertAfter(
  table: TableName,
  copy: (rec: JsonRecord) => JsonRecord,
  eligible?: (rec: JsonRecord) => boolean,
): DefectFn {
  return (district, defect) => {
    const original = district.tables[table];
    const noHref = { baseUrl: '' };
    const picked = picker(defect, original.size, eligible && ((i) => eligible(original.build(i, noHref))));
    const extra: number[] = [];
    for (let i = 0; i < original.size; i++) if (picked(i)) extra.push(i);
    // Position p of the new table → [original index, is the inserted copy]; copy k sits at extra[k] + k + 1.
    const at = (p: number): [number, boolean] => {
      let lo = 0;
      let hi = extra.length - 1;
      let k = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (extra[mid]! + mid + 1 <= p) {
          k = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (k >= 0 && extra[k]! + k + 1 === p) return [extra[k]!, true];
      return [p - (k + 1), false];
    };
    const grown: Table = {
      ...withBuild(original, (p, ctx) => {
        const [i, inserted] = at(p);
        const rec = original.build(i, ctx);
        return inserted ? copy(rec) : rec;
      }),
      size: original.size + extra.length,
      id: (p) => {
        const [i, inserted] = at(p);
        return inserted ? (copy(original.build(i, noHref)).sourcedId as string) : original.id(i);
      },
    };
    const key = table as keyof GeneratedDistrict['counts'];
    const counts = { ...district.counts, [key]: district.counts[key] + extra.length };
    return { ...replaceTable(district, table, grown), counts };
  };
}

/** A term id that is not in the feed: the class's first term with "S9" for the semester. */
function missingTermId(rec: JsonRecord, district: GeneratedDistrict): string {
  const first = refId((rec.terms as GuidRef[])[0]);
  return /-S\d-/.test(first) ? first.replace(/-S\d-/, '-S9-') : `T-${district.spec.schoolYear}-S9`;
}

export const STRUCTURE_DEFECTS: Record<string, DefectFn> = {
  /** OR-SCHEMA: a class whose classType is outside the 1.1 vocabulary. */
  'bad-class-type': rewrite('classes', (rec) => ({ ...rec, classType: 'lecture' })),

  /** OR-DUP-ID: a student listed twice under one sourcedId, the second time with another name. */
  'duplicate-sourcedid': insertAfter(
    'users',
    (rec) => ({ ...rec, givenName: `${String(rec.givenName)}-Copy`, email: `copy.${String(rec.email)}` }),
    (rec) => rec.role === 'student',
  ),

  /** OR-REF-MISSING: a class pointing at a term that is not in the feed. */
  'missing-term-ref': rewrite('classes', (rec, ctx, district) => ({
    ...rec,
    terms: [ref(ctx, 'academicSessions', missingTermId(rec, district), 'academicSession')],
  })),

  /** OR-REF-MISSING: an enrollment of a user that is not in the feed (e.g. not shared). */
  'missing-user-ref': rewrite('enrollments', (rec, ctx) => ({
    ...rec,
    user: ref(ctx, 'users', `${refId(rec.user)}-GONE`, 'user'),
  })),

  /** OR-REF-DELETED + OR-STATUS-TOBEDELETED: a term in use, marked tobedeleted. */
  'tobedeleted-term': rewrite(
    'academicSessions',
    (rec) => ({ ...rec, status: 'tobedeleted' }),
    isType('term'),
  ),

  /** ORG-NO-DISTRICT: the district org typed as a local org. */
  'no-district': rewrite('orgs', (rec) => ({ ...rec, type: 'local' }), isType('district')),

  /** ORG-CYCLE: the district's parent set to one of its own schools. */
  'org-cycle': rewrite(
    'orgs',
    (rec, ctx, district) => ({ ...rec, parent: ref(ctx, 'orgs', district.schoolIds[0]!, 'org') }),
    isType('district'),
  ),

  /** ORG-SCHOOL-NO-PARENT: a school without its parent district. */
  'school-without-parent': rewrite(
    'orgs',
    (rec) => {
      const { parent: _parent, ...rest } = rec;
      return rest;
    },
    isType('school'),
  ),

  /** TERM-DATES-INVALID: a term whose endDate is before its startDate (the two swapped). */
  'term-end-before-start': rewrite(
    'academicSessions',
    (rec) => ({ ...rec, startDate: rec.endDate, endDate: rec.startDate }),
    isType('term'),
  ),

  /** TERM-OUTSIDE-PARENT: a term ending a month after its school year. */
  'term-outside-year': rewrite(
    'academicSessions',
    (rec) => ({ ...rec, endDate: addDays(rec.endDate as string, 30) }),
    (rec) => rec.type === 'term' && /-S2-/.test(rec.sourcedId as string),
  ),

  /** TERM-OVERLAP: a fall semester running three weeks into the spring semester of its school. */
  'overlapping-terms': rewrite(
    'academicSessions',
    (rec) => ({ ...rec, endDate: addDays(rec.endDate as string, 38) }),
    (rec) => rec.type === 'term' && /-S1-/.test(rec.sourcedId as string),
  ),

  /** CLASS-NO-TERM: a class with an empty terms list. */
  'class-without-term': rewrite('classes', (rec) => ({ ...rec, terms: [] })),

  /** CLASS-SCHOOL-MISMATCH: a class moved to another school while its course stays. */
  'class-school-mismatch': rewrite('classes', (rec, ctx, district) => {
    const school = refId(rec.school);
    const other = district.schoolIds.find((id) => id !== school) ?? school;
    return { ...rec, school: ref(ctx, 'orgs', other, 'org') };
  }),

  /** CLASS-NO-TEACHER: every teacher enrollment of a class marked tobedeleted (the teacher left). */
  'class-without-teacher': (district, defect) => {
    const classes = district.tables.classes;
    const pickedClass = picker(defect, classes.size);
    const ids = new Set<string>();
    for (let i = 0; i < classes.size; i++) if (pickedClass(i)) ids.add(classes.id(i));
    const enrollments = district.tables.enrollments;
    const build: Table['build'] = (i, ctx) => {
      const rec = enrollments.build(i, ctx);
      return rec.role === 'teacher' && ids.has(refId(rec.class)) ? { ...rec, status: 'tobedeleted' } : rec;
    };
    return replaceTable(district, 'enrollments', withBuild(enrollments, build));
  },

  /** COURSE-NO-CLASS: an extra course that no class uses. */
  'course-without-class': insertAfter('courses', (rec) => ({
    ...rec,
    sourcedId: `${String(rec.sourcedId)}-ELECTIVE`,
    title: `${String(rec.title)} Elective`,
    courseCode: `${String(rec.courseCode)}E`,
  })),

  /** SID-FORMAT: an administrator whose sourcedId carries a trailing space (admins are referenced nowhere). */
  'sourcedid-format': (district, defect) => {
    const users = district.tables.users;
    const noHref = { baseUrl: '' };
    const picked = picker(defect, users.size, (i) => users.build(i, noHref).role === 'administrator');
    const table: Table = {
      ...withBuild(users, (i, ctx) => {
        const rec = users.build(i, ctx);
        return picked(i) ? { ...rec, sourcedId: `${String(rec.sourcedId)} ` } : rec;
      }),
      // A trailing space sorts before any other character, so the table stays in sourcedId order.
      id: (i) => (picked(i) ? `${users.id(i)} ` : users.id(i)),
    };
    return replaceTable(district, 'users', table);
  },
};
