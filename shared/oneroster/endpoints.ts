import type { EntityKind } from './types';

/**
 * The OneRoster 1.1 bulk collections ("getAll*" endpoints, docs/oneroster-dialects.md) and what each holds.
 * Canvas requires every collection except demographics; gradingPeriods is optional for verify because many
 * districts simply have none (an empty or missing endpoint is then a warning, not a blocker).
 */
export type CollectionName =
  | 'orgs'
  | 'schools'
  | 'academicSessions'
  | 'terms'
  | 'gradingPeriods'
  | 'courses'
  | 'classes'
  | 'users'
  | 'students'
  | 'teachers'
  | 'enrollments'
  | 'demographics';

export type OAuth2Scope = 'roster-core.readonly' | 'roster-demographics.readonly';

export interface CollectionDef {
  name: CollectionName;
  /** Path under the base URL, e.g. '/terms'. */
  path: string;
  /** Spec envelope key of the collection response, e.g. `{"academicSessions": [...]}` for /terms. */
  envelopeKey: string;
  /** Spec envelope key of the singleton response (`/terms/{id}` → `{"academicSession": {...}}`). */
  singletonKey: string;
  /** Keys real servers use instead (Microsoft's sample: students/teachers/terms/gradingPeriods/demographic). */
  altEnvelopeKeys: readonly string[];
  altSingletonKeys: readonly string[];
  kind: EntityKind;
  /** Required for a Canvas sync (and therefore a blocker in verify when it fails). */
  required: boolean;
  scope: OAuth2Scope;
}

function def(
  name: CollectionName,
  envelopeKey: string,
  singletonKey: string,
  kind: EntityKind,
  required: boolean,
  alt: readonly string[] = [],
  altSingleton: readonly string[] = [],
  scope: OAuth2Scope = 'roster-core.readonly',
): CollectionDef {
  return {
    name,
    path: `/${name}`,
    envelopeKey,
    singletonKey,
    altEnvelopeKeys: alt,
    altSingletonKeys: altSingleton,
    kind,
    required,
    scope,
  };
}

export const COLLECTIONS: readonly CollectionDef[] = [
  def('orgs', 'orgs', 'org', 'org', true),
  def('schools', 'orgs', 'org', 'org', true, ['schools'], ['school']),
  def('academicSessions', 'academicSessions', 'academicSession', 'academicSession', true),
  def('terms', 'academicSessions', 'academicSession', 'academicSession', true, ['terms'], ['term']),
  def(
    'gradingPeriods',
    'academicSessions',
    'academicSession',
    'academicSession',
    false,
    ['gradingPeriods'],
    ['gradingPeriod'],
  ),
  def('courses', 'courses', 'course', 'course', true),
  def('classes', 'classes', 'class', 'class', true),
  def('users', 'users', 'user', 'user', true),
  def('students', 'users', 'user', 'user', true, ['students'], ['student']),
  def('teachers', 'users', 'user', 'user', true, ['teachers'], ['teacher']),
  def('enrollments', 'enrollments', 'enrollment', 'enrollment', true),
  // The singleton key really is plural in the spec tables; Microsoft's sample sends `demographic`.
  def(
    'demographics',
    'demographics',
    'demographics',
    'demographics',
    false,
    ['demographic'],
    ['demographic'],
    'roster-demographics.readonly',
  ),
];

export const REQUIRED_COLLECTIONS: readonly CollectionDef[] = COLLECTIONS.filter((c) => c.required);
export const OPTIONAL_COLLECTIONS: readonly CollectionDef[] = COLLECTIONS.filter((c) => !c.required);

const BY_NAME = new Map<string, CollectionDef>(COLLECTIONS.map((c) => [c.name, c]));

export function collectionByName(name: string): CollectionDef | undefined {
  return BY_NAME.get(name);
}

/** OAuth 2 scope prefix for OneRoster 1.1 (docs/oneroster-dialects.md). */
export const V1P1_SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';

/**
 * What a request path returns: a collection of `def` (bulk or nested "for" endpoint such as
 * /schools/{id}/classes → classes) or a singleton (/users/{id}). Matching is on the last one or two path
 * segments, so it works whatever the base path is.
 */
export interface PathTarget {
  def: CollectionDef;
  singleton: boolean;
}

export function targetForPath(path: string): PathTarget | undefined {
  const clean = path.split(/[?#]/, 1)[0] ?? '';
  const segments = clean.split('/').filter((s) => s.length > 0);
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  const collection = BY_NAME.get(last);
  if (collection) return { def: collection, singleton: false };
  const parent = segments[segments.length - 2];
  const owner = parent === undefined ? undefined : BY_NAME.get(parent);
  return owner ? { def: owner, singleton: true } : undefined;
}
