import type { TableName } from '../district/model';
import type { DistrictIndex } from './district-index';
import { fieldKeys, intersect } from './district-index';
import { badRequest, notFound } from './errors';

/** OAuth 2 scope a route needs (docs/oneroster-dialects.md). */
export type RouteScope = 'roster-core.readonly' | 'roster.readonly' | 'roster-demographics.readonly';

export interface CollectionTarget {
  kind: 'collection';
  table: TableName;
  /** Route template with ids as `{id}`, e.g. '/schools/{id}/classes'. */
  template: string;
  envelopeKey: string;
  scope: RouteScope;
  indices: Int32Array;
}
export interface SingletonTarget {
  kind: 'singleton';
  table: TableName;
  template: string;
  envelopeKey: string;
  scope: RouteScope;
  index: number;
}
export type Target = CollectionTarget | SingletonTarget;

interface TopLevel {
  table: TableName;
  key: string;
  one: string;
  /** Views (/schools, /terms, /students…) select table rows whose `field` holds `value`. */
  field?: string;
  value?: string;
  scope: RouteScope;
}

const CORE: RouteScope = 'roster-core.readonly';
const TOP: Record<string, TopLevel> = {
  orgs: { table: 'orgs', key: 'orgs', one: 'org', scope: CORE },
  schools: { table: 'orgs', key: 'orgs', one: 'org', field: 'type', value: 'school', scope: CORE },
  academicSessions: {
    table: 'academicSessions',
    key: 'academicSessions',
    one: 'academicSession',
    scope: CORE,
  },
  terms: {
    table: 'academicSessions',
    key: 'academicSessions',
    one: 'academicSession',
    field: 'type',
    value: 'term',
    scope: CORE,
  },
  gradingPeriods: {
    table: 'academicSessions',
    key: 'academicSessions',
    one: 'academicSession',
    field: 'type',
    value: 'gradingPeriod',
    scope: CORE,
  },
  classes: { table: 'classes', key: 'classes', one: 'class', scope: CORE },
  courses: { table: 'courses', key: 'courses', one: 'course', scope: CORE },
  enrollments: { table: 'enrollments', key: 'enrollments', one: 'enrollment', scope: CORE },
  users: { table: 'users', key: 'users', one: 'user', scope: CORE },
  students: { table: 'users', key: 'users', one: 'user', field: 'role', value: 'student', scope: CORE },
  teachers: { table: 'users', key: 'users', one: 'user', field: 'role', value: 'teacher', scope: CORE },
  demographics: {
    table: 'demographics',
    key: 'demographics',
    one: 'demographics',
    scope: 'roster-demographics.readonly',
  },
};

const NESTED: RouteScope = 'roster.readonly';

function own<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Index of `id` within a top-level collection (e.g. a user who is a student), or a 404. */
function member(idx: DistrictIndex, collection: string, id: string): number {
  const top = own(TOP, collection)!;
  const i = idx.indexOf(top.table, id);
  const ok = i >= 0 && (!top.field || fieldKeys(idx.record(top.table, i)[top.field]).includes(top.value!));
  if (!ok) throw notFound(`No ${top.one} with sourcedId "${id}" in /${collection}.`);
  return i;
}

function sortedUnique(idx: DistrictIndex, table: TableName, indices: Iterable<number>): Int32Array {
  return idx.sortById(table, Int32Array.from(new Set(indices)));
}

/** Users enrolled in a class with a given role, by way of the class's enrollments. */
function usersOfClass(idx: DistrictIndex, classId: string, role: 'student' | 'teacher'): Int32Array {
  const enr = intersect(idx.where('enrollments', 'class', classId), idx.where('enrollments', 'role', role));
  const users: number[] = [];
  for (const e of enr) {
    for (const u of fieldKeys(idx.record('enrollments', e).user)) {
      const i = idx.indexOf('users', u);
      if (i >= 0) users.push(i);
    }
  }
  return sortedUnique(idx, 'users', users);
}

function classesOfUser(idx: DistrictIndex, userId: string): Int32Array {
  const classes: number[] = [];
  for (const e of idx.where('enrollments', 'user', userId)) {
    for (const c of fieldKeys(idx.record('enrollments', e).class)) {
      const i = idx.indexOf('classes', c);
      if (i >= 0) classes.push(i);
    }
  }
  return sortedUnique(idx, 'classes', classes);
}

/** Terms a school uses: the term-type sessions its classes point to (1.1 sessions carry no org link). */
function termsOfSchool(idx: DistrictIndex, schoolId: string): Int32Array {
  const terms = new Set(idx.where('academicSessions', 'type', 'term'));
  const found: number[] = [];
  for (const c of idx.where('classes', 'school', schoolId)) {
    for (const t of fieldKeys(idx.record('classes', c).terms)) {
      const i = idx.indexOf('academicSessions', t);
      if (terms.has(i)) found.push(i);
    }
  }
  return sortedUnique(idx, 'academicSessions', found);
}

function collection(
  table: TableName,
  template: string,
  key: string,
  scope: RouteScope,
  indices: Int32Array,
): Target {
  return { kind: 'collection', table, template, envelopeKey: key, scope, indices };
}

function nested(idx: DistrictIndex, segs: string[]): Target | null {
  const [owner, id, sub, id2, sub2] = segs as [string, string, string, string?, string?];
  const tpl = (...parts: string[]) => `/${parts.join('/')}`;
  if (owner === 'schools' && segs.length === 3) {
    member(idx, 'schools', id);
    const t = tpl('schools', '{id}', sub);
    switch (sub) {
      case 'classes':
        return collection('classes', t, 'classes', NESTED, idx.where('classes', 'school', id));
      case 'courses':
        return collection('courses', t, 'courses', NESTED, idx.where('courses', 'org', id));
      case 'enrollments':
        return collection('enrollments', t, 'enrollments', NESTED, idx.where('enrollments', 'school', id));
      case 'students':
      case 'teachers':
        return collection(
          'users',
          t,
          'users',
          NESTED,
          intersect(idx.where('users', 'orgs', id), idx.where('users', 'role', sub.slice(0, -1))),
        );
      case 'terms':
        return collection('academicSessions', t, 'academicSessions', NESTED, termsOfSchool(idx, id));
    }
    return null;
  }
  if (owner === 'schools' && segs.length === 5 && sub === 'classes' && id2 !== undefined) {
    member(idx, 'schools', id);
    const c = member(idx, 'classes', id2);
    if (!fieldKeys(idx.record('classes', c).school).includes(id))
      throw notFound(`Class "${id2}" does not belong to school "${id}".`);
    const t = tpl('schools', '{id}', 'classes', '{id}', sub2 ?? '');
    if (sub2 === 'enrollments')
      return collection('enrollments', t, 'enrollments', NESTED, idx.where('enrollments', 'class', id2));
    if (sub2 === 'students' || sub2 === 'teachers')
      return collection(
        'users',
        t,
        'users',
        NESTED,
        usersOfClass(idx, id2, sub2 === 'students' ? 'student' : 'teacher'),
      );
    return null;
  }
  if (segs.length !== 3) return null;
  const t = tpl(owner, '{id}', sub);
  if (owner === 'terms' && sub === 'classes') {
    member(idx, 'terms', id);
    return collection('classes', t, 'classes', NESTED, idx.where('classes', 'terms', id));
  }
  if (owner === 'terms' && sub === 'gradingPeriods') {
    member(idx, 'terms', id);
    const gp = intersect(
      idx.where('academicSessions', 'parent', id),
      idx.where('academicSessions', 'type', 'gradingPeriod'),
    );
    return collection('academicSessions', t, 'academicSessions', NESTED, gp);
  }
  if (owner === 'courses' && sub === 'classes') {
    member(idx, 'courses', id);
    return collection('classes', t, 'classes', NESTED, idx.where('classes', 'course', id));
  }
  if ((owner === 'students' || owner === 'teachers' || owner === 'users') && sub === 'classes') {
    member(idx, owner, id);
    return collection('classes', t, 'classes', NESTED, classesOfUser(idx, id));
  }
  if (owner === 'classes' && (sub === 'students' || sub === 'teachers')) {
    member(idx, 'classes', id);
    return collection(
      'users',
      t,
      'users',
      NESTED,
      usersOfClass(idx, id, sub === 'students' ? 'student' : 'teacher'),
    );
  }
  return null;
}

/** Splits a path below the base path into decoded segments. */
export function segmentsOf(rel: string): string[] {
  try {
    return rel
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw badRequest('invaliddata', `The path "${rel}" is not valid percent-encoding.`);
  }
}

/** Resolves a path below the base path to what it returns, or throws a 404 apiError. */
export function resolveRoute(idx: DistrictIndex, segs: string[]): Target {
  const [first, id] = segs;
  const top = first === undefined ? undefined : own(TOP, first);
  if (top && segs.length === 1) {
    const indices = top.field ? idx.where(top.table, top.field, top.value!) : idx.allOf(top.table);
    return collection(top.table, `/${first}`, top.key, top.scope, indices);
  }
  if (top && segs.length === 2 && id !== undefined) {
    const index = member(idx, first!, id);
    return {
      kind: 'singleton',
      table: top.table,
      template: `/${first}/{id}`,
      envelopeKey: top.one,
      scope: top.scope,
      index,
    };
  }
  const found = top && segs.length >= 3 ? nested(idx, segs) : null;
  if (!found) throw notFound(`There is no OneRoster 1.1 endpoint at /${segs.join('/')}.`);
  return found;
}

/** The route template for a path, without resolving ids (for fault matching before auth). */
export function templateOf(segs: string[]): string {
  return '/' + segs.map((s, i) => (i % 2 === 1 ? '{id}' : s)).join('/');
}
