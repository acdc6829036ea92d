import { BASELINE_TYPES, type BaselineRecordMap } from '../../../shared/canvas/baseline';
import type { EntityType } from '../../../shared/rules/finding';
import { PREDICTED_KINDS, type PredictedKind } from '../../../shared/sync/prediction';
import type { BaselineStore } from '../canvas-baseline';
import { csvRecords } from '../canvas-csv/csv-records';
import { locateRow, type CanvasCsvFile } from '../canvas-csv/files';
import { detectKind } from '../canvas-csv/rules';
import { openZipEntries } from '../canvas-csv/zip-entries';

/**
 * What the predictor reads: the import's CSV files (as the plan writes them, or read back from the exact zip),
 * what Canvas holds today (the baseline rows) and the POST parameters.
 */

type Row = Readonly<Record<string, unknown>>;

export interface ImportFile {
  /** File name in the zip (e.g. `users.csv`). */
  name: string;
  kind: PredictedKind;
  /** Data rows in file order: CSV row n (header = 1) is `rows[n - 2]`. */
  rows: readonly Row[];
  /** The OneRoster record behind a row, when known. */
  locate?: (row: number) => { entityType: EntityType; sourcedId: string } | null;
}

/** What Canvas holds today, one array per type (the provisioning report's rows). */
export type CanvasRows = { [T in keyof BaselineRecordMap]: BaselineRecordMap[T][] };

/** Fields edited in the Canvas UI (sticky), per type and SIS id — Canvas keeps them unless overridden. */
export type StickyFields = Partial<
  Record<'accounts' | 'terms' | 'courses' | 'sections' | 'users', Record<string, string[]>>
>;

export interface PredictInput {
  files: readonly ImportFile[];
  baseline: CanvasRows;
  /** The exact SIS import parameters sent with the POST (see sync/params.ts). */
  params: Readonly<Record<string, string>>;
  /** Known UI edits; none by default (Canvas does not expose stickiness). */
  sticky?: StickyFields;
  /** Diffing: the files of the last successful import of the same data set; null/absent = first import. */
  diffingPrevious?: readonly ImportFile[] | null;
}

const KINDS = new Set<string>(PREDICTED_KINDS);

/** The plan's CSV files (planToCsvFiles) as predictor input, with each row's OneRoster record. */
export function fromCsvFiles(files: readonly CanvasCsvFile[]): ImportFile[] {
  return files
    .filter((f) => KINDS.has(f.kind))
    .map((f) => ({
      name: f.name,
      kind: f.kind as PredictedKind,
      rows: f.rows,
      locate: (row: number) => locateRow(files, f.name, row),
    }));
}

/** The files of a SIS import zip, recognised by header as Canvas does; other files are left out. */
export async function readImportZip(input: string | Buffer): Promise<ImportFile[]> {
  const zip = await openZipEntries(input);
  const out: ImportFile[] = [];
  try {
    for (const entry of zip.entries) {
      if (!entry.name.toLowerCase().endsWith('.csv')) continue;
      let header: string[] | null = null;
      const rows: Record<string, string>[] = [];
      for await (const record of csvRecords(await entry.open())) {
        if (header === null) {
          header = record.map((h) => h.trim().toLowerCase());
          continue;
        }
        const row: Record<string, string> = {};
        header.forEach((h, i) => (row[h] = record[i] ?? ''));
        rows.push(row);
      }
      const kind = header ? detectKind(header) : null;
      if (kind !== null && KINDS.has(kind)) out.push({ name: entry.name, kind: kind as PredictedKind, rows });
    }
  } finally {
    zip.close();
  }
  return out;
}

/** A stored baseline's rows, in memory (the predictor needs random access to every login and enrollment). */
export function loadBaselineRows(store: BaselineStore, baselineId: string): CanvasRows {
  const out = {} as Record<string, unknown[]>;
  for (const type of BASELINE_TYPES) out[type] = [...store.iterate(baselineId, type)];
  return out as CanvasRows;
}

/** A cell as text ('' when absent). */
export const cell = (row: Row, column: string): string => {
  const v = row[column];
  return v === undefined || v === null ? '' : String(v);
};
/** Ruby's blank?: empty or whitespace only. */
export const blank = (s: string): boolean => s.trim() === '';
