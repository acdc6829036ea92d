import type { ResolvedSpec } from './spec';

/** The seven record collections a 1.1 provider stores; every endpoint is a view over one of them. */
export type TableName =
  'orgs' | 'academicSessions' | 'courses' | 'classes' | 'users' | 'enrollments' | 'demographics';
export const TABLE_NAMES: readonly TableName[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
];

export type JsonRecord = Record<string, unknown>;

export interface GuidRef {
  href: string;
  sourcedId: string;
  type: string;
}

/** Where references point: `${baseUrl}/users/{id}`. Empty string gives relative hrefs. */
export interface BuildContext {
  baseUrl: string;
}

/**
 * One collection, generated on demand. Records are built from compact arrays when asked for, so a
 * 1M-enrollment district costs a few typed arrays rather than a million objects.
 */
export interface Table {
  readonly name: TableName;
  readonly size: number;
  /** Top-level fields of the 1.1 JSON binding for this entity (what `filter`, `sort`, `fields` may name). */
  readonly fields: readonly string[];
  /** True when index order equals ascending sourcedId order (the default sort); lets lookups binary-search. */
  readonly sortedById: boolean;
  id(index: number): string;
  build(index: number, ctx: BuildContext): JsonRecord;
  /**
   * Optional fast path for the big tables: exactly `JSON.stringify(build(index, ctx))`, written directly
   * (several times faster). Anything that replaces `build` must drop it: use `withBuild`.
   */
  json?(index: number, ctx: BuildContext): string;
}

/** A copy of `table` with another `build` (and without the now-stale `json` fast path). */
export function withBuild(table: Table, build: Table['build']): Table {
  const { json: _stale, ...rest } = table;
  return { ...rest, build };
}

/** JSON string literal; generated values rarely need escaping, so check before paying for JSON.stringify. */
export function jstr(s: string): string {
  // Control characters are exactly what JSON must escape, so the pattern has to name them.
  // eslint-disable-next-line no-control-regex
  return /["\\\u0000-\u001f]/.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** JSON text of `ref(ctx, …)` for ids made of URL-safe characters (all generated ids are). */
export function refJson(base: string, collection: string, sourcedId: string, type: string): string {
  return `{"href":"${base}/${collection}/${sourcedId}","sourcedId":"${sourcedId}","type":"${type}"}`;
}

let lastBase = { url: '', json: '' };
/** The base URL as it appears inside a JSON string (memoised: it is the same for every record of a page). */
export function jsonBase(ctx: BuildContext): string {
  if (lastBase.url !== ctx.baseUrl)
    lastBase = { url: ctx.baseUrl, json: JSON.stringify(ctx.baseUrl).slice(1, -1) };
  return lastBase.json;
}

export interface DistrictCounts {
  orgs: number;
  schools: number;
  academicSessions: number;
  terms: number;
  gradingPeriods: number;
  courses: number;
  classes: number;
  users: number;
  students: number;
  teachers: number;
  parents: number;
  enrollments: number;
  demographics: number;
}

export interface GeneratedDistrict {
  readonly spec: ResolvedSpec;
  readonly name: string;
  readonly districtId: string;
  readonly schoolIds: readonly string[];
  readonly counts: DistrictCounts;
  readonly tables: Readonly<Record<TableName, Table>>;
}

export function ref(ctx: BuildContext, collection: string, sourcedId: string, type: string): GuidRef {
  return { href: `${ctx.baseUrl}/${collection}/${encodeURIComponent(sourcedId)}`, sourcedId, type };
}

export const BASE_FIELDS = ['sourcedId', 'status', 'dateLastModified', 'metadata'] as const;

export const TABLE_FIELDS: Record<TableName, readonly string[]> = {
  orgs: [...BASE_FIELDS, 'name', 'type', 'identifier', 'parent', 'children'],
  academicSessions: [
    ...BASE_FIELDS,
    'title',
    'startDate',
    'endDate',
    'type',
    'parent',
    'children',
    'schoolYear',
  ],
  courses: [
    ...BASE_FIELDS,
    'title',
    'schoolYear',
    'courseCode',
    'grades',
    'subjects',
    'org',
    'subjectCodes',
    'resources',
  ],
  classes: [
    ...BASE_FIELDS,
    'title',
    'classCode',
    'classType',
    'location',
    'grades',
    'subjects',
    'course',
    'school',
    'terms',
    'subjectCodes',
    'periods',
    'resources',
  ],
  users: [
    ...BASE_FIELDS,
    'username',
    'userIds',
    'enabledUser',
    'givenName',
    'familyName',
    'middleName',
    'role',
    'identifier',
    'email',
    'sms',
    'phone',
    'agents',
    'orgs',
    'grades',
    'password',
  ],
  enrollments: [...BASE_FIELDS, 'user', 'class', 'school', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    ...BASE_FIELDS,
    'birthDate',
    'sex',
    'americanIndianOrAlaskaNative',
    'asian',
    'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
    'countryOfBirthCode',
    'stateOfBirthAbbreviation',
    'cityOfBirth',
    'publicSchoolResidenceStatus',
  ],
};

/** A table backed by prepared rows (small collections: orgs, sessions, courses, classes). */
export function rowTable<R extends { id: string }>(
  name: TableName,
  rows: readonly R[],
  build: (row: R, index: number, ctx: BuildContext) => JsonRecord,
): Table {
  return {
    name,
    size: rows.length,
    fields: TABLE_FIELDS[name],
    sortedById: isSorted(rows.length, (i) => rows[i]!.id),
    id: (i) => rows[i]!.id,
    build: (i, ctx) => build(rows[i]!, i, ctx),
  };
}

export function isSorted(size: number, id: (i: number) => string): boolean {
  for (let i = 1; i < size; i++) if (id(i - 1) > id(i)) return false;
  return true;
}

/** Milliseconds → ISO 8601 UTC with milliseconds and `Z`, as the 1.1 binding asks. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
