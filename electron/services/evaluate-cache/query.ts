import {
  NO_SCHOOL,
  type FacetValue,
  type Facets,
  type FindingGroup,
  type FindingSort,
  type FindingsFilters,
  type FindingsGroupBy,
} from '../../../shared/findings/views';
import { ENTITY_TYPES, SEVERITIES } from '../../../shared/rules/finding';
import { ruleTitle, severityAt, type FindingColumns } from './view';

/** A filtered, ordered selection of findings (indexes into the columns), with its facets and groups. */
export interface Selection {
  order: Uint32Array;
  facets: Facets;
  groups: FindingGroup[] | null;
}

export interface SelectionQuery {
  filters: FindingsFilters;
  sort: readonly FindingSort[];
  groupBy?: FindingsGroupBy | undefined;
}

/** Lower-cased searchable text per finding, built on the first text search (most sessions never search). */
export function buildHaystack(cols: FindingColumns): string[] {
  return cols.findings.map((f, i) => {
    const school = cols.school[i]! >= 0 ? cols.schools[cols.school[i]!]!.name : '';
    const detail = f.detail ? JSON.stringify(f.detail) : '';
    return `${f.ruleId}\n${ruleTitle(f.ruleId)}\n${f.message}\n${f.sourcedId}\n${f.entityType}\n${school}\n${detail}`.toLowerCase();
  });
}

/** A set of allowed codes, or null = no filter on this column. */
function codeSet(values: readonly string[], toCode: (v: string) => number | undefined): Set<number> | null {
  if (values.length === 0) return null;
  const set = new Set<number>();
  for (const v of values) {
    const code = toCode(v);
    if (code !== undefined) set.add(code);
  }
  return set;
}

export function select(cols: FindingColumns, q: SelectionQuery, haystack: () => string[]): Selection {
  const { filters } = q;
  const sevSet = codeSet(filters.severity, (v) => SEVERITIES.indexOf(v as never));
  const ruleIndex = new Map(cols.rules.map((r, i) => [r, i]));
  const ruleSet = codeSet(filters.ruleId, (v) => ruleIndex.get(v));
  const typeSet = codeSet(filters.entityType, (v) => {
    const i = ENTITY_TYPES.indexOf(v as never);
    return i < 0 ? undefined : i;
  });
  const schoolIndex = new Map(cols.schools.map((s, i) => [s.id, i]));
  const schoolSet = codeSet(filters.school, (v) => (v === NO_SCHOOL ? -1 : schoolIndex.get(v)));
  const text = filters.text.trim().toLowerCase();
  const hay = text ? haystack() : null;

  const n = cols.findings.length;
  const sevCount = new Uint32Array(SEVERITIES.length);
  const ruleCount = new Uint32Array(cols.rules.length);
  const typeCount = new Uint32Array(256);
  // Slot 0 = no school; school k at k + 1.
  const schoolCount = new Uint32Array(cols.schools.length + 1);
  const matched: number[] = [];

  for (let i = 0; i < n; i++) {
    if (hay && !hay[i]!.includes(text)) continue;
    const s = cols.severity[i]!;
    const r = cols.rule[i]!;
    const t = cols.entityType[i]!;
    const c = cols.school[i]!;
    const okS = sevSet === null || sevSet.has(s);
    const okR = ruleSet === null || ruleSet.has(r);
    const okT = typeSet === null || typeSet.has(t);
    const okC = schoolSet === null || schoolSet.has(c);
    const misses = (okS ? 0 : 1) + (okR ? 0 : 1) + (okT ? 0 : 1) + (okC ? 0 : 1);
    if (misses > 1) continue;
    // A facet counts what its own value would add: rows that pass every OTHER filter.
    if (okR && okT && okC) sevCount[s]!++;
    if (okS && okT && okC) ruleCount[r]!++;
    if (okS && okR && okC) typeCount[t]!++;
    if (okS && okR && okT) schoolCount[c + 1]!++;
    if (misses === 0) matched.push(i);
  }

  const order = Uint32Array.from(matched);
  const groups = q.groupBy === 'ruleId' ? groupByRule(cols, order) : null;
  if (q.sort.length > 0 || groups) sortSelection(cols, order, q.sort, groups !== null);
  if (groups) {
    let offset = 0;
    for (const g of groups) {
      g.offset = offset;
      offset += g.count;
    }
  }
  return { order, groups, facets: facetsOf(cols, sevCount, ruleCount, typeCount, schoolCount) };
}

function facetsOf(
  cols: FindingColumns,
  sevCount: Uint32Array,
  ruleCount: Uint32Array,
  typeCount: Uint32Array,
  schoolCount: Uint32Array,
): Facets {
  const present = new Set(cols.entityType);
  const school: FacetValue[] = cols.schools.map((s, k) => ({
    value: s.id,
    label: s.name,
    count: schoolCount[k + 1]!,
  }));
  if (cols.school.includes(-1))
    school.push({ value: NO_SCHOOL, label: 'No school (district-wide)', count: schoolCount[0]! });
  return {
    severity: SEVERITIES.map((s, k) => ({ value: s, label: s, count: sevCount[k]! })),
    ruleId: cols.rules.map((r, k) => ({ value: r, label: ruleTitle(r), count: ruleCount[k]! })),
    entityType: ENTITY_TYPES.flatMap((t, k) =>
      present.has(k) ? [{ value: t, label: t, count: typeCount[k]! }] : [],
    ),
    school,
  };
}

/** Groups in catalogue order: the rule's most severe finding first, then rule id. Offsets are set after sorting. */
function groupByRule(cols: FindingColumns, order: Uint32Array): FindingGroup[] {
  const byRule = new Map<number, { count: number; worst: number }>();
  for (const i of order) {
    const r = cols.rule[i]!;
    const g = byRule.get(r) ?? { count: 0, worst: 9 };
    g.count++;
    g.worst = Math.min(g.worst, cols.severity[i]!);
    byRule.set(r, g);
  }
  return [...byRule.entries()]
    .sort(([ra, a], [rb, b]) => a.worst - b.worst || ra - rb)
    .map(([r, g]) => ({
      key: cols.rules[r]!,
      label: ruleTitle(cols.rules[r]!),
      severity: severityAt(g.worst),
      count: g.count,
      offset: 0,
    }));
}

/** Rank arrays for the string columns, computed once per evaluation view and sort column. */
const rankCache = new WeakMap<FindingColumns, Map<string, Uint32Array>>();

function rankOf(cols: FindingColumns, id: 'sourcedId' | 'message'): Uint32Array {
  let perCols = rankCache.get(cols);
  if (!perCols) rankCache.set(cols, (perCols = new Map()));
  const hit = perCols.get(id);
  if (hit) return hit;
  const n = cols.findings.length;
  const values = cols.findings.map((f) => (id === 'message' ? f.message.toLowerCase() : f.sourcedId));
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0,
  );
  const rank = new Uint32Array(n);
  let r = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && values[idx[k]!] !== values[idx[k - 1]!]) r++;
    rank[idx[k]!] = r;
  }
  perCols.set(id, rank);
  return rank;
}

function keyColumn(cols: FindingColumns, id: FindingSort['id']): ArrayLike<number> {
  switch (id) {
    case 'severity':
      return cols.severity;
    case 'ruleId':
      return cols.rule;
    case 'entityType':
      return cols.entityType;
    case 'school':
      // Schools are indexed by name; no school sorts last.
      return Int32Array.from(cols.school, (c) => (c < 0 ? 0x7fffffff : c));
    case 'sourcedId':
    case 'message':
      return rankOf(cols, id);
  }
}

function sortSelection(
  cols: FindingColumns,
  order: Uint32Array,
  sort: readonly FindingSort[],
  grouped: boolean,
): void {
  const keys = sort.map((s) => ({ col: keyColumn(cols, s.id), dir: s.desc ? -1 : 1 }));
  if (grouped) {
    // Groups first: worst severity of the rule, then rule id (as in groupByRule).
    const worst = new Uint8Array(cols.rules.length).fill(9);
    for (const i of order) worst[cols.rule[i]!] = Math.min(worst[cols.rule[i]!]!, cols.severity[i]!);
    const groupKey = Uint32Array.from(cols.rule, (r) => worst[r]! * 65536 + r);
    keys.unshift({ col: groupKey, dir: 1 });
  }
  // Indexes are in catalogue order already, so the index itself is the final tie-break.
  order.sort((a, b) => {
    for (const k of keys) {
      const d = (k.col[a]! - k.col[b]!) * k.dir;
      if (d !== 0) return d;
    }
    return a - b;
  });
}
