import type { BuildContext, TableName } from '../district/model';
import type { DistrictIndex } from './district-index';
import { statusInfo } from './errors';
import type { FaultEngine, RequestPaths } from './faults';
import { matches, parseFields, parseListQuery, selectFields, sortIndices } from './query';
import type { Reply } from './respond';
import { jsonReply, linkHeader } from './respond';
import type { CollectionTarget, SingletonTarget } from './routes';
import { toV1p2User } from './v1p2';

/** Filtered/sorted index lists, kept for the few most recent queries so paging through one stays cheap. */
export class ResultCache {
  private readonly entries = new Map<string, Int32Array>();
  constructor(private readonly capacity = 32) {}

  get(key: string, compute: () => Int32Array): Int32Array {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

export interface DataContext {
  idx: DistrictIndex;
  faults: FaultEngine;
  cache: ResultCache;
  ctx: BuildContext;
  maxLimit: number;
  /** Absolute URL of the requested path (no query), for Link headers. */
  absolutePath: string;
  params: URLSearchParams;
  paths: RequestPaths;
  /** '1.2': users are served in the 1.2 shape (v1p2.ts). */
  version?: '1.1' | '1.2';
}

/** Records as this provider version serves them. */
function shaped(d: DataContext, table: TableName, record: Record<string, unknown>): Record<string, unknown> {
  return d.version === '1.2' && table === 'users' ? toV1p2User(record) : record;
}

const WARNING = statusInfo(
  'fullsuccess',
  'Some records were returned with warnings (demo provider: statusInfoWarningIn200).',
  'warning',
);

function serialise(key: string, payload: unknown, warn: boolean): string {
  return JSON.stringify(warn ? { [key]: payload, statusInfoSet: [WARNING] } : { [key]: payload });
}

/** Same text as `serialise` for a page of records, from pre-serialised record strings. */
function serialiseRaw(key: string, records: string[], warn: boolean): string {
  const tail = warn ? `,"statusInfoSet":${JSON.stringify([WARNING])}` : '';
  return `{${JSON.stringify(key)}:[${records.join(',')}]${tail}}`;
}

function filteredAndSorted(
  d: DataContext,
  target: CollectionTarget,
  table: TableName,
  q: ReturnType<typeof parseListQuery>,
): Int32Array {
  if (!q.filter && !q.sort) return target.indices;
  const t = d.idx.table(table);
  const key = `${d.paths.rel}\u0000${q.filterText ?? ''}\u0000${q.sort?.join('.') ?? ''}\u0000${q.orderBy}`;
  return d.cache.get(key, () => {
    const noHref = { baseUrl: '' };
    let out = target.indices;
    const filter = q.filter;
    if (filter) out = out.filter((i) => matches(t.build(i, noHref), filter));
    if (q.sort) out = sortIndices(out, (i) => t.build(i, noHref), q.sort, q.orderBy === 'desc');
    return out;
  });
}

export function collectionReply(d: DataContext, target: CollectionTarget): Reply {
  const table = d.idx.table(target.table);
  const clamp = d.faults.current.clampLimit;
  const maxLimit = clamp !== undefined && clamp > 0 ? Math.min(clamp, d.maxLimit) : d.maxLimit;
  const q = parseListQuery(d.params, table, maxLimit);
  const indices = filteredAndSorted(d, target, target.table, q);
  const page = indices.subarray(
    Math.min(q.offset, indices.length),
    Math.min(q.offset + q.limit, indices.length),
  );
  const f = d.faults.current;
  const key = d.faults.envelopeKey(d.paths, target.envelopeKey);
  const warn = f.statusInfoWarningIn200 === true;
  const json = d.version === '1.2' && target.table === 'users' ? undefined : table.json;
  let body =
    json && !q.fields
      ? serialiseRaw(
          key,
          Array.from(page, (i) => json(i, d.ctx)),
          warn,
        )
      : serialise(
          key,
          Array.from(page, (i) =>
            selectFields(shaped(d, target.table, table.build(i, d.ctx) as Record<string, unknown>), q.fields),
          ),
          warn,
        );
  const headers: Record<string, string> = {};
  if (!f.omitTotalCount) headers['x-total-count'] = String(indices.length);
  if (!f.omitLinkHeader)
    headers.link = linkHeader(d.absolutePath, d.params, q.offset, q.limit, indices.length);
  if (d.faults.malformedAt(d.paths, q.offset))
    body = body.slice(0, Math.max(1, Math.floor(body.length * 0.6)));
  return jsonReply(200, body, headers);
}

export function singletonReply(d: DataContext, target: SingletonTarget): Reply {
  const table = d.idx.table(target.table);
  const fields = parseFields(d.params, table);
  const record = selectFields(
    shaped(d, target.table, table.build(target.index, d.ctx) as Record<string, unknown>),
    fields,
  );
  let body = serialise(
    d.faults.envelopeKey(d.paths, target.envelopeKey),
    record,
    d.faults.current.statusInfoWarningIn200 === true,
  );
  if (d.faults.malformedAt(d.paths, 0)) body = body.slice(0, Math.max(1, Math.floor(body.length * 0.6)));
  return jsonReply(200, body);
}
