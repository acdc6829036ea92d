import type { SchemaIssue, SchemaIssueCode } from './types';

/**
 * Field readers for the tolerant parser. Each reads one property of a raw record, returns the normalised
 * value and appends issues; none of them throws. They take the issue list as a parameter instead of
 * closing over per-record state, because the parser runs on millions of records.
 */
export type Raw = Record<string, unknown>;
export type Issues = SchemaIssue[];

export function addIssue(issues: Issues, field: string, code: SchemaIssueCode, message: string): void {
  issues.push({ field, code, message });
}

export function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'function') return 'a function';
  // String() never throws on primitives except symbols; JSON.stringify throws on bigint.
  return typeof v === 'symbol'
    ? 'a symbol'
    : `${typeof v} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
}

/**
 * A text field. Empty strings count as absent (ClassLink sends empty classCodes); numbers and booleans are
 * converted (schoolYear as an integer is common) with a bad_type issue; objects/lists are rejected.
 */
export function readString(
  raw: Raw,
  field: string,
  issues: Issues,
  required: boolean,
  path = field,
): string | null {
  const v = raw[field];
  if (typeof v === 'string') {
    if (v.length > 0) return v;
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    addIssue(
      issues,
      path,
      'bad_type',
      `${path} should be text but is ${describe(v)}; read as "${String(v)}"`,
    );
    return String(v);
  } else if (v !== undefined && v !== null) {
    addIssue(issues, path, 'bad_type', `${path} should be text but is ${describe(v)}`);
    return null;
  }
  if (required) addIssue(issues, path, 'missing', `${path} is required but missing or empty`);
  return null;
}

/** Booleans: the spec's "true"/"false" strings in any case, JSON booleans, and (with an issue) 1/0. */
export function readBoolean(raw: Raw, field: string, issues: Issues, required: boolean): boolean | null {
  const v = raw[field];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (s === '1' || s === '0') {
      addIssue(
        issues,
        field,
        'bad_type',
        `${field} should be "true" or "false" but is "${v}"; read as ${s === '1'}`,
      );
      return s === '1';
    }
    if (s === '') {
      if (required) addIssue(issues, field, 'missing', `${field} is required but empty`);
      return null;
    }
  } else if (v === 1 || v === 0) {
    addIssue(
      issues,
      field,
      'bad_type',
      `${field} should be "true" or "false" but is ${v}; read as ${v === 1}`,
    );
    return v === 1;
  } else if (v === undefined || v === null) {
    if (required) addIssue(issues, field, 'missing', `${field} is required but missing`);
    return null;
  }
  addIssue(issues, field, 'bad_type', `${field} should be "true" or "false" but is ${describe(v)}`);
  return null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (d > (DAYS_IN_MONTH[m - 1] ?? 0)) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A calendar date (YYYY-MM-DD). A full date-time is tolerated: its date part is kept, with an issue, so a
 * provider that sends timestamps in date fields does not lose every term date.
 */
export function readDate(raw: Raw, field: string, issues: Issues, required: boolean): string | null {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (required) addIssue(issues, field, 'missing', `${field} is required but missing`);
    return null;
  }
  if (typeof v !== 'string') {
    addIssue(issues, field, 'bad_date', `${field} should be a date (YYYY-MM-DD) but is ${describe(v)}`);
    return null;
  }
  const m = DATE_RE.exec(v);
  if (m && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return v;
  const dt = DATE_TIME_RE.exec(v);
  if (!m && dt && dt[4] !== undefined && validCalendarDate(Number(dt[1]), Number(dt[2]), Number(dt[3]))) {
    const date = v.slice(0, 10);
    addIssue(
      issues,
      field,
      'bad_date',
      `${field} should be a date (YYYY-MM-DD) but is a date-time "${v}"; ${date} used`,
    );
    return date;
  }
  addIssue(issues, field, 'bad_date', `${field} "${v}" is not a valid date (YYYY-MM-DD)`);
  return null;
}

/**
 * An ISO 8601 date-time (dateLastModified). Kept as sent when it can be read; deviations from the spec's
 * "UTC with Z" (no zone, local offset, date only, space separator) are reported because they shift deltas.
 */
export function readDateTime(raw: Raw, field: string, issues: Issues, required: boolean): string | null {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (required) addIssue(issues, field, 'missing', `${field} is required but missing`);
    return null;
  }
  if (typeof v !== 'string') {
    addIssue(issues, field, 'bad_date', `${field} should be an ISO 8601 date-time but is ${describe(v)}`);
    return null;
  }
  const m = DATE_TIME_RE.exec(v);
  const ok =
    m !== null &&
    validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    (m[5] === undefined ||
      (Number(m[5]) < 24 && Number(m[6]) < 60 && (m[7] === undefined || Number(m[7]) <= 60)));
  if (!m || !ok) {
    addIssue(issues, field, 'bad_date', `${field} "${v}" is not a valid ISO 8601 date-time`);
    return null;
  }
  const zone = m[8];
  if (m[4] === undefined) {
    addIssue(
      issues,
      field,
      'bad_date',
      `${field} "${v}" has no time; the spec asks for a UTC date-time such as 2024-08-01T12:00:00Z`,
    );
  } else if (zone === undefined) {
    addIssue(issues, field, 'bad_date', `${field} "${v}" has no time zone; the spec asks for UTC ("Z")`);
  } else if (m[4] !== 'T' || (zone !== 'Z' && !/^[+-]00:?00$/.test(zone))) {
    addIssue(
      issues,
      field,
      'bad_date',
      `${field} "${v}" is not in the spec's UTC form (e.g. 2024-08-01T12:00:00Z)`,
    );
  }
  return v;
}

/** Case-insensitive lookup table from lower-cased spelling to the canonical (lower-camel) value. */
export type EnumTable = ReadonlyMap<string, string>;

export function enumTable(values: readonly string[], aliases: Record<string, string> = {}): EnumTable {
  const map = new Map<string, string>();
  for (const v of values) map.set(v.toLowerCase(), v);
  for (const [alias, canonical] of Object.entries(aliases)) map.set(alias.toLowerCase(), canonical);
  return map;
}

/** An enumeration: canonical value when known (any case), else the value as sent with a bad_enum issue. */
export function readEnum(
  raw: Raw,
  field: string,
  issues: Issues,
  required: boolean,
  table: EnumTable,
): string | null {
  const v = readString(raw, field, issues, required);
  if (v === null) return null;
  return canonicalEnum(v, field, issues, table);
}

export function canonicalEnum(v: string, field: string, issues: Issues, table: EnumTable): string {
  const known = table.get(v.trim().toLowerCase());
  if (known !== undefined) return known;
  addIssue(
    issues,
    field,
    'bad_enum',
    `${field} "${v}" is not one of: ${[...new Set(table.values())].join(', ')}`,
  );
  return v;
}

/**
 * A GUIDRef's sourcedId. Tolerates Microsoft's `sourceId` typo and a bare string id, each with an issue;
 * resolution is always by sourcedId (href is provider-specific).
 */
export function refId(v: unknown, path: string, issues: Issues): string | null {
  if (isObject(v)) {
    const id = v.sourcedId;
    if (typeof id === 'string' && id.length > 0) return id;
    if (typeof id === 'number') {
      addIssue(issues, `${path}.sourcedId`, 'bad_type', `${path}.sourcedId should be text but is a number`);
      return String(id);
    }
    const typo = v.sourceId;
    if (typeof typo === 'string' && typo.length > 0) {
      addIssue(issues, `${path}.sourcedId`, 'bad_ref', `${path} uses "sourceId" instead of "sourcedId"`);
      return typo;
    }
    addIssue(issues, `${path}.sourcedId`, 'bad_ref', `${path} has no sourcedId`);
    return null;
  }
  if (typeof v === 'string' && v.length > 0) {
    addIssue(
      issues,
      path,
      'bad_ref',
      `${path} should be a reference object {sourcedId, type, href} but is a plain id`,
    );
    return v;
  }
  addIssue(issues, path, 'bad_ref', `${path} should be a reference object but is ${describe(v)}`);
  return null;
}

export function readRef(raw: Raw, field: string, issues: Issues, required: boolean): string | null {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (required) addIssue(issues, field, 'missing', `${field} is required but missing`);
    return null;
  }
  return refId(v, field, issues);
}

/** A list of GUIDRefs; `required` means at least one (class.terms, user.orgs). */
export function readRefs(raw: Raw, field: string, issues: Issues, required: boolean): string[] {
  const v = raw[field];
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const id = refId(v[i], `${field}[${i}]`, issues);
      if (id !== null) out.push(id);
    }
  } else if (isObject(v)) {
    addIssue(issues, field, 'bad_type', `${field} should be a list of references but is a single reference`);
    const id = refId(v, field, issues);
    if (id !== null) out.push(id);
  } else if (v !== undefined && v !== null) {
    addIssue(issues, field, 'bad_type', `${field} should be a list of references but is ${describe(v)}`);
  }
  if (
    required &&
    out.length === 0 &&
    (v === undefined || v === null || (Array.isArray(v) && v.length === 0))
  ) {
    addIssue(issues, field, 'missing', `${field} needs at least one reference but has none`);
  }
  return out;
}

/** A list of strings (grades, subjects, periods). A comma-separated string (CSV habit) is split, with an issue. */
export function readStrings(raw: Raw, field: string, issues: Issues): string[] {
  const v = raw[field];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    if (v.every((item) => typeof item === 'string')) return v.slice() as string[];
    const out: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number') {
        addIssue(issues, `${field}[${i}]`, 'bad_type', `${field}[${i}] should be text but is a number`);
        out.push(String(item));
      } else
        addIssue(
          issues,
          `${field}[${i}]`,
          'bad_type',
          `${field}[${i}] should be text but is ${describe(item)}`,
        );
    }
    return out;
  }
  if (typeof v === 'string') {
    if (v.trim() === '') return [];
    addIssue(issues, field, 'bad_type', `${field} should be a list but is the text "${v}"; split on commas`);
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }
  if (typeof v === 'number') {
    addIssue(issues, field, 'bad_type', `${field} should be a list but is a number`);
    return [String(v)];
  }
  addIssue(issues, field, 'bad_type', `${field} should be a list of text but is ${describe(v)}`);
  return [];
}
