import { hash } from 'node:crypto';
import { parseRecord, redactRaw } from '../../../shared/oneroster/parse';
import type { EntityKind } from '../../../shared/oneroster/types';
import { recordColumns, recordValues, type ColumnSpec, type SqlValue, type TableSpec } from './tables';

/**
 * Turning raw records into rows, apart from inserting them: a pull prepares rows on the thread that fetched
 * the page and sends the writer thread only flat primitive arrays (a structured clone of the parsed record
 * objects cost more than the parse itself), so the writer thread only binds and inserts.
 */

/** A batch of raw records as rows, ready for `SnapshotWriter.addPrepared`. Only primitives: cheap to post. */
export interface PreparedBatch {
  /** Records in the batch as received (valid, invalid and duplicate alike). */
  received: number;
  /** Values per valid record in `rows`: the normalised columns, then raw, issues, content_hash. */
  stride: number;
  /** Valid records back to back; `rows[k * stride]` is the sourcedId. */
  rows: SqlValue[];
  /** Position in the batch of each valid record (for duplicate locations). */
  positions: number[];
  /** Per link of the table (TableSpec.links order): [valid record number, target, …], targets de-duplicated. */
  links: Array<Array<number | string>>;
  /** Records with no usable sourcedId (or not an object): kept raw with the reason. */
  rejected: Array<{ position: number; raw: string; reason: string }>;
  /** Per valid record, the form of its raw text (raw-forms: null = JSON); absent = all JSON. */
  rawFormats?: Array<RawFormat | null>;
}

/** `raw_format` of a stored row: the raw text is the row's CSV line, read with the snapshot's layout. */
export const RAW_CSV_LINE = 1;
export type RawFormat = typeof RAW_CSV_LINE;

const DATE_LAST_MODIFIED = 2; // index in recordColumns: content_hash ignores it (see contentHash)

/**
 * Hash of the normalised record without dateLastModified, so "same sourcedId, different content" (OR-DUP-ID)
 * and diff's "changed" mean a real change, not a provider bumping timestamps.
 */
export function contentHash(values: SqlValue[]): string {
  const saved = values[DATE_LAST_MODIFIED];
  values[DATE_LAST_MODIFIED] = null;
  const text = JSON.stringify(values);
  values[DATE_LAST_MODIFIED] = saved ?? null;
  return hash('sha1', text, 'base64url').slice(0, 22);
}

export function stringifyRaw(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** The raw record as stored: JSON, passwords redacted (a copy is made only when there is one to redact). */
export function rawJson(kind: EntityKind, raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const rec = raw as Record<string, unknown>;
    if (rec.password === undefined && rec.userProfiles === undefined) return stringifyRaw(raw);
  }
  return stringifyRaw(redactRaw(kind, raw));
}

/** Per table: the columns in row order, computed once. */
const columnsOf = new WeakMap<TableSpec, readonly ColumnSpec[]>();

/**
 * Parses (the same tolerant parser as everywhere), redacts and hashes a batch of raw records. Pure.
 * `lines[i]`, when given, is record i's CSV text, kept instead of its JSON (it rebuilds the same raw record on
 * read, see csv-import/stored-row.ts); the caller vouches that it does.
 */
export function prepareRecords(
  spec: TableSpec,
  raws: readonly unknown[],
  lines?: readonly (string | null)[],
): PreparedBatch {
  let columns = columnsOf.get(spec);
  if (columns === undefined) {
    columns = recordColumns(spec);
    columnsOf.set(spec, columns);
  }
  const kind = spec.kind;
  const n = columns.length;
  const stride = n + 3;
  const rows: SqlValue[] = [];
  const positions: number[] = [];
  const links = spec.links.map(() => [] as Array<number | string>);
  const rejected: PreparedBatch['rejected'] = [];
  const rawFormats: Array<RawFormat | null> | undefined = lines === undefined ? undefined : [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const { record, issues } = parseRecord(kind, raw);
    if (record === null) {
      const reason = issues.map((x) => x.message).join('; ') || 'no usable sourcedId';
      rejected.push({ position: i, raw: rawJson(kind, raw), reason });
      continue;
    }
    const line = lines?.[i];
    const rawText = typeof line === 'string' ? line : rawJson(kind, raw);
    rawFormats?.push(typeof line === 'string' ? RAW_CSV_LINE : null);
    const values = recordValues(columns, record);
    const digest = contentHash(values);
    const row = positions.length;
    for (let c = 0; c < n; c++) rows.push(values[c]!);
    rows.push(rawText, issues.length > 0 ? JSON.stringify(issues) : null, digest);
    positions.push(i);
    for (let l = 0; l < spec.links.length; l++) {
      const targets = (record as unknown as Record<string, unknown>)[spec.links[l]!.field] as string[];
      if (targets.length === 0) continue;
      const unique = targets.length === 1 ? targets : [...new Set(targets)];
      for (const target of unique) links[l]!.push(row, target);
    }
  }
  return {
    received: raws.length,
    stride,
    rows,
    positions,
    links,
    rejected,
    ...(rawFormats === undefined ? {} : { rawFormats }),
  };
}
