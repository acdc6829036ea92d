import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FormatAvailability, ExportedReportFile } from '../../../../shared/ipc/channels/report';
import { ServiceError } from '../../../../shared/errors';
import type { ConversionSummary } from '../../../../shared/conversion/types';
import type { BaselineMeta } from '../../../../shared/canvas/baseline';
import {
  REPORT_FORMATS,
  type PageSize,
  type ReportFormat,
  type SyncHistoryEntry,
} from '../../../../shared/report/model';
import { writeCanvasZip, writeChangeSisIdCsv, type ChangeSisIdRow } from '../../../services/canvas-csv';
import type { EvaluationCache, EvaluationView } from '../../../services/evaluate-cache';
import { buildReportModel, exportReport, renderReportHtml, type PdfPrinter } from '../../../services/report';
import type { LastReportStore } from '../../../services/verify/last-report-store';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { FileAccess } from './file-access';
import { requireProfile } from './profiles';

/** The conversion behind a report: its summary, and the accepted remaps as change_sis_id.csv rows. */
export interface ReportConversion {
  baseline: BaselineMeta;
  summary: ConversionSummary;
  changeSisIdRows: readonly ChangeSisIdRow[];
}

export interface ReportHandlerOptions {
  appVersion: string;
  /** Prints the report HTML to PDF (the app: webContents.printToPDF; tests: a Playwright Chromium). */
  pdfPrinter?: PdfPrinter;
  /** Shows a file in the OS file manager (Electron `shell.showItemInFolder`). */
  revealPath: (path: string) => Promise<void>;
  /** Which folders the user picked and which files were written (shared with the Sync screen). */
  files: FileAccess;
}

/** Where the report's parts come from besides the evaluation (owned by other domains). */
export interface ReportSources {
  evaluations: EvaluationCache;
  verifyReports: LastReportStore;
  /** The district's conversion of this snapshot, or null (no Canvas baseline, or it is of another snapshot). */
  conversion: (profileId: string, snapshotId: string) => Promise<ReportConversion | null>;
  /** Every one-off sync of the district, oldest first. */
  syncHistory: (profileId: string) => Promise<SyncHistoryEntry[]>;
}

/** Report dates in the user's time zone; the HTML renderer formats numbers en-US by default. */
const HTML_OPTIONS = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };

/**
 * Report: the readiness report of the district's latest evaluation, previewed in the window and exported to a
 * folder the user picked. Files are written only into picked folders and only written files can be revealed.
 */
export function reportHandlers(
  services: HandlerServices,
  sources: ReportSources,
  options: ReportHandlerOptions,
): HandlerGroup<'report:preview' | 'report:export' | 'report:reveal'> {
  const { files: access } = options;

  async function assemble(profileId: string) {
    const profile = await requireProfile(services, profileId);
    const view = sources.evaluations.latest(profileId);
    if (!view) return null;
    const snapshot = services.snapshots.get(view.snapshotId);
    if (snapshot === null) return null;
    const [conversion, verify, syncHistory] = await Promise.all([
      sources.conversion(profileId, view.snapshotId),
      sources.verifyReports.get(profileId),
      sources.syncHistory(profileId),
    ]);
    const settings = services.settings.get(profileId);
    const model = buildReportModel({
      evaluation: {
        summary: view.summary().summary,
        plan: view.input.plan,
        findings: [...view.visibleFindings()],
      },
      snapshot,
      profile: { name: profile.name, demo: profile.demo },
      baseline: conversion?.baseline ?? null,
      conversion: conversion?.summary ?? null,
      verify,
      mappingOptions: view.input.options,
      ruleSettings: settings.rules,
      syncHistory,
      appVersion: options.appVersion,
      generatedAt: new Date().toISOString(),
    });
    return { model, view, conversion };
  }

  function availability(view: EvaluationView, conversion: ReportConversion | null): FormatAvailability[] {
    const why: Partial<Record<ReportFormat, string>> = {};
    if (!options.pdfPrinter) why.pdf = 'PDF printing is not available in this window.';
    if (!view.input.canvasPlan) why['canvas-zip'] = 'Evaluate the snapshot again to build the Canvas import.';
    if (!conversion) {
      why['change-sis-id'] = 'Needs a Canvas baseline: attach one on the Conversion screen.';
    } else if (conversion.changeSisIdRows.length === 0) {
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
      const built = await assemble(profileId);
      if (!built) {
        const latest = services.snapshots.latestComplete(profileId);
        return {
          preview: null,
          latestSnapshot: latest
            ? { id: latest.id, label: latest.label, finishedAt: latest.finishedAt }
            : null,
        };
      }
      const snap = built.model.snapshot;
      return {
        preview: {
          model: built.model,
          html: renderReportHtml(built.model, { pageSize, ...HTML_OPTIONS }),
          formats: availability(built.view, built.conversion),
        },
        latestSnapshot: { id: snap.id, label: snap.label, finishedAt: snap.finishedAt },
      };
    },

    'report:export': async ({ profileId, formats, pageSize, outDir }) => {
      const dir = access.requirePicked(outDir);
      const built = await assemble(profileId);
      if (!built) {
        throw new ServiceError(
          'not_evaluated',
          'This district has no evaluation to report on yet.',
          'Open Findings and evaluate the latest snapshot, then export again.',
        );
      }
      const unavailable = availability(built.view, built.conversion).filter(
        (a) => !a.available && formats.includes(a.format),
      );
      if (unavailable.length > 0) {
        throw new ServiceError(
          'format_unavailable',
          `Cannot export ${unavailable.map((a) => a.format).join(', ')}: ${unavailable[0]!.reason}`,
          'Untick the formats that are not available, or do what the note next to them says.',
        );
      }
      const plan = built.view.input.canvasPlan;
      const rows = built.conversion?.changeSisIdRows ?? [];
      const written = await exportReport({
        formats,
        outDir: dir,
        model: built.model,
        findings: built.view.visibleFindings(),
        pageSize: pageSize as PageSize,
        ...HTML_OPTIONS,
        ...(options.pdfPrinter ? { printer: options.pdfPrinter } : {}),
        ...(plan
          ? {
              canvasZip: async (p: string) => void (await writeCanvasZip(plan, { changeSisIdRows: rows }, p)),
            }
          : {}),
        ...(rows.length > 0
          ? { changeSisId: async (p: string) => void (await writeChangeSisIdCsv(rows, p)) }
          : {}),
      });
      const files: ExportedReportFile[] = [];
      for (const f of written) {
        access.markWritten(f.path);
        files.push({
          format: f.format,
          path: f.path,
          name: basename(f.path),
          bytes: (await stat(f.path)).size,
        });
      }
      return { outDir: dir, files };
    },

    'report:reveal': async ({ path }) => {
      await options.revealPath(access.requireWritten(path));
      return { revealed: true as const };
    },
  };
}
