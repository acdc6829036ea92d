import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type {
  BaselineCounts,
  BaselineProblem,
  BaselineType,
  ProvisioningFile,
} from '../../../shared/canvas/baseline';
import { openBundle, type Bundle, type BundleFile } from '../csv-import/bundle';
import { readCsvRows, type CsvReadStats } from '../csv-import/csv-rows';
import { ServiceError } from '../../../shared/errors';
import { pluralise } from '../../../shared/text/vocabulary';
import { kindFromHeader, kindFromName, parseRow, planHeader, type FileKind } from './report-files';
import type { BaselineStore } from './store';

/**
 * Imports a Canvas provisioning_csv report (a zip with one CSV per part, or one CSV) into a new baseline.
 * Files are streamed and stored in batches, so memory stays flat whatever the report's size. A bad row is
 * reported with its file and line and skipped; only an unreadable report or cancellation fails the baseline.
 */

export interface ImportProgress {
  file: string;
  kind: ProvisioningFile;
  rows: number;
}

export interface ImportProvisioningOptions {
  profileId?: string | null;
  canvasUrl?: string | null;
  rootAccountId?: string | null;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Problems kept in the result (the rest are only counted); default 1000. */
  maxErrors?: number;
}

export interface ImportProvisioningResult {
  baselineId: string;
  /** Always 'complete': unreadable reports and cancellation throw (the baseline is then marked failed). */
  status: 'complete';
  counts: BaselineCounts;
  /** Problems found (first `maxErrors`), in file order. */
  errors: BaselineProblem[];
  errorCount: number;
}

/** Parts read in this order: xlist after sections (it annotates them). */
const ORDER: ProvisioningFile[] = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'xlist',
  'users',
  'enrollments',
];
const EXPECTED: BaselineType[] = ['accounts', 'terms', 'courses', 'sections', 'users', 'enrollments'];

class Problems {
  readonly list: BaselineProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(p: BaselineProblem): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(p);
  }
}

function cancelled(): ServiceError {
  return new ServiceError(
    'baseline_import_cancelled',
    'The Canvas report import was cancelled.',
    'Import the report again when ready.',
  );
}

async function readHeader(file: BundleFile): Promise<string[] | null> {
  const stats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  for await (const rows of readCsvRows(await file.open(), stats)) {
    const first = rows[0];
    return first?.fields ?? null;
  }
  return null;
}

interface Part {
  file: BundleFile;
  kind: ProvisioningFile;
}

async function classify(files: BundleFile[], problems: Problems): Promise<Part[]> {
  const parts: Part[] = [];
  const seen = new Set<FileKind>();
  for (const file of files) {
    if (!file.name.toLowerCase().endsWith('.csv')) continue;
    let kind = kindFromName(file.name);
    if (kind === null) kind = kindFromHeader((await readHeader(file)) ?? []);
    if (kind === 'ignored') continue;
    if (kind === 'unknown') {
      problems.add({
        file: file.name,
        line: 0,
        code: 'unknown_file',
        message: 'not a part of the provisioning report this tool reads; skipped',
      });
    } else if (seen.has(kind)) {
      problems.add({
        file: file.name,
        line: 0,
        code: 'duplicate_file',
        message: `a second ${kind} file; skipped`,
      });
    } else {
      seen.add(kind);
      parts.push({ file, kind });
    }
  }
  return parts.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

async function importPart(
  store: BaselineStore,
  baselineId: string,
  part: Part,
  problems: Problems,
  opts: ImportProvisioningOptions,
): Promise<void> {
  const { file, kind } = part;
  const stats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  const writer = kind === 'xlist' ? null : store.writer(baselineId, kind);
  let plan: ReturnType<typeof planHeader> | null = null;
  let width = 0;
  let stored = 0;
  for await (const rows of readCsvRows(await file.open(), stats)) {
    if (opts.signal?.aborted) throw cancelled();
    const batch: Record<string, unknown>[] = [];
    for (const row of rows) {
      if (plan === null) {
        if (row.fields === undefined) {
          problems.add({ file: file.name, line: row.line, code: 'bad_header', message: row.error.message });
          return;
        }
        plan = planHeader(kind, row.fields);
        width = row.fields.length;
        if (plan.missingRequired.length > 0) {
          problems.add({
            file: file.name,
            line: row.line,
            code: 'missing_columns',
            message: `required ${plan.missingRequired.length === 1 ? 'column' : 'columns'} ${plan.missingRequired.join(', ')} missing; file skipped`,
          });
          return;
        }
        if (plan.unknownColumns.length > 0) {
          problems.add({
            file: file.name,
            line: row.line,
            code: 'unknown_columns',
            message: `${plan.unknownColumns.length === 1 ? 'column' : 'columns'} ${plan.unknownColumns.join(', ')} not known; ignored`,
          });
        }
        continue;
      }
      if (row.fields === undefined) {
        problems.add({ file: file.name, line: row.line, code: row.error.code, message: row.error.message });
        continue;
      }
      if (row.fields.length !== width) {
        problems.add({
          file: file.name,
          line: row.line,
          code: 'wrong_column_count',
          message: `${row.fields.length} values where the header has ${width}; row skipped`,
        });
        continue;
      }
      const parsed = parseRow(kind, plan, row.fields);
      if (!parsed.ok) {
        problems.add({ file: file.name, line: row.line, code: 'invalid_row', message: parsed.message });
        continue;
      }
      if (writer !== null) batch.push(parsed.record);
      else if (!applyXlist(store, baselineId, parsed.record)) {
        problems.add({
          file: file.name,
          line: row.line,
          code: 'unknown_section',
          message: `crosslisted section ${String(parsed.record.canvas_section_id)} is not in the sections file`,
        });
      }
    }
    if (writer !== null && batch.length > 0) writer.add(batch as never[]);
    stored += batch.length;
    opts.onProgress?.({ file: file.name, kind, rows: stored });
  }
  if (stats.replacementCharLines > 0) {
    problems.add({
      file: file.name,
      line: stats.firstReplacementLine ?? 0,
      code: 'not_utf8',
      message: `${pluralise(stats.replacementCharLines, 'line')} ${stats.replacementCharLines === 1 ? 'is' : 'are'} not valid UTF-8; names may be garbled`,
    });
  }
}

function applyXlist(store: BaselineStore, baselineId: string, xl: Record<string, unknown>): boolean {
  // A deleted crosslist means the section is back in its original course: nothing to record.
  if (xl.status === 'deleted') return true;
  return store.setCrosslist(baselineId, String(xl.canvas_section_id), {
    canvasCourseId: String(xl.canvas_nonxlist_course_id),
    courseId: String(xl.nonxlist_course_id),
  });
}

/** The report zip, or a single-part CSV download. */
async function openReport(path: string): Promise<Bundle> {
  if (path.toLowerCase().endsWith('.csv')) {
    const size = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (size >= 0) {
      const file: BundleFile = {
        name: basename(path),
        size,
        open: () => Promise.resolve(createReadStream(path)),
      };
      return { format: 'folder', files: [file], duplicateNames: [], close: () => undefined };
    }
  }
  try {
    return await openBundle(path);
  } catch (err) {
    throw new ServiceError(
      'baseline_report_unreadable',
      `${basename(path)} could not be read as a Canvas provisioning report.`,
      'Download the Provisioning report zip again from Canvas (Admin → Settings → Reports) and import that file.',
      { cause: err },
    );
  }
}

export async function importProvisioningZip(
  store: BaselineStore,
  zipPath: string,
  opts: ImportProvisioningOptions = {},
): Promise<ImportProvisioningResult> {
  if (opts.signal?.aborted) throw cancelled();
  const problems = new Problems(opts.maxErrors ?? 1000);
  const bundle = await openReport(zipPath);
  try {
    const parts = await classify(bundle.files, problems);
    if (parts.length === 0) {
      throw new ServiceError(
        'baseline_no_report_files',
        `${basename(zipPath)} holds no Canvas provisioning report files.`,
        'In Canvas, run Admin → Settings → Reports → Provisioning with Users, Accounts, Terms, Courses, Sections, ' +
          'Enrollments and Crosslisted Sections ticked, and import the zip it produces.',
      );
    }
    const present = new Set(parts.map((p) => p.kind));
    for (const type of EXPECTED) {
      if (!present.has(type)) {
        problems.add({
          file: `${type}.csv`,
          line: 0,
          code: 'missing_file',
          message: `the report has no ${type} part; the comparison will treat Canvas as having no ${type}`,
        });
      }
    }
    const baselineId = store.createBaseline({
      source: 'report',
      profileId: opts.profileId ?? null,
      canvasUrl: opts.canvasUrl ?? null,
      rootAccountId: opts.rootAccountId ?? null,
    });
    try {
      for (const part of parts) await importPart(store, baselineId, part, problems, opts);
    } catch (err) {
      store.fail(baselineId, err instanceof Error ? err.message : String(err));
      throw err;
    }
    const meta = store.complete(baselineId);
    return {
      baselineId,
      status: 'complete',
      counts: meta.counts!,
      errors: problems.list,
      errorCount: problems.count,
    };
  } finally {
    bundle.close();
  }
}
