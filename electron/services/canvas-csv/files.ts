import { CHANGE_SIS_ID_COLUMNS } from '../../../shared/conversion/types';
import {
  CANVAS_COLUMNS,
  PLAN_SOURCE_TYPE,
  type AccountRow,
  type CanvasType,
  type PlanRows,
} from '../../../shared/plan/types';
import type { EntityType } from '../../../shared/rules/finding';
import { csvLine, csvLines } from './csv-line';
import { canvasTimestamp, machineTimeZone } from './dates';

/**
 * The plan as Canvas SIS CSV files, in Canvas's processing order (docs/canvas-importer.md: change_sis_id → account → term
 * → course → section → user → enrollment → user_observer). Canvas reorders by type itself, but writing the zip
 * in that order keeps it readable and lets the row numbers Canvas reports map straight back to plan rows.
 * Text is produced lazily in chunks: a million enrollments never become one string.
 */

/** One change_sis_id.csv row (docs/canvas-importer.md); `source` is the OneRoster record it renames to, when known. */
export type ChangeSisIdRow = Record<(typeof CHANGE_SIS_ID_COLUMNS)[number], string> & { source?: string };

export type CanvasCsvKind = 'change_sis_id' | CanvasType;

export const CANVAS_FILE_ORDER: readonly CanvasCsvKind[] = [
  'change_sis_id',
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'user_observers',
];

export interface CanvasCsvFile {
  /** File name in the zip, e.g. `accounts.csv`. */
  name: string;
  kind: CanvasCsvKind;
  columns: readonly string[];
  /** Rows in written order: CSV row n (header = 1) is `rows[n - 2]`. */
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The file's text (header first) in chunks of a few thousand rows. */
  chunks(): Generator<string>;
}

export interface CanvasCsvOptions {
  /** Accepted remaps from the conversion (change_sis_id.csv is then written first). */
  changeSisIdRows?: readonly ChangeSisIdRow[];
  /** IANA zone the district's dates mean (the profile's); default: this machine's (see dates.ts). */
  timeZone?: string | null;
}

/** Types whose start_date/end_date are written as timestamps in the district's zone. */
const DATED = new Set<CanvasCsvKind>(['terms', 'enrollments']);

function withTimestamps(rows: ReadonlyArray<Row>, zone: string): Row[] {
  return rows.map((row) => {
    const start = typeof row.start_date === 'string' ? row.start_date : '';
    const end = typeof row.end_date === 'string' ? row.end_date : '';
    if (start === '' && end === '') return row;
    return {
      ...row,
      start_date: canvasTimestamp(start, 'start', zone),
      end_date: canvasTimestamp(end, 'end', zone),
    };
  });
}

const CHUNK_ROWS = 2_000;
type Row = Readonly<Record<string, unknown>>;

function* chunksOf(
  columns: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Generator<string> {
  yield csvLine(columns);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    const records: string[][] = [];
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      records.push(columns.map((c) => String(row[c] ?? '')));
    }
    yield csvLines(records);
  }
}

function file(
  kind: CanvasCsvKind,
  columns: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): CanvasCsvFile {
  return { name: `${kind}.csv`, kind, columns, rows, chunks: () => chunksOf(columns, rows) };
}

/**
 * Parents before children, whatever order the rows come in (Canvas resolves parent_account_id row by row, so a
 * child listed first fails with "Parent account didn't exist"). Stable: siblings keep their order. A parent
 * that is not in the file (the root, or an existing Canvas account) counts as already there; cycles are written
 * last, in their original order, for the validator to report.
 */
export function orderAccounts<T extends Pick<AccountRow, 'account_id' | 'parent_account_id'>>(
  rows: readonly T[],
): T[] {
  const inFile = new Set(rows.map((r) => r.account_id));
  const placed = new Set<string>();
  const out: T[] = [];
  let pending = [...rows];
  while (pending.length > 0) {
    const next: T[] = [];
    for (const row of pending) {
      const p = row.parent_account_id;
      if (p === '' || !inFile.has(p) || placed.has(p)) {
        out.push(row);
        placed.add(row.account_id);
      } else next.push(row);
    }
    if (next.length === pending.length) {
      out.push(...next);
      break;
    }
    pending = next;
  }
  return out;
}

/** The files to write, in processing order; types with no rows are left out (Canvas then changes nothing). */
export function planToCsvFiles(plan: PlanRows, opts: CanvasCsvOptions = {}): CanvasCsvFile[] {
  const files: CanvasCsvFile[] = [];
  for (const kind of CANVAS_FILE_ORDER) {
    if (kind === 'change_sis_id') {
      const rows = opts.changeSisIdRows ?? [];
      if (rows.length > 0) files.push(file(kind, CHANGE_SIS_ID_COLUMNS, rows));
      continue;
    }
    const rows: ReadonlyArray<object> = kind === 'accounts' ? orderAccounts(plan.accounts) : plan[kind];
    if (rows.length === 0) continue;
    const written = DATED.has(kind)
      ? withTimestamps(rows as ReadonlyArray<Row>, opts.timeZone || machineTimeZone())
      : (rows as ReadonlyArray<Row>);
    files.push(file(kind, CANVAS_COLUMNS[kind], written));
  }
  return files;
}

/** Which OneRoster record a CSV row came from: file name + Canvas row number (header = 1). */
export interface RowLocation {
  entityType: EntityType;
  sourcedId: string;
}

const CHANGE_SIS_ID_ENTITY: Record<string, EntityType> = {
  user: 'user',
  course: 'class',
  section: 'class',
  term: 'academicSession',
  account: 'org',
};

export function locateRow(
  files: readonly CanvasCsvFile[],
  fileName: string,
  row: number,
): RowLocation | null {
  const base = fileName.split('/').pop()?.toLowerCase() ?? '';
  const f = files.find((x) => x.name === base);
  const data = f?.rows[row - 2];
  if (!f || !data) return null;
  const source = typeof data.source === 'string' ? data.source : '';
  if (source === '') return null;
  if (f.kind === 'change_sis_id') {
    const entityType = CHANGE_SIS_ID_ENTITY[String(data.type)];
    return entityType ? { entityType, sourcedId: source } : null;
  }
  const entityType: EntityType =
    f.kind === 'courses' && data.sourceType === 'course' ? 'course' : PLAN_SOURCE_TYPE[f.kind];
  return { entityType, sourcedId: source };
}
