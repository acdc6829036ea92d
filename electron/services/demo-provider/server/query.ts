import type { JsonRecord, Table } from '../district/model';
import { badRequest } from './errors';
import { fieldKeys } from './district-index';

/** Collection query parameters (docs/oneroster-dialects.md): limit/offset paging, filter, sort/orderBy, fields. */
export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';
export interface Clause {
  path: string[];
  op: Op;
  value: string;
}
export interface Filter {
  clauses: Clause[];
  join: 'AND' | 'OR' | null;
}

export interface ListQuery {
  limit: number;
  /** What the client asked for, before clamping (for the record; paging uses `limit`). */
  requestedLimit: number;
  offset: number;
  filterText: string | null;
  filter: Filter | null;
  sort: string[] | null;
  orderBy: 'asc' | 'desc';
  fields: string[] | null;
}

const CLAUSE = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(>=|<=|!=|=|>|<|~)\s*/;
const QUOTED = /^'((?:[^']|'')*)'\s*/;
const JOIN = /^(AND|OR)\s+/;

function checkField(
  table: Table,
  path: string[],
  code: 'invalid_filter_field' | 'invalid_sort_field',
  param: string,
): void {
  const top = path[0] ?? '';
  if (!table.fields.includes(top)) {
    throw badRequest(
      code,
      `Unknown field "${path.join('.')}" in ${param} for ${table.name}. Fields: ${table.fields.join(', ')}.`,
    );
  }
}

export function parseFilter(text: string, table: Table): Filter {
  const clauses: Clause[] = [];
  let join: Filter['join'] = null;
  let rest = text;
  for (;;) {
    const m = CLAUSE.exec(rest);
    if (!m)
      throw badRequest(
        'invaliddata',
        `Cannot read filter "${text}": expected field, predicate (= != > >= < <= ~) and a value in single quotes.`,
      );
    const path = m[1]!.split('.');
    checkField(table, path, 'invalid_filter_field', 'filter');
    rest = rest.slice(m[0].length);
    const q = QUOTED.exec(rest);
    if (!q)
      throw badRequest(
        'invaliddata',
        `Cannot read filter "${text}": values must be in single quotes, e.g. status='active'.`,
      );
    clauses.push({ path, op: m[2] as Op, value: q[1]!.replace(/''/g, "'") });
    rest = rest.slice(q[0].length);
    if (rest.length === 0) break;
    const j = JOIN.exec(rest);
    if (!j || join !== null) {
      throw badRequest(
        'invaliddata',
        `Cannot read filter "${text}": OneRoster 1.1 allows at most one AND or OR between two predicates.`,
      );
    }
    join = j[1] as 'AND' | 'OR';
    rest = rest.slice(j[0].length);
  }
  return { clauses, join };
}

/** Values at a (dotted) path; lists are flattened and references read as their sourcedId. */
export function valuesAt(rec: JsonRecord, path: readonly string[]): string[] {
  let current: unknown[] = [rec];
  for (const key of path) {
    const next: unknown[] = [];
    for (const c of current) {
      for (const item of Array.isArray(c) ? c : [c]) {
        if (item && typeof item === 'object') {
          const v = (item as Record<string, unknown>)[key];
          if (v !== undefined && v !== null) next.push(v);
        }
      }
    }
    current = next;
  }
  return current.flatMap((v) => fieldKeys(v));
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function order(a: string, b: string): number {
  if (DATE_LIKE.test(a) && DATE_LIKE.test(b)) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  }
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function test(actual: string, op: Op, expected: string): boolean {
  switch (op) {
    case '~':
      return actual.toLowerCase().includes(expected.toLowerCase());
    case '=':
      return actual === expected || (DATE_LIKE.test(expected) && order(actual, expected) === 0);
    case '!=':
      return !test(actual, '=', expected);
    case '>':
      return order(actual, expected) > 0;
    case '>=':
      return order(actual, expected) >= 0;
    case '<':
      return order(actual, expected) < 0;
    case '<=':
      return order(actual, expected) <= 0;
  }
}

function clauseMatches(rec: JsonRecord, c: Clause): boolean {
  const values = valuesAt(rec, c.path);
  // An absent field compares as the empty string; `!=` on a list means "no element equals".
  const candidates = values.length ? values : [''];
  if (c.op === '!=') return !candidates.some((v) => test(v, '=', c.value));
  return candidates.some((v) => test(v, c.op, c.value));
}

export function matches(rec: JsonRecord, f: Filter): boolean {
  const [a, b] = f.clauses;
  const first = clauseMatches(rec, a!);
  if (!b) return first;
  return f.join === 'AND' ? first && clauseMatches(rec, b) : first || clauseMatches(rec, b);
}

/** Sorts indices by the first value at `path`; ties keep their default (sourcedId) order. */
export function sortIndices(
  indices: Int32Array,
  build: (i: number) => JsonRecord,
  path: readonly string[],
  desc: boolean,
): Int32Array {
  const keyed = Array.from(indices, (i, pos) => ({ i, pos, key: valuesAt(build(i), path)[0] ?? '' }));
  keyed.sort((x, y) => {
    const c = order(x.key, y.key);
    return c !== 0 ? (desc ? -c : c) : x.pos - y.pos;
  });
  return Int32Array.from(keyed, (k) => k.i);
}

function wholeNumber(params: URLSearchParams, name: string, min: number): number | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw badRequest(
      'invaliddata',
      `${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''} (got "${raw}").`,
    );
  }
  return Number(raw);
}

export function parseFields(params: URLSearchParams, table: Table): string[] | null {
  const raw = params.get('fields');
  if (raw === null) return null;
  const fields = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  const unknown = fields.filter((f) => !table.fields.includes(f));
  if (unknown.length) {
    throw badRequest(
      'invalid_selection_field',
      `Unknown ${unknown.length === 1 ? 'field' : 'fields'} ${unknown.join(', ')} in fields for ${table.name}.`,
    );
  }
  return fields.length ? fields : null;
}

export function selectFields(rec: JsonRecord, fields: readonly string[] | null): JsonRecord {
  if (!fields) return rec;
  const out: JsonRecord = {};
  for (const f of fields) if (rec[f] !== undefined) out[f] = rec[f];
  return out;
}

export function parseListQuery(params: URLSearchParams, table: Table, maxLimit: number): ListQuery {
  const requestedLimit = wholeNumber(params, 'limit', 1) ?? 100;
  const offset = wholeNumber(params, 'offset', 0) ?? 0;
  const filterText = params.get('filter');
  const filter = filterText !== null && filterText.trim() !== '' ? parseFilter(filterText, table) : null;
  const sortText = params.get('sort');
  let sort: string[] | null = null;
  if (sortText !== null && sortText.trim() !== '') {
    sort = sortText.trim().split('.');
    checkField(table, sort, 'invalid_sort_field', 'sort');
  }
  const orderRaw = (params.get('orderBy') ?? 'asc').toLowerCase();
  if (orderRaw !== 'asc' && orderRaw !== 'desc')
    throw badRequest('invaliddata', `orderBy must be asc or desc (got "${orderRaw}").`);
  return {
    limit: Math.min(requestedLimit, maxLimit),
    requestedLimit,
    offset,
    filterText: filter ? filterText : null,
    filter,
    sort,
    orderBy: orderRaw,
    fields: parseFields(params, table),
  };
}
