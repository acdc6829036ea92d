import type Database from 'better-sqlite3';
import { countActive } from '../snapshots/active-count';
import { ClassRecords, compareNullable, type EnrollmentVisitor } from './class-records';

export type { EnrollmentVisitor } from './class-records';

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
    out.push({
      id: r[0],
      active: r[1] !== 'tobedeleted',
      name: r[2] ?? '',
      type: r[3] ?? '',
      identifier: r[4],
      parentId: r[5],
    });
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
  type Row = [
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ];
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
  type Row = [
    string,
    string,
    string | null,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
  ];
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
 * Enrollments in class order — by class_id, then user_id, role and sourced_id — which is also the order of
 * enrollments.csv. A million enrollments are the biggest cost of planning, and better-sqlite3 pays per value it
 * hands to JS; so active rows are read one row PER CLASS from the covering index `enrollments_active_by_class`,
 * their fields joined by SQLite (group_concat) and split here, and handed to `visit` without building a record
 * per enrollment — about 2× cheaper. Each class's records are checked for order (sorted if SQLite concatenated
 * them otherwise) and for separator characters inside values (that class is then re-read row by row). The
 * usually few non-active rows are read normally and merged in.
 */
export function readEnrollments(db: Database.Database, snapshotId: string, visit: EnrollmentVisitor): void {
  const others = readNonActive(db, snapshotId);
  const perClass = db
    .prepare(
      `SELECT ${ROW_COLS} FROM enrollments WHERE snapshot_id = ? AND status = 'active' AND class_id IS ? ORDER BY class_id`,
    )
    .raw(true);
  const grouped = rows<[string | null, string]>(
    db,
    `SELECT class_id, group_concat(${RECORD}, char(30)) FROM enrollments
     WHERE snapshot_id = ? AND status = 'active' GROUP BY class_id ORDER BY class_id`,
    snapshotId,
  );
  const scan = new ClassRecords();
  let k = 0;
  for (const [classId, joined] of grouped) {
    while (k < others.length && compareNullable(others[k]![0], classId) < 0)
      visitAll(sortClass(others[k++]![1]), visit);
    const extra = k < others.length && others[k]![0] === classId ? others[k++]![1] : null;
    if (extra === null && scan.read(joined) && scan.inOrder()) {
      scan.visit(classId, visit);
      continue;
    }
    // Slow path (rare): whole rows for this class, merged with its non-active rows and sorted.
    const records = perClass.all(snapshotId, classId) as EnrollmentTuple[];
    visitAll(sortClass(extra ? records.concat(extra) : records), visit);
  }
  while (k < others.length) visitAll(sortClass(others[k++]![1]), visit);
}

/** Non-active rows, grouped by class. Counting is index-only, so a feed without any skips the table scan. */
function readNonActive(db: Database.Database, snapshotId: string): Array<[string | null, EnrollmentTuple[]]> {
  // A complete snapshot records its counts; counting a million index entries again costs a quarter second.
  const counts = db.prepare('SELECT counts FROM snapshots WHERE id = ?').pluck().get(snapshotId) as
    string | null;
  const recorded = counts === null ? undefined : (JSON.parse(counts) as { enrollments?: number }).enrollments;
  const total =
    recorded ?? db.prepare('SELECT count(*) FROM enrollments WHERE snapshot_id = ?').pluck().get(snapshotId);
  if (countActive(db, 'enrollments', snapshotId, total as number) === total) return [];
  const tuples = db
    .prepare(
      `SELECT ${ROW_COLS} FROM enrollments WHERE snapshot_id = ? AND status != 'active' ORDER BY class_id`,
    )
    .raw(true)
    .all(snapshotId) as EnrollmentTuple[];
  const out: Array<[string | null, EnrollmentTuple[]]> = [];
  for (const t of tuples) {
    const last = out[out.length - 1];
    if (last && last[0] === t[3]) last[1].push(t);
    else out.push([t[3], [t]]);
  }
  return out;
}

const ROW_COLS = 'sourced_id, status, user_id, class_id, role, is_primary, begin_date, end_date, school_id';
/** One active enrollment as text: user, role, primary, begin, end, sourcedId (NULL → ''; group_concat skips NULLs). */
const RECORD = [
  "coalesce(user_id, '')",
  "coalesce(role, '')",
  "coalesce(is_primary, '')",
  "coalesce(begin_date, '')",
  "coalesce(end_date, '')",
  'sourced_id',
].join(' || char(31) || ');

function visitAll(records: readonly EnrollmentTuple[], visit: EnrollmentVisitor): void {
  for (const r of records)
    visit(
      r[0],
      r[1] !== 'tobedeleted',
      r[2],
      r[3],
      r[4] ?? '',
      r[5] === null ? null : r[5] === 1,
      r[6],
      r[7],
    );
}

/** Within a class: user, role, sourcedId. */
function sortClass(records: EnrollmentTuple[]): EnrollmentTuple[] {
  return records.sort(
    (a, b) => compareNullable(a[2], b[2]) || compareNullable(a[4], b[4]) || compareNullable(a[0], b[0]),
  );
}
