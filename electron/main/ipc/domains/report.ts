import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FormatAvailability, ExportedReportFile } from '../../../../shared/ipc/channels/report';
import { ServiceError } from '../../../../shared/errors';
import { REPORT_FORMATS, type PageSize, type ReportFormat } from '../../../../shared/report/model';
import { renderReportHtmlInWorker, type PdfPrinter } from '../../../services/report';
import type { ReportSession, SessionReport } from '../../../services/report/session';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { FileAccess } from '../file-access';
import { requireProfile } from './profiles';

/** What only the desktop shell provides to the Report screen (tests pass stand-ins). */
export interface ReportHandlerOptions {
  /** Prints the report HTML to PDF (the app: webContents.printToPDF; tests: a Playwright Chromium). */
  pdfPrinter?: PdfPrinter;
  /** The native "choose folder" dialog; null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Shows a file in the OS file manager (Electron `shell.showItemInFolder`). */
  revealPath?: (path: string) => Promise<void>;
}

const noDialog = async (): Promise<never> => {
  throw new ServiceError(
    'dialog_unavailable',
    'Folders cannot be chosen here.',
    'Export from the desktop app, or with `preflight report`.',
  );
};
const noShell = async (): Promise<never> => {
  throw new ServiceError(
    'shell_unavailable',
    'The file manager cannot be opened here.',
    'Open the folder yourself.',
  );
};

/** Report dates in the user's time zone; the HTML renderer formats numbers en-US by default. */
const HTML_OPTIONS = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };

/**
 * report:* and dialog:chooseFolder — adapters over the report session (services/report/session.ts). Files are
 * written only into folders the user picked and only written files can be revealed (FileAccess, shared with
 * the Sync screen).
 */
export function reportHandlers(
  services: HandlerServices,
  session: ReportSession,
  files: FileAccess,
  options: ReportHandlerOptions,
): HandlerGroup<'report:preview' | 'report:export' | 'report:reveal' | 'dialog:chooseFolder'> {
  const chooseFolder = options.chooseFolder ?? noDialog;
  const revealPath = options.revealPath ?? noShell;

  /** Which formats the Report screen may offer, and why not. */
  function availability(report: SessionReport): FormatAvailability[] {
    const why: Partial<Record<ReportFormat, string>> = {};
    if (!options.pdfPrinter) why.pdf = 'PDF printing is not available in this window.';
    if (!report.canvasPlan) why['canvas-zip'] = 'Evaluate the snapshot again to build the Canvas import.';
    if (!report.conversion) {
      why['change-sis-id'] = 'Needs a Canvas baseline: attach one on the Conversion screen.';
    } else if (report.changeSisIdRows.length === 0) {
      why['change-sis-id'] = 'No remap proposal is accepted yet (Conversion screen).';
    }
    return REPORT_FORMATS.map((format) => ({
      format,
      available: why[format] === undefined,
      reason: why[format] ?? null,
    }));
  }

  return {
    'report:preview': async ({ profileId, pageSize }) => {
      const report = await session.assemble(await requireProfile(services, profileId));
      if (!report) {
        const latest = services.snapshots.latestComplete(profileId);
        return {
          preview: null,
          latestSnapshot: latest
            ? { id: latest.id, label: latest.label, finishedAt: latest.finishedAt }
            : null,
        };
      }
      const snap = report.model.snapshot;
      return {
        preview: {
          model: report.model,
          html: await renderReportHtmlInWorker(report.model, { pageSize, ...HTML_OPTIONS }),
          formats: availability(report),
        },
        latestSnapshot: { id: snap.id, label: snap.label, finishedAt: snap.finishedAt },
      };
    },

    'report:export': async ({ profileId, formats, pageSize, outDir }) => {
      const dir = files.requirePicked(outDir);
      const report = await session.assemble(await requireProfile(services, profileId));
      if (!report) {
        throw new ServiceError(
          'not_evaluated',
          'This district has no evaluation to report on yet.',
          'Open Findings and evaluate the latest snapshot, then export again.',
        );
      }
      const unavailable = availability(report).filter((a) => !a.available && formats.includes(a.format));
      if (unavailable.length > 0) {
        throw new ServiceError(
          'format_unavailable',
          `Cannot export ${unavailable.map((a) => a.format).join(', ')}: ${unavailable[0]!.reason}`,
          'Untick the formats that are not available, or do what the note next to them says.',
        );
      }
      const written = await session.write(report, {
        formats,
        outDir: dir,
        pageSize: pageSize as PageSize,
        ...HTML_OPTIONS,
        ...(options.pdfPrinter ? { printer: options.pdfPrinter } : {}),
      });
      const out: ExportedReportFile[] = [];
      for (const f of written) {
        files.markWritten(f.path);
        out.push({
          format: f.format,
          path: f.path,
          name: basename(f.path),
          bytes: (await stat(f.path)).size,
        });
      }
      return { outDir: dir, files: out };
    },

    'report:reveal': async ({ path }) => {
      await revealPath(files.requireWritten(path));
      return { revealed: true as const };
    },

    'dialog:chooseFolder': async ({ title }) => {
      const path = await chooseFolder(title);
      return { path: path === null ? null : files.pick(path) };
    },
  };
}
