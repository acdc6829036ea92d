/**
 * Normalised OneRoster 1.1 records: what the tolerant parser (shared/oneroster/parse.ts) returns and what the
 * snapshot store keeps in columns. References are reduced to sourcedIds (resolve by sourcedId, never href).
 * Absent optional values are null (or [] for lists); the raw record is kept separately, so nothing is lost.
 */
export type EntityKind =
  'org' | 'academicSession' | 'course' | 'class' | 'user' | 'enrollment' | 'demographics';

export type RecordStatus = 'active' | 'tobedeleted';

export interface BaseRecord {
  sourcedId: string;
  /** Legacy 1.0 `inactive` is read as `tobedeleted`; unknown/missing → 'active' plus an issue. */
  status: RecordStatus;
  /** ISO 8601 as sent (null when missing/unparseable; an issue says so). */
  dateLastModified: string | null;
}

export type OrgType = 'department' | 'district' | 'local' | 'national' | 'school' | 'state';
export interface Org extends BaseRecord {
  name: string;
  /** Lower-cased; an unknown value is kept as sent plus an issue. */
  type: string;
  identifier: string | null;
  parentId: string | null;
}

export type SessionType = 'gradingPeriod' | 'semester' | 'schoolYear' | 'term';
export interface AcademicSession extends BaseRecord {
  title: string;
  type: string;
  /** YYYY-MM-DD or null when missing/unparseable. */
  startDate: string | null;
  endDate: string | null;
  parentId: string | null;
  schoolYear: string | null;
}

export interface Course extends BaseRecord {
  title: string;
  courseCode: string | null;
  schoolYearId: string | null;
  orgId: string | null;
  grades: string[];
  subjects: string[];
}

export interface Class extends BaseRecord {
  title: string;
  classCode: string | null;
  classType: string | null;
  location: string | null;
  courseId: string | null;
  schoolId: string | null;
  termIds: string[];
  periods: string[];
  grades: string[];
  subjects: string[];
}

export type UserRole =
  'administrator' | 'aide' | 'guardian' | 'parent' | 'proctor' | 'relative' | 'student' | 'teacher';
export interface User extends BaseRecord {
  username: string | null;
  enabledUser: boolean | null;
  givenName: string;
  familyName: string;
  middleName: string | null;
  /** 1.1 single role; for 1.2-shaped users the primary role (1.2 admin roles → 'administrator'). */
  role: string;
  orgIds: string[];
  identifier: string | null;
  email: string | null;
  sms: string | null;
  phone: string | null;
  agentIds: string[];
  grades: string[];
  userIds: Array<{ type: string; identifier: string }>;
  /** The feed carried a password. The password itself is never kept (see redactRaw). */
  hasPassword: boolean;
  /** Which shape the provider sent. */
  shape: '1.1' | '1.2';
}

export interface Enrollment extends BaseRecord {
  userId: string | null;
  classId: string | null;
  schoolId: string | null;
  role: string;
  primary: boolean | null;
  beginDate: string | null;
  endDate: string | null;
}

export interface Demographics extends BaseRecord {
  birthDate: string | null;
  sex: string | null;
}

export interface RecordByKind {
  org: Org;
  academicSession: AcademicSession;
  course: Course;
  class: Class;
  user: User;
  enrollment: Enrollment;
  demographics: Demographics;
}

export type SchemaIssueCode = 'missing' | 'bad_enum' | 'bad_date' | 'bad_type' | 'bad_ref' | 'legacy_value';
export interface SchemaIssue {
  /** Dotted path of the field, e.g. 'class.terms[0].sourcedId' → 'terms[0].sourcedId'. */
  field: string;
  code: SchemaIssueCode;
  message: string;
}

/**
 * Result of parsing one raw record. `record` is null only when the input is not an object or has no usable
 * sourcedId; such records are still stored raw and counted by the caller.
 */
export interface ParseResult<K extends EntityKind> {
  record: RecordByKind[K] | null;
  issues: SchemaIssue[];
}
