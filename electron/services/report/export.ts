import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportFileName, exportStem } from '../../../shared/report/file-names';
import type { PageSize, ReportFormat, ReportModel } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import { ServiceError } from '../../../shared/errors';
import { writeFindingsCsv } from './csv';
import { renderReportHtml, type HtmlOptions } from './html/render';
import { VERDICT_LABEL } from './html/text';
import { writeReportJson } from './json';
import type { PdfPrinter } from './pdf';
import { writeFindingsXlsx } from './xlsx';

/** Writes one file at `path`; used for formats built by other modules (Canvas SIS zip, change_sis_id.csv). */
export type FileWriter = (path: string) => Promise<void>;

/** The formats built from the model and the findings alone: the ones a report thread can write (report-thread.ts). */
export type RenderedFormat = 'html' | 'json' | 'csv' | 'xlsx';

/** Builds the rendered formats; the default works in this thread, `reportRendererThread` in a worker. */
export interface ReportRenderer {
  html(): Promise<string>;
  write(format: RenderedFormat, path: string): Promise<void>;
}

export interface ExportOptions extends HtmlOptions {
  formats: readonly ReportFormat[];
  outDir: string;
  model: ReportModel;
  /** The visible findings (after rule settings), as the evaluation returned them. */
  findings: readonly Finding[];
  pageSize?: PageSize;
  /** Required for 'pdf'. */
  printer?: PdfPrinter;
  /** Required for 'canvas-zip': e.g. `(p) => writeCanvasZip(plan, { changeSisIdRows }, p)`. */
  canvasZip?: FileWriter;
  /** Required for 'change-sis-id': writes change_sis_id.csv from the accepted remap proposals. */
  changeSisId?: FileWriter;
  /** File name stem; default `<district>-<YYYY-MM-DD-HHMM>` (shared/report/file-names.ts). */
  baseName?: string;
  /** Who renders html/json/csv/xlsx; default: this thread (`inProcessRenderer`). */
  renderer?: ReportRenderer;
}

export interface ExportedFile {
  format: ReportFormat;
  path: string;
}

/**
 * Writes the requested formats into `outDir` and returns their paths (in the order asked). Everything a
 * format needs is checked before the first file is written; each file appears under its final name only once
 * complete (written beside it, then renamed), so a failure never leaves a half-written report.
 */
export async function exportReport(options: ExportOptions): Promise<ExportedFile[]> {
  const formats = [...new Set(options.formats)];
  if (formats.length === 0) {
    throw new ServiceError(
      'no_format',
      'No report format was chosen.',
      'Pick at least one format, e.g. pdf,xlsx.',
    );
  }
  for (const f of formats) {
    if (f === 'pdf' && !options.printer) {
      throw unavailable(
        'The PDF cannot be printed: no Chromium is available.',
        'Set PREFLIGHT_CHROMIUM to a Chromium executable, or leave pdf out of the formats.',
        'pdf',
      );
    }
    if (f === 'canvas-zip' && !options.canvasZip) {
      throw unavailable(
        'The Canvas SIS import zip cannot be built here.',
        'Leave canvas-zip out of the formats, or export it from the app.',
        'canvas-zip',
      );
    }
    if (f === 'change-sis-id' && !options.changeSisId) {
      throw unavailable(
        'change_sis_id.csv needs a conversion: there is no Canvas baseline for this report.',
        'Attach a Canvas baseline to the report, or leave change-sis-id out of the formats.',
        'change-sis-id',
      );
    }
  }
  await ensureDir(options.outDir);
  const stem = options.baseName ?? defaultBaseName(options.model, options.timeZone);
  const pageSize = options.pageSize ?? 'A4';
  const renderer = options.renderer ?? inProcessRenderer({ ...options, pageSize });
  const written: ExportedFile[] = [];
  for (const format of formats) {
    const path = join(options.outDir, exportFileName(format, stem));
    await atomically(path, async (tmp) => {
      switch (format) {
        case 'html':
        case 'json':
        case 'csv':
        case 'xlsx':
          return renderer.write(format, tmp);
        case 'pdf': {
          const footer = `${options.model.district.name} · Readiness report · ${VERDICT_LABEL[options.model.verdict]}`;
          // Printing stays with the caller's Chromium (the app's window); the HTML may come from a thread.
          return writeFile(
            tmp,
            await options.printer!.print(await renderer.html(), { pageSize, footerText: footer }),
          );
        }
        case 'canvas-zip':
          return options.canvasZip!(tmp);
        case 'change-sis-id':
          return options.changeSisId!(tmp);
      }
    });
    written.push({ format, path });
  }
  return written;
}

/** html/json/csv/xlsx built in this thread (the report thread runs this too). */
export function inProcessRenderer(
  options: Pick<ExportOptions, 'model' | 'findings' | 'pageSize' | 'locale' | 'timeZone'>,
): ReportRenderer {
  let html: string | null = null;
  const reportHtml = () =>
    (html ??= renderReportHtml(options.model, {
      pageSize: options.pageSize ?? 'A4',
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    }));
  return {
    html: async () => reportHtml(),
    async write(format, path) {
      switch (format) {
        case 'html':
          return writeFile(path, reportHtml(), 'utf8');
        case 'json':
          return writeReportJson(options.model, options.findings, path);
        case 'csv':
          return writeFindingsCsv(options.findings, path);
        case 'xlsx':
          return void (await writeFindingsXlsx(options.model, options.findings, path));
      }
    },
  };
}

/** `<district-slug>-<YYYY-MM-DD-HHMM>` from the report's date, in the report's time zone when it has one. */
export function defaultBaseName(model: ReportModel, timeZone?: string): string {
  return exportStem(model.district.name, model.generatedAt, timeZone);
}

async function atomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.partial`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new ServiceError(
      'out_dir_unwritable',
      `Cannot create the output folder ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Choose a folder you can write to.',
    );
  }
}

/** `detail.format` lets each edge word the remedy (the CLI names its flags: electron/cli/hints.ts). */
function unavailable(message: string, hint: string, format: string): ServiceError {
  return new ServiceError('format_unavailable', message, hint, { detail: { format } });
}
