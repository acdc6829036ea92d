import type Database from 'better-sqlite3';
import type { EntityKind } from '../../../../shared/oneroster/types';
import { SNAPSHOT_COLLECTIONS, type SnapshotCollection } from '../../../../shared/snapshots/collections';
import { TABLES } from '../../snapshots/tables';

/**
 * Small helpers shared by the rule families: table names per collection, typed query shortcuts and the
 * wording helpers every message uses. Additive only: several rule families import from here.
 */

export interface CollectionTable {
  collection: SnapshotCollection;
  kind: EntityKind;
  table: string;
}

export const COLLECTION_TABLES: readonly CollectionTable[] = SNAPSHOT_COLLECTIONS.map((collection) => ({
  collection,
  kind: TABLES[collection].kind,
  table: TABLES[collection].table,
}));

export function tableOf(collection: SnapshotCollection): string {
  return TABLES[collection].table;
}

/** The link table that holds a list reference (class.terms → class_terms, user.orgs → user_orgs, …). */
export function linkOf(
  collection: SnapshotCollection,
  field: string,
): { table: string; ownerCol: string; targetCol: string } {
  const link = TABLES[collection].links.find((l) => l.field === field);
  if (link === undefined) throw new Error(`no link table for ${collection}.${field}`);
  return link;
}

export function all<T>(db: Database.Database, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

export function iterate<T>(db: Database.Database, sql: string, ...params: unknown[]): IterableIterator<T> {
  return db.prepare(sql).iterate(...params) as IterableIterator<T>;
}

/**
 * The sourcedId of a finding about a whole collection (counts, unreadable records): the collection's path,
 * like the CONN-* findings name endpoints. A record's own sourcedId never collides with it in practice, and
 * SID-FORMAT would flag one that did (it contains "/").
 */
export function collectionFindingId(collection: SnapshotCollection): string {
  return `/${collection}`;
}

const NOUNS: Record<EntityKind, string> = {
  org: 'Org',
  academicSession: 'Session',
  course: 'Course',
  class: 'Class',
  user: 'User',
  enrollment: 'Enrollment',
  demographics: 'Demographics record',
};

/** "Class", "User"… for the start of a message. */
export function noun(kind: EntityKind): string {
  return NOUNS[kind];
}

/** A session named by its type: "Term", "School year", "Semester", "Grading period". */
export function sessionNoun(type: string | null): string {
  switch (type) {
    case 'schoolYear':
      return 'School year';
    case 'semester':
      return 'Semester';
    case 'gradingPeriod':
      return 'Grading period';
    case 'term':
      return 'Term';
    default:
      return 'Session';
  }
}

/** An id as it appears in a message: bare when plain, quoted when it has spaces or odd characters. */
export function showId(id: string): string {
  return /^[\w.:@#~+-]+$/.test(id) ? id : JSON.stringify(id);
}

/** "A, B and 3 more" — keeps messages short when a group is large. */
export function listIds(ids: readonly string[], max = 3): string {
  const shown = ids.slice(0, max).map(showId);
  if (ids.length <= max) {
    return shown.length <= 1
      ? (shown[0] ?? '')
      : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  }
  return `${shown.join(', ')} and ${ids.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2026-08-17 – 2026-12-18", with "?" for a missing date. */
export function span(start: string | null, end: string | null): string {
  return `${start ?? '?'} – ${end ?? '?'}`;
}

/** Caps a `related`/`detail` list so one huge group does not blow up a report. */
export const LIST_CAP = 50;
