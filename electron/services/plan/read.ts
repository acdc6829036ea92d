import type Database from 'better-sqlite3';

/**
 * Compact, sorted reads of one snapshot for the planner: only the columns it needs, as raw arrays, in sourcedId
 * order (the unique (snapshot_id, sourced_id) index gives that order for free), so the output is deterministic
 * whatever order the records were stored in.
 */

export interface OrgIn {
  id: string;
  active: boolean;
  name: string;
  type: string;
  identifier: string | null;
  parentId: string | null;
}

export interface SessionIn {
  id: string;
  active: boolean;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  parentId: string | null;
}

export interface CourseIn {
  id: string;
  title: string;
  courseCode: string | null;
}

export interface ClassIn {
  id: string;
  active: boolean;
  title: string;
  classCode: string | null;
  courseId: string | null;
  schoolId: string | null;
  termIds: string[];
  periods: string[];
}

export interface UserIn {
  id: string;
  active: boolean;
  username: string | null;
  givenName: string;
  familyName: string;
  role: string;
  identifier: string | null;
  email: string | null;
  agentIds: string[];
  userIds: Array<{ type: string; identifier: string }>;
}

/** Enrollment columns: sourced_id, status, user_id, class_id, role, is_primary, begin_date, end_date, school_id. */
export type EnrollmentTuple = [
  string,
  string,
  string | null,
  string | null,
  string,
  number | null,
  string | null,
  string | null,
  string | null,
];

function rows<T>(db: Database.Database, sql: string, snapshotId: string): IterableIterator<T> {
  return db.prepare(sql).raw(true).iterate(snapshotId) as IterableIterator<T>;
}

const jsonList = <T>(text: string | null): T[] => (text === null ? [] : (JSON.parse(text) as T[]));

export function readOrgs(db: Database.Database, snapshotId: string): OrgIn[] {
  const out: OrgIn[] = [];
  type Row = [string, string, string, string, string | null, string | null];
  for (const r of rows<Row>(
    db,
    'SELECT sourced_id, status, name, type, identifier, parent_id FROM orgs WHERE snapshot_id = ? ORDER BY sourced_id',
    snapshotId,
  )) {
    out.push({ id: r[0], active: r[1] !== 'tobedeleted', name: r[2] ?? '', type: r[3] ?? '', identifier: r[4], parentId: r[5] });
  }
  return out;
}

export function readSessions(db: Database.Database, snapshotId: string): SessionIn[] {
  const out: SessionIn[] = [];
  type Row = [string, string, string, string, string | null, string | null, string | null];
  for (const r of rows<Row>(
    db,
    `SELECT sourced_id, status, title, type, start_date, end_date, parent_id
     FROM academic_sessions WHERE snapshot_id = ? ORDER BY sourced_id`,
    snapshotId,
  )) {
    out.push({
      id: r[0],
      active: r[1] !== 'tobedeleted',
      title: r[2] ?? '',
      type: r[3] ?? '',
      startDate: r[4],
      endDate: r[5],
      parentId: r[6],
    });
  }
  return out;
}

export function readCourses(db: Database.Database, snapshotId: string): Map<string, CourseIn> {
  const out = new Map<string, CourseIn>();
  type Row = [string, string, string | null];
  for (const r of rows<Row>(
    db,
    'SELECT sourced_id, title, course_code FROM courses WHERE snapshot_id = ? ORDER BY sourced_id',
    snapshotId,
  )) {
    out.set(r[0], { id: r[0], title: r[1] ?? '', courseCode: r[2] });
  }
  return out;
}

export function readClasses(db: Database.Database, snapshotId: string): ClassIn[] {
  const out: ClassIn[] = [];
  type Row = [string, string, string, string | null, string | null, string | null, string | null, string | null];
  for (const r of rows<Row>(
    db,
    `SELECT sourced_id, status, title, class_code, course_id, school_id, term_ids, periods
     FROM classes WHERE snapshot_id = ? ORDER BY sourced_id`,
    snapshotId,
  )) {
    out.push({
      id: r[0],
      active: r[1] !== 'tobedeleted',
      title: r[2] ?? '',
      classCode: r[3],
      courseId: r[4],
      schoolId: r[5],
      termIds: jsonList<string>(r[6]),
      periods: jsonList<string>(r[7]),
    });
  }
  return out;
}

/** Streams users; agent and userIds lists are only decoded when asked for (they cost time at 100k users). */
export function* readUsers(
  db: Database.Database,
  snapshotId: string,
  want: { agents: boolean; userIds: boolean },
): IterableIterator<UserIn> {
  type Row = [string, string, string | null, string, string, string, string | null, string | null, string | null, string | null];
  const agents = want.agents ? 'agent_ids' : 'NULL';
  const userIds = want.userIds ? 'user_ids' : 'NULL';
  for (const r of rows<Row>(
    db,
    `SELECT sourced_id, status, username, given_name, family_name, role, identifier, email, ${agents}, ${userIds}
     FROM users WHERE snapshot_id = ? ORDER BY sourced_id`,
    snapshotId,
  )) {
    yield {
      id: r[0],
      active: r[1] !== 'tobedeleted',
      username: r[2],
      givenName: r[3] ?? '',
      familyName: r[4] ?? '',
      role: (r[5] ?? '').toLowerCase(),
      identifier: r[6],
      email: r[7],
      agentIds: jsonList<string>(r[8]),
      userIds: jsonList<{ type: string; identifier: string }>(r[9]),
    };
  }
}

/**
 * Enrollments in class order — (class_id, user_id, role, is_primary, school_id, begin_date, end_date,
 * sourced_id), a total order — which is also the order of enrollments.csv. Active rows come from the covering
 * index `enrollments_active_by_class` (compact index entries instead of ~1 KB rows with raw JSON, the biggest
 * cost of planning a million enrollments); the usually few other rows are read from the table and merged in.
 */
export function* readEnrollments(db: Database.Database, snapshotId: string): IterableIterator<EnrollmentTuple> {
  const ORDER = 'class_id, user_id, role, is_primary, school_id, begin_date, end_date, sourced_id';
  const COLS = "sourced_id, status, user_id, class_id, role, is_primary, begin_date, end_date, school_id";
  const total = db.prepare('SELECT count(*) FROM enrollments WHERE snapshot_id = ?').pluck().get(snapshotId) as number;
  const active = db
    .prepare("SELECT count(*) FROM enrollments WHERE snapshot_id = ? AND status = 'active'")
    .pluck()
    .get(snapshotId) as number;
  const others =
    total === active
      ? []
      : (db
          .prepare(`SELECT ${COLS} FROM enrollments WHERE snapshot_id = ? AND status != 'active' ORDER BY ${ORDER}`)
          .raw(true)
          .all(snapshotId) as OrderedTuple[]);
  let k = 0;
  const activeRows = rows<OrderedTuple>(
    db,
    `SELECT ${COLS} FROM enrollments WHERE snapshot_id = ? AND status = 'active' ORDER BY ${ORDER}`,
    snapshotId,
  );
  for (const row of activeRows) {
    while (k < others.length && compareOrder(others[k]!, row) < 0) yield others[k++]!;
    yield row;
  }
  while (k < others.length) yield others[k++]!;
}

type OrderedTuple = EnrollmentTuple;

/** SQLite's order for the key columns: NULL first, then text (BINARY) / numbers. */
function compareOrder(a: OrderedTuple, b: OrderedTuple): number {
  for (const i of [3, 2, 4, 5, 8, 6, 7, 0] as const) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
