import type { PageSize, ReportFormat } from '../../../shared/report/model';
import type { Profile } from '../../../shared/profiles/profile';
import { acceptedChangeSisIdRows } from '../conversion/change-sis-id';
import type { ConversionSession } from '../conversion/session';
import type { Services } from '../container';
import type { EvaluationCache, EvaluationView } from '../evaluate-cache';
import { reportEntry } from '../sync/report-entry';
import type { SyncHistoryStore } from '../sync/history';
import type { LastReportStore } from '../verify/last-report-store';
import { reportFromParts, writeAssembledReport, type AssembledReport } from './assemble';
import type { ExportedFile } from './export';
import type { PdfPrinter } from './pdf';

export interface ReportSessionDeps {
  evaluations: EvaluationCache;
  conversions: ConversionSession;
  verifyReports: LastReportStore;
  history: SyncHistoryStore;
  appVersion: string;
}

/** A report of the district's latest evaluation, with the cached evaluation it was built from. */
export interface SessionReport extends AssembledReport {
  view: EvaluationView;
}

/**
 * The app's report workflow: the readiness report of the district's latest cached evaluation (what Findings
 * shows), its conversion when it is of the same snapshot, the last verify and the sync history — built and
 * written by the same functions as `preflight report` (assemble.ts), without evaluating again.
 */
export class ReportSession {
  constructor(
    private readonly services: Pick<Services, 'snapshots' | 'settings'>,
    private readonly deps: ReportSessionDeps,
  ) {}

  /** The report, or null when the district has no evaluation (or its snapshot was deleted). */
  async assemble(profile: Profile): Promise<SessionReport | null> {
    const { services, deps } = this;
    const view = deps.evaluations.latest(profile.id);
    if (!view) return null;
    const snapshot = services.snapshots.get(view.snapshotId);
    if (snapshot === null) return null;
    const [entry, verify, history] = await Promise.all([
      deps.conversions.current(profile.id),
      deps.verifyReports.get(profile.id),
      deps.history.list(profile.id),
    ]);
    // Only a conversion of the evaluated snapshot belongs in its report.
    const conversion = entry && entry.snapshot.id === view.snapshotId ? entry : null;
    const report = reportFromParts({
      evaluation: {
        summary: view.summary().summary,
        plan: view.input.plan,
        findings: [...view.visibleFindings()],
      },
      canvasPlan: view.input.canvasPlan ?? null,
      snapshot,
      profile,
      baseline: conversion?.baseline ?? null,
      conversion: conversion?.result.summary ?? null,
      changeSisIdRows: conversion ? acceptedChangeSisIdRows(conversion.result) : [],
      verify,
      syncHistory: history.map(reportEntry),
      options: view.input.options,
      settings: services.settings.get(profile.id).rules,
      appVersion: deps.appVersion,
    });
    return { ...report, view };
  }

  /** Writes the report in the chosen formats (the caller checked they are available). */
  write(
    report: AssembledReport,
    options: {
      formats: readonly ReportFormat[];
      outDir: string;
      pageSize: PageSize;
      timeZone?: string;
      printer?: PdfPrinter;
    },
  ): Promise<ExportedFile[]> {
    return writeAssembledReport(report, options);
  }
}
