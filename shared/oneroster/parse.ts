import type {
  AcademicSession,
  BaseRecord,
  Class,
  Course,
  Demographics,
  Enrollment,
  EntityKind,
  Org,
  ParseResult,
  RecordByKind,
  RecordStatus,
  User,
} from './types';
import {
  addIssue,
  isObject,
  readBoolean,
  readDate,
  readDateTime,
  readEnum,
  readRef,
  readRefs,
  readString,
  readStrings,
  type Issues,
  type Raw,
} from './parse-fields';
import {
  CLASS_TYPE_TABLE,
  ENROLLMENT_ROLE_SET,
  ORG_TYPE_TABLE,
  SESSION_TYPE_TABLE,
  SEX_TABLE,
  STATUS_TABLE,
  USER_ROLE_TABLE,
  isV1p2AdminRole,
} from './vocab';
import { readUserRoles } from './parse-user';

/**
 * Tolerant OneRoster 1.1 record parser: turns one raw JSON record into the normalised shape of types.ts and
 * a list of schema issues. It never throws — a malformed record is reported, not fatal — and it is
 * hand-written rather than schema-driven because it runs on every record of a pull (1M+).
 */
// Records are built as single object literals with explicit base fields: `{...base, more}` measured ~200x
// slower in V8 (10 µs per record), which matters at a million records.
export function parseRecord<K extends EntityKind>(kind: K, raw: unknown): ParseResult<K> {
  const issues: Issues = [];
  try {
    if (!isObject(raw)) {
      addIssue(issues, '', 'bad_type', `the ${kind} record is not a JSON object`);
      return { record: null, issues };
    }
    const parser = PARSERS[kind] as
      ((raw: Raw, base: BaseRecord, issues: Issues) => RecordByKind[K]) | undefined;
    if (parser === undefined) {
      addIssue(issues, '', 'bad_type', `unknown record kind "${String(kind)}"`);
      return { record: null, issues };
    }
    const base = readBase(raw, issues);
    if (base === null) return { record: null, issues };
    return { record: parser(raw, base, issues), issues };
  } catch (err) {
    // Only reachable with exotic inputs (throwing getters, proxies); JSON.parse output never gets here.
    addIssue(
      issues,
      '',
      'bad_type',
      `the ${kind} record could not be read: ${err instanceof Error ? err.message : 'unknown error'}`,
    );
    return { record: null, issues };
  }
}

function readBase(raw: Raw, issues: Issues): BaseRecord | null {
  const sourcedId = readString(raw, 'sourcedId', issues, true);
  if (sourcedId === null) return null;
  return {
    sourcedId,
    status: readStatus(raw, issues),
    // '' is how a bulk CSV file's blank dateLastModified arrives (the CSV binding allows it in bulk mode; the
    // CSV reader leaves absent values out otherwise), so only a missing field is reported.
    dateLastModified: readDateTime(raw, 'dateLastModified', issues, raw.dateLastModified !== ''),
  };
}

function readStatus(raw: Raw, issues: Issues): RecordStatus {
  const v = readString(raw, 'status', issues, true);
  if (v === null) return 'active';
  const key = v.trim().toLowerCase();
  const known = STATUS_TABLE.get(key);
  if (known !== undefined) return known as RecordStatus;
  if (key === 'inactive') {
    // 1.1 removed 'inactive' and says to read it as 'tobedeleted'.
    addIssue(
      issues,
      'status',
      'legacy_value',
      `status "${v}" is the OneRoster 1.0 value; read as "tobedeleted"`,
    );
    return 'tobedeleted';
  }
  addIssue(issues, 'status', 'bad_enum', `status "${v}" is not "active" or "tobedeleted"; read as "active"`);
  return 'active';
}

function parseOrg(raw: Raw, base: BaseRecord, issues: Issues): Org {
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    name: readString(raw, 'name', issues, true) ?? '',
    type: readEnum(raw, 'type', issues, true, ORG_TYPE_TABLE) ?? '',
    identifier: readString(raw, 'identifier', issues, false),
    parentId: readRef(raw, 'parent', issues, false),
  };
}

function parseSession(raw: Raw, base: BaseRecord, issues: Issues): AcademicSession {
  const schoolYear = readString(raw, 'schoolYear', issues, true);
  if (schoolYear !== null && !/^\d{4}$/.test(schoolYear)) {
    addIssue(
      issues,
      'schoolYear',
      'bad_type',
      `schoolYear "${schoolYear}" should be a four-digit year (the year the school year ends)`,
    );
  }
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    title: readString(raw, 'title', issues, true) ?? '',
    type: readEnum(raw, 'type', issues, true, SESSION_TYPE_TABLE) ?? '',
    startDate: readDate(raw, 'startDate', issues, true),
    endDate: readDate(raw, 'endDate', issues, true),
    parentId: readRef(raw, 'parent', issues, false),
    schoolYear,
  };
}

function parseCourse(raw: Raw, base: BaseRecord, issues: Issues): Course {
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    title: readString(raw, 'title', issues, true) ?? '',
    // courseCode and org are "expected" rather than strictly required in 1.1 (§2.5); still reported.
    courseCode: readString(raw, 'courseCode', issues, true),
    schoolYearId: readRef(raw, 'schoolYear', issues, false),
    orgId: readRef(raw, 'org', issues, true),
    grades: readStrings(raw, 'grades', issues),
    subjects: readStrings(raw, 'subjects', issues),
  };
}

function parseClass(raw: Raw, base: BaseRecord, issues: Issues): Class {
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    title: readString(raw, 'title', issues, true) ?? '',
    classCode: readString(raw, 'classCode', issues, false),
    classType: readEnum(raw, 'classType', issues, false, CLASS_TYPE_TABLE),
    location: readString(raw, 'location', issues, false),
    courseId: readRef(raw, 'course', issues, true),
    schoolId: readRef(raw, 'school', issues, true),
    termIds: readRefs(raw, 'terms', issues, true),
    periods: readStrings(raw, 'periods', issues),
    grades: readStrings(raw, 'grades', issues),
    subjects: readStrings(raw, 'subjects', issues),
  };
}

function parseUser(raw: Raw, base: BaseRecord, issues: Issues): User {
  // 1.2 replaced role + orgs by roles[]; providers may send that shape on a v1p1 path (§2.11).
  const v1p2 = Array.isArray(raw.roles) && (raw.role === undefined || raw.role === null);
  let role: string;
  let orgIds: string[];
  if (v1p2) {
    const fromRoles = readUserRoles(raw, issues);
    role = fromRoles.role;
    orgIds = fromRoles.orgIds;
    if (raw.orgs !== undefined)
      for (const id of readRefs(raw, 'orgs', issues, false)) if (!orgIds.includes(id)) orgIds.push(id);
  } else {
    role = readRole(raw, issues);
    orgIds = readRefs(raw, 'orgs', issues, true);
  }
  const password = raw.password;
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    // 1.2 dropped username from the required list; a 1.1 user must have one.
    username: readString(raw, 'username', issues, !v1p2),
    enabledUser: readBoolean(raw, 'enabledUser', issues, true),
    givenName: readString(raw, 'givenName', issues, true) ?? '',
    familyName: readString(raw, 'familyName', issues, true) ?? '',
    middleName: readString(raw, 'middleName', issues, false),
    role,
    orgIds,
    identifier: readString(raw, 'identifier', issues, false),
    email: readString(raw, 'email', issues, false),
    sms: readString(raw, 'sms', issues, false),
    phone: readString(raw, 'phone', issues, false),
    agentIds: readRefs(raw, 'agents', issues, false),
    grades: readStrings(raw, 'grades', issues),
    userIds: readUserIds(raw, issues),
    hasPassword: password !== undefined && password !== null && password !== '',
    shape: v1p2 ? '1.2' : '1.1',
  };
}

/**
 * A role: canonical 1.1 user role when known; 1.2 admin roles read as 'administrator'; anything else kept as
 * sent. `allowed` narrows the list that is issue-free (enrollments: administrator/proctor/student/teacher).
 */
function readRole(raw: Raw, issues: Issues, allowed?: ReadonlySet<string>): string {
  const v = readString(raw, 'role', issues, true);
  if (v === null) return '';
  const known = USER_ROLE_TABLE.get(v.trim().toLowerCase());
  if (known !== undefined) {
    if (allowed !== undefined && !allowed.has(known)) {
      // Tolerated (1.1 OAS-derived clients accept the whole user-role list) but not a 1.1 enrollment role.
      addIssue(
        issues,
        'role',
        'bad_enum',
        `role "${v}" is not an enrollment role (administrator, proctor, student, teacher)`,
      );
    }
    return known;
  }
  if (isV1p2AdminRole(v)) {
    addIssue(issues, 'role', 'bad_enum', `role "${v}" is a OneRoster 1.2 role; read as "administrator"`);
    return 'administrator';
  }
  addIssue(issues, 'role', 'bad_enum', `role "${v}" is not a OneRoster 1.1 role`);
  return v;
}

function readUserIds(raw: Raw, issues: Issues): Array<{ type: string; identifier: string }> {
  const v = raw.userIds;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    addIssue(issues, 'userIds', 'bad_type', 'userIds should be a list of {type, identifier}');
    return [];
  }
  const out: Array<{ type: string; identifier: string }> = [];
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (
      isObject(item) &&
      typeof item.type === 'string' &&
      (typeof item.identifier === 'string' || typeof item.identifier === 'number')
    ) {
      out.push({ type: item.type, identifier: String(item.identifier) });
    } else {
      addIssue(issues, `userIds[${i}]`, 'bad_type', `userIds[${i}] should be {type, identifier}`);
    }
  }
  return out;
}

function parseEnrollment(raw: Raw, base: BaseRecord, issues: Issues): Enrollment {
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    userId: readRef(raw, 'user', issues, true),
    classId: readRef(raw, 'class', issues, true),
    schoolId: readRef(raw, 'school', issues, true),
    role: readRole(raw, issues, ENROLLMENT_ROLE_SET),
    primary: readBoolean(raw, 'primary', issues, false),
    beginDate: readDate(raw, 'beginDate', issues, false),
    endDate: readDate(raw, 'endDate', issues, false),
  };
}

function parseDemographics(raw: Raw, base: BaseRecord, issues: Issues): Demographics {
  return {
    sourcedId: base.sourcedId,
    status: base.status,
    dateLastModified: base.dateLastModified,
    birthDate: readDate(raw, 'birthDate', issues, false),
    sex: readEnum(raw, 'sex', issues, false, SEX_TABLE),
  };
}

const PARSERS: { [K in EntityKind]: (raw: Raw, base: BaseRecord, issues: Issues) => RecordByKind[K] } = {
  org: parseOrg,
  academicSession: parseSession,
  course: parseCourse,
  class: parseClass,
  user: parseUser,
  enrollment: parseEnrollment,
  demographics: parseDemographics,
};

export { redactRaw, REDACTED } from './redact';
