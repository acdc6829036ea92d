import type { SnapshotCollection } from '../../../shared/snapshots/collections';

/**
 * The OneRoster 1.1 CSV binding: which file holds which collection, its columns, and how each column becomes
 * a field of the JSON binding (so CSV rows go through the same parser as REST records and yield the same
 * findings). References become GUIDRefs; multi-value columns are comma-separated inside one quoted value.
 */

export type ColumnKind =
  | { type: 'text'; key: string }
  | { type: 'list'; key: string }
  | { type: 'ref'; key: string; refType: string; path: string }
  | { type: 'refs'; key: string; refType: string; path: string }
  | { type: 'userIds'; key: string }
  /** OneRoster 1.0 `userId`: one plain identifier, read as userIds [{type: 'userId', identifier}]. */
  | { type: 'userId'; key: string };

export interface CsvColumn {
  name: string;
  kind: ColumnKind;
  /** Required by the 1.1 CSV binding (a missing column is reported; the parser then reports each record). */
  required: boolean;
}

export interface CsvFileDef {
  file: string;
  collection: SnapshotCollection;
  /** Manifest property, e.g. 'file.users'. */
  manifestKey: string;
  columns: readonly CsvColumn[];
}

const text = (name: string, required = false, key = name): CsvColumn => ({
  name,
  kind: { type: 'text', key },
  required,
});
const list = (name: string, required = false, key = name): CsvColumn => ({
  name,
  kind: { type: 'list', key },
  required,
});
const ref = (name: string, key: string, refType: string, path: string, required = false): CsvColumn => ({
  name,
  kind: { type: 'ref', key, refType, path },
  required,
});
const refs = (name: string, key: string, refType: string, path: string, required = false): CsvColumn => ({
  name,
  kind: { type: 'refs', key, refType, path },
  required,
});

const BASE: readonly CsvColumn[] = [text('sourcedId', true), text('status'), text('dateLastModified')];

function def(file: string, collection: SnapshotCollection, columns: CsvColumn[]): CsvFileDef {
  return {
    file,
    collection,
    manifestKey: `file.${file.replace(/\.csv$/, '')}`,
    columns: [...BASE, ...columns],
  };
}

/** In import order (parents before children, as the spec lists them). */
export const CSV_FILES: readonly CsvFileDef[] = [
  def('orgs.csv', 'orgs', [
    text('name', true),
    text('type', true),
    text('identifier'),
    ref('parentSourcedId', 'parent', 'org', 'orgs'),
  ]),
  def('academicSessions.csv', 'academicSessions', [
    text('title', true),
    text('type', true),
    text('startDate', true),
    text('endDate', true),
    ref('parentSourcedId', 'parent', 'academicSession', 'academicSessions'),
    text('schoolYear', true),
  ]),
  def('courses.csv', 'courses', [
    ref('schoolYearSourcedId', 'schoolYear', 'academicSession', 'academicSessions'),
    text('title', true),
    text('courseCode'),
    list('grades'),
    ref('orgSourcedId', 'org', 'org', 'orgs', true),
    list('subjects'),
    list('subjectCodes'),
  ]),
  def('classes.csv', 'classes', [
    text('title', true),
    list('grades'),
    ref('courseSourcedId', 'course', 'course', 'courses', true),
    text('classCode'),
    text('classType'),
    text('location'),
    ref('schoolSourcedId', 'school', 'org', 'orgs', true),
    refs('termSourcedIds', 'terms', 'academicSession', 'academicSessions', true),
    list('subjects'),
    list('subjectCodes'),
    list('periods'),
  ]),
  def('users.csv', 'users', [
    text('enabledUser', true),
    refs('orgSourcedIds', 'orgs', 'org', 'orgs', true),
    text('role', true),
    text('username', true),
    { name: 'userIds', kind: { type: 'userIds', key: 'userIds' }, required: false },
    text('givenName', true),
    text('familyName', true),
    text('middleName'),
    text('identifier'),
    text('email'),
    text('sms'),
    text('phone'),
    refs('agentSourcedIds', 'agents', 'user', 'users'),
    list('grades'),
    text('password'),
    // OneRoster 1.2 (optional here; 1.2's role and orgs come from roles.csv, see user-roles.ts).
    text('userMasterIdentifier'),
    text('preferredFirstName'),
    text('preferredMiddleName'),
    text('preferredLastName'),
    text('pronouns'),
    ref('primaryOrgSourcedId', 'primaryOrg', 'org', 'orgs'),
    refs('resourceSourcedIds', 'resources', 'resource', 'resources'),
  ]),
  def('enrollments.csv', 'enrollments', [
    ref('classSourcedId', 'class', 'class', 'classes', true),
    ref('schoolSourcedId', 'school', 'org', 'orgs', true),
    ref('userSourcedId', 'user', 'user', 'users', true),
    text('role', true),
    text('primary'),
    text('beginDate'),
    text('endDate'),
  ]),
  def('demographics.csv', 'demographics', [
    text('birthDate'),
    text('sex'),
    text('americanIndianOrAlaskaNative'),
    text('asian'),
    text('blackOrAfricanAmerican'),
    text('nativeHawaiianOrOtherPacificIslander'),
    text('white'),
    text('demographicRaceTwoOrMoreRaces'),
    text('hispanicOrLatinoEthnicity'),
    text('countryOfBirthCode'),
    text('stateOfBirthAbbreviation'),
    text('cityOfBirth'),
    text('publicSchoolResidenceStatus'),
  ]),
];

/** Files of a 1.1/1.2 bundle that are not collections of their own (gradebook, resources, 1.2 user files). */
export const KNOWN_OTHER_FILES = new Set(
  [
    'manifest.csv',
    // Read alongside users.csv (OneRoster 1.2), not as collections of their own.
    'roles.csv',
    'userProfiles.csv',
    'categories.csv',
    'scoreScales.csv',
    'lineItemLearningObjectiveIds.csv',
    'lineItemScoreScales.csv',
    'resultLearningObjectiveIds.csv',
    'resultScoreScales.csv',
    'classResources.csv',
    'courseResources.csv',
    'lineItems.csv',
    'resources.csv',
    'results.csv',
  ].map((f) => f.toLowerCase()),
);
