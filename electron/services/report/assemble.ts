import type { ConversionResult } from '../../../shared/conversion/types';
import type { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import type { Profile } from '../../../shared/profiles/profile';
import type { PageSize, ReportFormat, ReportModel, SyncHistoryEntry } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { VerifyReport } from '../../../shared/verify/report';
import { openBaselineStore } from '../canvas-baseline';
import { writeCanvasZip, writeChangeSisIdCsv, type ChangeSisIdRow } from '../canvas-csv';
import { acceptedChangeSisIdRows } from '../conversion';
import { conversionFor, mergeConversion } from '../conversion/resolve-baseline';
import type { Services } from '../container';
import { ServiceError } from '../../../shared/errors';
import { evaluateSnapshot, type Evaluation } from '../evaluate';
import { exportReport, type ExportedFile } from './export';
import { buildReportModel } from './model';
import type { PdfPrinter } from './pdf';

/** Everything a readiness report of one snapshot is built from, besides the stored data itself. */
export interface AssembleReportInput {
  services: Pick<Services, 'snapshots' | 'dataDir'>;
  snapshotId: string;
  options: MappingOptions;
  settings: RuleSettings;
  /**
   * The district: its name and demo flag head the report; its id (null: not a saved profile) finds its remap
   * decisions. Null for a snapshot without a district.
   */
  profile: (Pick<Profile, 'name' | 'demo'> & { id: string | null; timeZone?: string | null }) | null;
  /** A Canvas baseline adds the conversion part (CNV findings, change_sis_id.csv); null leaves it out. */
  baselineId: string | null;
  importMode?: ImportMode;
  verify?: VerifyReport | null;
  syncHistory?: SyncHistoryEntry[];
  appVersion: string;
}

export interface AssembledReport {
  model: ReportModel;
  /** The visible findings, CNV findings merged in under the same rule settings as the data findings. */
  findings: Finding[];
  evaluation: Evaluation;
  conversion: ConversionResult | null;
  changeSisIdRows: ChangeSisIdRow[];
}

/**
 * Evaluates the snapshot (and its conversion when a baseline is given) and builds the report model: the one
 * assembly behind `preflight report` and `preflight demo`.
 */
export async function assembleReport(input: AssembleReportInput): Promise<AssembledReport> {
  const { services, snapshotId, baselineId } = input;
  const snapshot = services.snapshots.get(snapshotId);
  if (snapshot === null) {
    throw new ServiceError('snapshot_not_found', `There is no snapshot ${snapshotId}.`);
  }
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId,
    options: input.options,
    settings: input.settings,
  });
  const profileId = input.profile?.id ?? null;
  const conversion =
    baselineId === null
      ? null
      : conversionFor(services, evaluation, {
          baselineId,
          snapshotId,
          profileId,
          ...(input.importMode ? { importMode: input.importMode } : {}),
        });
  const merged = conversion ? mergeConversion(evaluation, conversion, input.settings) : null;
  const findings = merged?.findings ?? evaluation.findings;
  const model = buildReportModel({
    evaluation: { ...evaluation, ...(merged ? { summary: merged.summary, findings } : {}) },
    snapshot,
    profile: input.profile ? { name: input.profile.name, demo: input.profile.demo } : null,
    baseline: baselineId === null ? null : openBaselineStore(services.snapshots).get(baselineId),
    conversion: conversion?.summary ?? null,
    verify: input.verify ?? null,
    mappingOptions: input.options,
    ruleSettings: input.settings,
    syncHistory: input.syncHistory ?? [],
    appVersion: input.appVersion,
    generatedAt: new Date().toISOString(),
    timeZone: input.profile?.timeZone ?? null,
  });
  const changeSisIdRows = conversion ? acceptedChangeSisIdRows(conversion) : [];
  return { model, findings, evaluation, conversion, changeSisIdRows };
}

export interface WriteReportOptions {
  formats: readonly ReportFormat[];
  outDir: string;
  pageSize?: PageSize;
  /** Required for 'pdf'. */
  printer?: PdfPrinter;
  /** File name stem; default `<district>-<YYYY-MM-DD>`. */
  baseName?: string;
}

/** Writes an assembled report in the chosen formats, the Canvas SIS zip and change_sis_id.csv included. */
export async function writeAssembledReport(
  report: AssembledReport,
  options: WriteReportOptions,
): Promise<ExportedFile[]> {
  const { conversion, changeSisIdRows } = report;
  if (options.formats.includes('change-sis-id') && conversion === null) {
    throw new ServiceError('no_baseline', 'change_sis_id.csv needs a Canvas baseline.');
  }
  return exportReport({
    formats: options.formats,
    outDir: options.outDir,
    model: report.model,
    findings: report.findings,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
    ...(options.baseName ? { baseName: options.baseName } : {}),
    canvasZip: async (path) =>
      void (await writeCanvasZip(
        report.evaluation.canvasPlan,
        { changeSisIdRows, timeZone: report.model.canvasDates.timeZone },
        path,
      )),
    ...(conversion
      ? { changeSisId: async (path) => void (await writeChangeSisIdCsv(changeSisIdRows, path)) }
      : {}),
  });
}
