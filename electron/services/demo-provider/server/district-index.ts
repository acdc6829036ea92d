import type { GeneratedDistrict, JsonRecord, Table, TableName } from '../district/model';

/** Fields worth an inverted index, per table: what nested endpoints and role/type views select on. */
const INDEXED: Record<TableName, readonly string[]> = {
  orgs: ['type', 'parent'],
  academicSessions: ['type', 'parent'],
  courses: ['org'],
  classes: ['school', 'course', 'terms'],
  users: ['role', 'orgs'],
  enrollments: ['user', 'class', 'school', 'role'],
  demographics: [],
};

const EMPTY = new Int32Array(0);
const NO_HREF = { baseUrl: '' };

/** The sourcedIds (or plain string values) a field holds: GUIDRefs give their sourcedId, lists flatten. */
export function fieldKeys(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => fieldKeys(v));
  if (typeof value === 'object') {
    const id = (value as { sourcedId?: unknown }).sourcedId;
    return typeof id === 'string' ? [id] : [];
  }
  return [String(value)];
}

/**
 * Lookups over a generated district: id → index, and field value → indices (built lazily, one scan per
 * table, because building every record of a 1M-row table takes a second or two).
 */
export class DistrictIndex {
  private readonly all = new Map<TableName, Int32Array>();
  private readonly byId = new Map<TableName, Map<string, number>>();
  private readonly inverted = new Map<TableName, Map<string, Map<string, Int32Array>>>();

  constructor(readonly district: GeneratedDistrict) {}

  table(name: TableName): Table {
    return this.district.tables[name];
  }

  /** Every index in default order (ascending sourcedId). */
  allOf(name: TableName): Int32Array {
    let out = this.all.get(name);
    if (!out) {
      const t = this.table(name);
      out = Int32Array.from({ length: t.size }, (_, i) => i);
      if (!t.sortedById) out = this.sortById(name, out);
      this.all.set(name, out);
    }
    return out;
  }

  sortById(name: TableName, indices: Int32Array): Int32Array {
    const t = this.table(name);
    if (t.sortedById) return indices.slice().sort();
    const keyed = Array.from(indices, (i) => [t.id(i), i] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    return Int32Array.from(keyed, (k) => k[1]);
  }

  indexOf(name: TableName, sourcedId: string): number {
    const t = this.table(name);
    if (t.sortedById) {
      let lo = 0;
      let hi = t.size - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const id = t.id(mid);
        if (id === sourcedId) return mid;
        if (id < sourcedId) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    }
    let map = this.byId.get(name);
    if (!map) {
      map = new Map();
      for (let i = t.size - 1; i >= 0; i--) map.set(t.id(i), i);
      this.byId.set(name, map);
    }
    return map.get(sourcedId) ?? -1;
  }

  record(name: TableName, index: number): JsonRecord {
    return this.table(name).build(index, NO_HREF);
  }

  /** Indices whose `field` holds `key` (a sourcedId for references), in default order. */
  where(name: TableName, field: string, key: string): Int32Array {
    return this.invertedFor(name).get(field)?.get(key) ?? EMPTY;
  }

  private invertedFor(name: TableName): Map<string, Map<string, Int32Array>> {
    let inv = this.inverted.get(name);
    if (inv) return inv;
    const fields = INDEXED[name];
    const groups = fields.map(() => new Map<string, number[]>());
    const order = this.allOf(name);
    const t = this.table(name);
    for (const i of order) {
      const rec = t.build(i, NO_HREF);
      fields.forEach((f, k) => {
        for (const key of new Set(fieldKeys(rec[f]))) {
          const g = groups[k]!;
          const list = g.get(key);
          if (list) list.push(i);
          else g.set(key, [i]);
        }
      });
    }
    inv = new Map(
      fields.map(
        (f, k) => [f, new Map([...groups[k]!].map(([key, list]) => [key, Int32Array.from(list)]))] as const,
      ),
    );
    this.inverted.set(name, inv);
    return inv;
  }
}

/** Intersection of two index lists that share the same (default) order. */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const set = new Set(b);
  return a.filter((i) => set.has(i));
}
