import type { EntityKind, RecordByKind } from '../../../shared/oneroster/types';
import {
  KIND_OF_COLLECTION,
  SNAPSHOT_COLLECTIONS,
  type SnapshotCollection,
} from '../../../shared/snapshots/collections';

/**
 * How each collection's normalised record maps onto its SQLite table: one place that the schema (migrations),
 * the writer (record → row), the readers (row → record), cloning and diff all derive from, so a new column is
 * added once.
 */

export type SqlValue = string | number | null;

/** text: string|null as is; json: a list/object as JSON text; bool: 1/0/null. */
export type ColumnType = 'text' | 'json' | 'bool';

export interface ColumnSpec {
  /** SQL column name. */
  col: string;
  /** Field of the normalised record. */
  field: string;
  type: ColumnType;
  /** Indexed as (snapshot_id, col): a reference the evaluator joins on. */
  indexed?: boolean;
}

/** A list reference that also gets a link table, so "which classes use term X" is an index lookup. */
export interface LinkSpec {
  table: string;
  ownerCol: string;
  targetCol: string;
  field: string;
}

export interface TableSpec {
  collection: SnapshotCollection;
  kind: EntityKind;
  table: string;
  /** Columns after the common ones (sourced_id, status, date_last_modified). */
  columns: readonly ColumnSpec[];
  links: readonly LinkSpec[];
}

const t = (col: string, field: string, indexed = false): ColumnSpec => ({
  col,
  field,
  type: 'text',
  indexed,
});
const j = (col: string, field: string): ColumnSpec => ({ col, field, type: 'json' });
const b = (col: string, field: string): ColumnSpec => ({ col, field, type: 'bool' });

export const TABLES: Readonly<Record<SnapshotCollection, TableSpec>> = {
  orgs: {
    collection: 'orgs',
    kind: 'org',
    table: 'orgs',
    columns: [
      t('name', 'name'),
      t('type', 'type'),
      t('identifier', 'identifier'),
      t('parent_id', 'parentId', true),
    ],
    links: [],
  },
  academicSessions: {
    collection: 'academicSessions',
    kind: 'academicSession',
    table: 'academic_sessions',
    columns: [
      t('title', 'title'),
      t('type', 'type'),
      t('start_date', 'startDate'),
      t('end_date', 'endDate'),
      t('parent_id', 'parentId', true),
      t('school_year', 'schoolYear'),
    ],
    links: [],
  },
  courses: {
    collection: 'courses',
    kind: 'course',
    table: 'courses',
    columns: [
      t('title', 'title'),
      t('course_code', 'courseCode'),
      t('school_year_id', 'schoolYearId', true),
      t('org_id', 'orgId', true),
      j('grades', 'grades'),
      j('subjects', 'subjects'),
    ],
    links: [],
  },
  classes: {
    collection: 'classes',
    kind: 'class',
    table: 'classes',
    columns: [
      t('title', 'title'),
      t('class_code', 'classCode'),
      t('class_type', 'classType'),
      t('location', 'location'),
      t('course_id', 'courseId', true),
      t('school_id', 'schoolId', true),
      j('term_ids', 'termIds'),
      j('periods', 'periods'),
      j('grades', 'grades'),
      j('subjects', 'subjects'),
    ],
    links: [{ table: 'class_terms', ownerCol: 'class_id', targetCol: 'term_id', field: 'termIds' }],
  },
  users: {
    collection: 'users',
    kind: 'user',
    table: 'users',
    columns: [
      t('username', 'username'),
      b('enabled_user', 'enabledUser'),
      t('given_name', 'givenName'),
      t('family_name', 'familyName'),
      t('middle_name', 'middleName'),
      t('role', 'role'),
      j('org_ids', 'orgIds'),
      t('identifier', 'identifier'),
      t('email', 'email'),
      t('sms', 'sms'),
      t('phone', 'phone'),
      j('agent_ids', 'agentIds'),
      j('grades', 'grades'),
      j('user_ids', 'userIds'),
      b('has_password', 'hasPassword'),
      t('shape', 'shape'),
    ],
    links: [
      { table: 'user_orgs', ownerCol: 'user_id', targetCol: 'org_id', field: 'orgIds' },
      { table: 'user_agents', ownerCol: 'user_id', targetCol: 'agent_id', field: 'agentIds' },
    ],
  },
  enrollments: {
    collection: 'enrollments',
    kind: 'enrollment',
    table: 'enrollments',
    columns: [
      t('user_id', 'userId', true),
      t('class_id', 'classId', true),
      t('school_id', 'schoolId', true),
      t('role', 'role'),
      b('is_primary', 'primary'),
      t('begin_date', 'beginDate'),
      t('end_date', 'endDate'),
    ],
    links: [],
  },
  demographics: {
    collection: 'demographics',
    kind: 'demographics',
    table: 'demographics',
    columns: [t('birth_date', 'birthDate'), t('sex', 'sex')],
    links: [],
  },
};

export const ALL_TABLES: readonly TableSpec[] = SNAPSHOT_COLLECTIONS.map((c) => TABLES[c]);
export const ALL_LINKS: readonly LinkSpec[] = ALL_TABLES.flatMap((s) => s.links);

/** Normalised columns shared by every record table, in row order. */
export const BASE_COLUMNS: readonly ColumnSpec[] = [
  t('sourced_id', 'sourcedId'),
  t('status', 'status'),
  t('date_last_modified', 'dateLastModified'),
];

/** Every normalised column of a table (base + specific), in row order. */
export function recordColumns(spec: TableSpec): readonly ColumnSpec[] {
  return [...BASE_COLUMNS, ...spec.columns];
}

export function tableSpec(collection: SnapshotCollection): TableSpec {
  const spec = TABLES[collection];
  if (spec === undefined) throw new Error(`unknown collection ${String(collection)}`);
  return spec;
}

export function kindOf(collection: SnapshotCollection): EntityKind {
  return KIND_OF_COLLECTION[collection];
}

function toSql(type: ColumnType, v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (type === 'json') return JSON.stringify(v);
  if (type === 'bool') return v ? 1 : 0;
  return typeof v === 'string' ? v : String(v);
}

function fromSql(type: ColumnType, v: unknown): unknown {
  if (v === null || v === undefined) return type === 'json' ? [] : null;
  if (type === 'json') return JSON.parse(String(v));
  if (type === 'bool') return v === 1 || v === 1n;
  return v;
}

/** The record's normalised values, in `recordColumns` order. */
export function recordValues(columns: readonly ColumnSpec[], record: object): SqlValue[] {
  const r = record as Record<string, unknown>;
  const out = new Array<SqlValue>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    out[i] = toSql(c.type, r[c.field]);
  }
  return out;
}

/** Builds the normalised record back from a row read with `recordColumns` (as named columns). */
export function rowToRecord<K extends EntityKind>(
  columns: readonly ColumnSpec[],
  row: Record<string, unknown>,
): RecordByKind[K] {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c.field] = fromSql(c.type, row[c.col]);
  return out as unknown as RecordByKind[K];
}

/** Compares one normalised value as stored (used by diff for field-level changes). */
export function decodeColumn(c: ColumnSpec, v: unknown): unknown {
  return fromSql(c.type, v);
}
