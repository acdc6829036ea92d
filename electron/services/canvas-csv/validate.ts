import { csvFileFailure, csvRecords } from './csv-records';
import { checkRow, finishAccounts, missingColumns, type Check, type CheckState } from './row-checks';
import { detectKind, IMPORT_KINDS, unrecognisedHint, type ImportKind } from './rules';
import { openZipEntries, type ZipEntryFile } from './zip-entries';

/**
 * Checks a SIS import zip against Canvas's importer rules (docs/canvas-importer.md) before anything is sent: files are
 * recognised by header, processed in Canvas's order, and each row is checked for required values, statuses,
 * dates, duplicate ids and references. Row numbers are Canvas's (header = 1). Streams every file; memory grows
 * only with the ids kept for reference checks.
 */

export interface CanvasCsvProblem {
  /** File name inside the zip ('' = the zip itself). */
  file: string;
  /** Canvas row number (header = 1); 0 = the whole file. */
  row: number;
  severity: 'error' | 'warning';
  /** The file (or zip) cannot be imported at all. */
  fatal: boolean;
  code: string;
  message: string;
}

export interface CanvasCsvFileInfo {
  name: string;
  kind: ImportKind | null;
  /** Data rows read, and those without errors (what Canvas would import). */
  rows: number;
  accepted: number;
}

export interface CanvasCsvValidation {
  files: CanvasCsvFileInfo[];
  /** The first `maxProblems` problems, in processing order. */
  problems: CanvasCsvProblem[];
  errorCount: number;
  warningCount: number;
  /** Any fatal problem: Canvas would fail the import. */
  fatal: boolean;
  /** Accepted rows per kind. */
  counts: Partial<Record<ImportKind, number>>;
  /** term_id of every accepted terms row (batch mode needs the term to exist). */
  termIds: string[];
}

export interface ValidateOptions {
  maxProblems?: number;
}

interface Sink {
  result: CanvasCsvValidation;
  max: number;
}

function add(sink: Sink, p: CanvasCsvProblem): void {
  if (p.severity === 'error') sink.result.errorCount++;
  else sink.result.warningCount++;
  if (p.fatal) sink.result.fatal = true;
  if (sink.result.problems.length < sink.max) sink.result.problems.push(p);
}

async function readHeader(
  entry: ZipEntryFile,
): Promise<{ header: string[] | null } | { failure: NonNullable<ReturnType<typeof csvFileFailure>> }> {
  try {
    for await (const record of csvRecords(await entry.open())) return { header: record.map(normaliseHeader) };
    return { header: null };
  } catch (e) {
    const failure = csvFileFailure(e);
    if (failure) return { failure };
    throw e;
  }
}

const normaliseHeader = (h: string) => h.trim().toLowerCase();

export async function validateCanvasCsvZip(
  input: string | Buffer,
  opts: ValidateOptions = {},
): Promise<CanvasCsvValidation> {
  const result: CanvasCsvValidation = {
    files: [],
    problems: [],
    errorCount: 0,
    warningCount: 0,
    fatal: false,
    counts: {},
    termIds: [],
  };
  const sink: Sink = { result, max: opts.maxProblems ?? 1000 };
  let zip;
  try {
    zip = await openZipEntries(input);
  } catch (e) {
    add(sink, {
      file: '',
      row: 0,
      severity: 'error',
      fatal: true,
      code: 'not_a_zip',
      message: `The upload is not a readable zip file (${(e as Error).message}).`,
    });
    return result;
  }
  try {
    const recognised: Array<{ entry: ZipEntryFile; kind: ImportKind; header: string[] }> = [];
    for (const entry of zip.entries) {
      if (!entry.name.toLowerCase().endsWith('.csv')) {
        add(
          sink,
          fileProblem(entry.path, 'warning', false, 'skipped_file', 'Not a .csv file; Canvas skips it.'),
        );
        continue;
      }
      const read = await readHeader(entry);
      const header = 'header' in read ? read.header : null;
      if ('failure' in read) {
        add(sink, {
          ...fileProblem(entry.path, 'error', true, read.failure.code, read.failure.message),
          row: read.failure.line,
        });
        result.files.push({ name: entry.path, kind: null, rows: 0, accepted: 0 });
      } else if (header === null) {
        add(
          sink,
          fileProblem(entry.path, 'warning', false, 'empty_file', 'The file is empty; nothing to import.'),
        );
      } else {
        const kind = detectKind(header);
        if (kind === null) {
          add(
            sink,
            fileProblem(
              entry.path,
              'error',
              false,
              'unknown_headers',
              `Couldn't find Canvas CSV import headers: ${unrecognisedHint(header)}.`,
            ),
          );
          result.files.push({ name: entry.path, kind: null, rows: 0, accepted: 0 });
        } else recognised.push({ entry, kind, header });
      }
    }
    // Canvas processes by importer type, whatever the order in the zip (stable within a type).
    recognised.sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind));
    const state: CheckState = { ids: new Map(), keys: new Map(), pendingParents: [] };
    let previous: ImportKind | null = null;
    for (const { entry, kind, header } of recognised) {
      if (previous === 'accounts' && kind !== 'accounts') finishAccounts(state, report(sink, ''));
      previous = kind;
      result.files.push(await validateFile(entry, kind, header, state, sink));
    }
    if (previous === 'accounts') finishAccounts(state, report(sink, ''));
    result.termIds = [...(state.ids.get('terms') ?? [])];
    for (const f of result.files) {
      if (f.kind !== null) result.counts[f.kind] = (result.counts[f.kind] ?? 0) + f.accepted;
    }
    return result;
  } finally {
    zip.close();
  }
}

function fileProblem(
  file: string,
  severity: CanvasCsvProblem['severity'],
  fatal: boolean,
  code: string,
  message: string,
): CanvasCsvProblem {
  return { file, row: 0, severity, fatal, code, message };
}

/** A row check's report function bound to a file. */
function report(sink: Sink, file: string): (c: Check) => void {
  return (c) =>
    add(sink, {
      file: c.file ?? file,
      row: c.row,
      severity: c.severity,
      fatal: false,
      code: c.code,
      message: c.message,
    });
}

async function validateFile(
  entry: ZipEntryFile,
  kind: ImportKind,
  header: string[],
  state: CheckState,
  sink: Sink,
): Promise<CanvasCsvFileInfo> {
  const info: CanvasCsvFileInfo = { name: entry.path, kind, rows: 0, accepted: 0 };
  const emit = report(sink, entry.path);
  const columns = new Map(header.map((h, i) => [h, i] as const));
  const missing = new Set(missingColumns(kind, header));
  if (missing.size > 0) {
    add(
      sink,
      fileProblem(
        entry.path,
        'error',
        false,
        'missing_column',
        `The ${kind} file has no ${[...missing].join(', ')} column; Canvas rejects every row.`,
      ),
    );
  }
  const reject = () => {
    info.accepted--;
  };
  let row = 0;
  try {
    for await (const values of csvRecords(await entry.open())) {
      row++;
      if (row === 1) continue;
      info.rows++;
      const get = (col: string) => {
        const i = columns.get(col);
        return i === undefined ? undefined : (values[i] ?? '');
      };
      if (checkRow({ kind, file: entry.path, row, get, missing, reject }, state, emit)) info.accepted++;
    }
  } catch (e) {
    const failure = csvFileFailure(e);
    if (!failure) throw e;
    add(sink, {
      ...fileProblem(entry.path, 'error', true, failure.code, failure.message),
      row: failure.line,
    });
    info.accepted = 0;
  }
  return info;
}
