import type { BaselineMeta } from '../../../shared/canvas/baseline';
import type { ConversionSummary } from '../../../shared/conversion/types';
import type { Plan } from '../../../shared/plan/types';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import type { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import type { Profile } from '../../../shared/profiles/profile';
import type { PageSize, ReportFormat, ReportModel, SyncHistoryEntry } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { VerifyReport } from '../../../shared/verify/report';
import { openBaselineStore } from '../canvas-baseline';
import { writeCanvasZip, writeChangeSisIdCsv, type ChangeSisIdRow } from '../canvas-csv';
import { acceptedChangeSisIdRows } from '../conversion';
import { resolveBaseline } from '../conversion/resolve-baseline';
import type { Services } from '../container';
import { ServiceError } from '../../../shared/errors';
import { resolveEvaluationTarget, type TargetRequest } from '../evaluate/evaluation-target';
import { evaluateWithConversion } from '../evaluate/pipeline';
import { SyncHistoryStore } from '../sync/history';
import { reportEntry } from '../sync/report-entry';
import { LastReportStore } from '../verify/last-report-store';
import type { ExportedFile } from './export';
import { buildReportModel, type ReportInput } from './model';
import type { PdfPrinter } from './pdf';
import { exportReportInWorker } from './report-thread';

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
  /** The Canvas objects to send (the SIS zip); null when the evaluation did not keep them. */
  canvasPlan: Plan | null;
  /** The conversion part; null without a Canvas baseline. */
  conversion: ConversionSummary | null;
  changeSisIdRows: ChangeSisIdRow[];
}

/** A report's ingredients once evaluated, however that happened (in-process here, the app's cached evaluation). */
export interface ReportParts {
  /** Findings with the rule settings applied (what the reader sees), CNV findings included. */
  evaluation: ReportInput['evaluation'];
  canvasPlan: Plan | null;
  snapshot: SnapshotMeta;
  profile: (Pick<Profile, 'name' | 'demo'> & { timeZone?: string | null }) | null;
  baseline: BaselineMeta | null;
  conversion: ConversionSummary | null;
  changeSisIdRows: ChangeSisIdRow[];
  verify: VerifyReport | null;
  syncHistory: SyncHistoryEntry[];
  options: MappingOptions;
  settings: RuleSettings;
  appVersion: string;
}

/** The one place a report model is built from its parts (the CLI, the demo and the app's Report screen). */
export function reportFromParts(parts: ReportParts): AssembledReport {
  const model = buildReportModel({
    evaluation: parts.evaluation,
    snapshot: parts.snapshot,
    profile: parts.profile ? { name: parts.profile.name, demo: parts.profile.demo } : null,
    baseline: parts.baseline,
    conversion: parts.conversion,
    verify: parts.verify,
    mappingOptions: parts.options,
    ruleSettings: parts.settings,
    syncHistory: parts.syncHistory,
    appVersion: parts.appVersion,
    generatedAt: new Date().toISOString(),
    timeZone: parts.profile?.timeZone ?? null,
  });
  return {
    model,
    findings: [...parts.evaluation.findings],
    canvasPlan: parts.canvasPlan,
    conversion: parts.conversion,
    changeSisIdRows: parts.changeSisIdRows,
  };
}

/**
 * Evaluates the snapshot (and its conversion when a baseline is given) and builds the report model: the
 * assembly behind `preflight report` and `preflight demo`.
 */
export async function assembleReport(input: AssembleReportInput): Promise<AssembledReport> {
  const { services, snapshotId, baselineId } = input;
  const snapshot = services.snapshots.get(snapshotId);
  if (snapshot === null) {
    throw new ServiceError('snapshot_not_found', `There is no snapshot ${snapshotId}.`);
  }
  const run = await evaluateWithConversion(services, {
    snapshotId,
    options: input.options,
    settings: input.settings,
    profileId: input.profile?.id ?? null,
    baselineId,
    ...(input.importMode ? { importMode: input.importMode } : {}),
  });
  return reportFromParts({
    evaluation: { ...run.evaluation, summary: run.summary, findings: run.findings },
    canvasPlan: run.evaluation.canvasPlan,
    snapshot,
    profile: input.profile,
    baseline: baselineId === null ? null : openBaselineStore(services.snapshots).get(baselineId),
    conversion: run.conversionSummary,
    changeSisIdRows: run.conversion ? acceptedChangeSisIdRows(run.conversion) : [],
    verify: input.verify ?? null,
    syncHistory: input.syncHistory ?? [],
    options: input.options,
    settings: input.settings,
    appVersion: input.appVersion,
  });
}

/**
 * `preflight report`'s assembly: the snapshot and settings resolved like `preflight evaluate` (a profile's newest
 * complete snapshot by default), its baseline (a report file is imported first), the profile's import mode,
 * last verify and sync history.
 */
export async function assembleReportFor(
  services: Pick<Services, 'profiles' | 'snapshots' | 'settings' | 'dataDir'>,
  request: TargetRequest & {
    canvasBaseline?: string;
    signal?: AbortSignal;
    /** Called once the snapshot is known, before the (long) evaluation. */
    onEvaluating?: (snapshotId: string) => void;
  },
  appVersion: string,
): Promise<AssembledReport & { snapshotId: string }> {
  const target = await resolveEvaluationTarget(services, request);
  const profile =
    target.profile ??
    (target.settingsProfileId !== null
      ? await services.profiles.resolve(target.settingsProfileId).catch(() => null)
      : null);
  const profileId = profile?.id ?? null;
  const baselineId =
    request.canvasBaseline === undefined
      ? null
      : (await resolveBaseline(services, request.canvasBaseline, profileId, request.signal)).baselineId;
  request.onEvaluating?.(target.snapshotId);
  const report = await assembleReport({
    services,
    snapshotId: target.snapshotId,
    options: target.options,
    settings: target.settings,
    profile,
    baselineId,
    ...(profileId !== null ? { importMode: services.settings.getImportMode(profileId) } : {}),
    verify: profile ? await new LastReportStore(services.dataDir).get(profile.id) : null,
    syncHistory: profileId
      ? (await new SyncHistoryStore(services.dataDir).list(profileId)).map(reportEntry)
      : [],
    appVersion,
  });
  return { ...report, snapshotId: target.snapshotId };
}

export interface WriteReportOptions {
  formats: readonly ReportFormat[];
  outDir: string;
  pageSize?: PageSize;
  /** Required for 'pdf'. */
  printer?: PdfPrinter;
  /** File name stem; default `<district>-<YYYY-MM-DD-HHMM>` (shared/report/file-names.ts). */
  baseName?: string;
  /** The zone the report's dates are shown in (the app: the user's); default UTC. */
  timeZone?: string;
}

/** Writes an assembled report in the chosen formats, the Canvas SIS zip and change_sis_id.csv included. */
export async function writeAssembledReport(
  report: AssembledReport,
  options: WriteReportOptions,
): Promise<ExportedFile[]> {
  const { conversion, changeSisIdRows, canvasPlan } = report;
  if (options.formats.includes('change-sis-id') && conversion === null) {
    throw new ServiceError('no_baseline', 'change_sis_id.csv needs a Canvas baseline.');
  }
  // html/json/csv/xlsx are built on a worker thread (the app's main thread stays free); PDF prints here.
  return exportReportInWorker({
    formats: options.formats,
    outDir: options.outDir,
    model: report.model,
    findings: report.findings,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
    ...(options.baseName ? { baseName: options.baseName } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(canvasPlan
      ? {
          canvasZip: async (path: string) =>
            void (await writeCanvasZip(
              canvasPlan,
              { changeSisIdRows, timeZone: report.model.canvasDates.timeZone },
              path,
            )),
        }
      : {}),
    ...(conversion
      ? { changeSisId: async (path: string) => void (await writeChangeSisIdCsv(changeSisIdRows, path)) }
      : {}),
  });
}
