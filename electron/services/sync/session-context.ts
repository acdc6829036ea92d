import { ServiceError } from '../../../shared/errors';
import type { Plan } from '../../../shared/plan/types';
import type { Profile } from '../../../shared/profiles/profile';
import { isPartialFeed } from '../../../shared/snapshots/feed';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncHistoryEntry, SyncRefusal } from '../../../shared/sync/types';
import { openBaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { ConversionSession } from '../conversion/session';
import type { EvaluationCache, EvaluationView } from '../evaluate-cache';
import { LastReportStore } from '../verify/last-report-store';
import { termIdsOf } from './gather';
import { acceptedChangeSisIdRows } from '../conversion/change-sis-id';
import { importParams } from './params';
import { prepareSync, refusalsToSend, type PreparedSync } from './prepare-sync';

export type SyncServices = Pick<
  Services,
  'dataDir' | 'logger' | 'vault' | 'profiles' | 'snapshots' | 'settings'
>;

/**
 * What the app's sync session (session.ts) derives from the district's state: the evaluation of its newest complete snapshot (what
 * would be sent), the guard-rail refusals, and the history as the renderer and the report may see it.
 */

/** The evaluation of the district's newest complete snapshot; an older snapshot's evaluation does not count. */
export function currentEvaluation(
  services: SyncServices,
  evaluations: EvaluationCache,
  profileId: string,
): EvaluationView | undefined {
  const latest = services.snapshots.latestComplete(profileId);
  return latest ? evaluations.get(profileId, latest.id) : undefined;
}

export function planOf(view: EvaluationView | undefined): Plan {
  const plan = view?.input.canvasPlan;
  if (!plan) {
    throw new ServiceError(
      'not_evaluated',
      'The latest snapshot has not been evaluated, so there is nothing to send yet.',
      'Open Findings and evaluate the latest snapshot first.',
    );
  }
  return plan;
}

/**
 * The sync prepared from the app's caches for exactly the import mode that would be sent (not the saved one):
 * the district's evaluated snapshot, its conversion under that mode (a what-if when it differs from the saved
 * mode), the baseline's terms and age, and the last verify. null when the snapshot is not evaluated yet.
 */
export async function prepareFromCaches(
  services: SyncServices,
  caches: { evaluations: EvaluationCache; conversions: ConversionSession },
  profileId: string,
  importMode: ImportMode,
  allowPendingRemaps: boolean,
): Promise<PreparedSync | null> {
  const view = currentEvaluation(services, caches.evaluations, profileId);
  const plan = view?.input.canvasPlan;
  if (!view || !plan) return null;
  const entry =
    importMode.mode === 'batch' && importMode.termId.trim() === ''
      ? null
      : await caches.conversions.current(profileId).catch(() => null);
  const sameMode = entry && JSON.stringify(entry.importMode) === JSON.stringify(importMode);
  const conversion = entry
    ? sameMode
      ? entry.result
      : await caches.conversions.preview(profileId, entry, importMode)
    : null;
  const rawFindings = ConversionSession.withConversionFindings(view.input.findings, conversion);
  const verify = await new LastReportStore(services.dataDir).get(profileId);
  const timeZone = (await services.profiles.get(profileId).catch(() => null))?.timeZone ?? null;
  const ofThisSnapshot = entry && conversion && entry.snapshot.id === view.snapshotId ? entry : null;
  const params = ofThisSnapshot ? paramsOrNull(importMode) : null;
  const remaps = ofThisSnapshot && conversion ? acceptedChangeSisIdRows(conversion) : [];
  // The conversion thread builds the same plan (from the snapshot and the options it was evaluated with) and
  // the sync's CSV files from it, with or without a baseline: they are never built on this thread.
  const files = { snapshotId: view.snapshotId, mapping: view.input.options, remaps, timeZone };
  // With a baseline (for this snapshot), the conversion thread answers the row-level prediction it made for the
  // conversion; without one, Canvas's skips are unknown: the preview is the files' rows, counted there too.
  const predicted =
    ofThisSnapshot && conversion && params
      ? await caches.conversions.predictSync(profileId, ofThisSnapshot, { remaps, params, timeZone })
      : null;
  return prepareSync({
    plan,
    snapshotId: view.snapshotId,
    snapshotAt: view.input.snapshotAt,
    summary: view.summary().summary,
    rawFindings,
    rules: services.settings.getRules(profileId),
    conversion: ofThisSnapshot ? conversion : null,
    baselineAt: entry ? (entry.baseline.finishedAt ?? entry.baseline.fetchedAt) : null,
    canvasTermIds: entry ? termIdsOf(openBaselineStore(services.snapshots), entry.baseline.id) : null,
    verify: verify
      ? {
          ok: verify.summary.verdict !== 'not_ready' && !verify.summary.cancelled,
          finishedAt: verify.summary.finishedAt,
        }
      : null,
    partialFeed: isPartialFeed(services.snapshots.get(view.snapshotId)?.providerFacts),
    importMode,
    allowPendingRemaps,
    timeZone,
    predict: null,
    predicted,
    fileRows: predicted === null ? await caches.conversions.countSyncFiles(files) : null,
    readMessages: (report) => caches.conversions.readSyncMessages(files, report),
    writeZip: (zipPath) => caches.conversions.writeSyncZip(files, zipPath),
  });
}

/** The POST parameters of a sendable import mode; null for an incomplete one (refused before sending anyway). */
function paramsOrNull(mode: ImportMode): Record<string, string> | null {
  try {
    return importParams(mode);
  } catch {
    return null;
  }
}

/** Every reason to refuse; `confirmText` null = the typed confirmation is not checked (preflight). */
export function refusalsFor(
  profile: Profile,
  prepared: PreparedSync | null,
  tokenStored: boolean,
  running: boolean,
  confirmText: string | null,
): SyncRefusal[] {
  const refusals: SyncRefusal[] = [];
  if (profile.canvas === null) {
    refusals.push({
      code: 'no_canvas',
      message: `"${profile.name}" has no Canvas settings, so there is nowhere to sync to.`,
      hint: 'Open Districts and add the Canvas URL, root account id and access token.',
    });
  } else if (!tokenStored) {
    refusals.push({
      code: 'no_canvas',
      message: `No Canvas access token is stored for "${profile.name}".`,
      hint: 'Open Districts, select this district and save its Canvas access token.',
    });
  }
  const notEvaluated: SyncRefusal = {
    code: 'not_evaluated',
    message: 'The latest snapshot has not been evaluated, so its blockers are unknown.',
    hint: 'Evaluate the latest snapshot and look at the findings first.',
  };
  refusals.push(
    ...(prepared ? [] : [notEvaluated]),
    ...refusalsToSend(prepared ?? { refusals: [] }, {
      districtName: profile.name,
      confirmText: confirmText ?? profile.name,
      running,
    }),
  );
  return refusals;
}

/** The evaluated snapshot as the Sync screen shows it; null when not evaluated. */
export interface EvaluationFacts {
  snapshotId: string;
  snapshotLabel: string;
  evaluatedAt: string;
  verdict: ReturnType<EvaluationView['summary']>['summary']['verdict'];
  openBlockers: number;
  acknowledgedBlockers: number;
}

export function evaluationFacts(
  services: SyncServices,
  view: EvaluationView | undefined,
): EvaluationFacts | null {
  if (!view) return null;
  const s = view.summary().summary;
  return {
    snapshotId: view.snapshotId,
    snapshotLabel: services.snapshots.get(view.snapshotId)?.label ?? '',
    evaluatedAt: s.evaluatedAt,
    verdict: s.verdict,
    openBlockers: s.effectiveCounts.blocker,
    acknowledgedBlockers: s.acknowledgedBlockers,
  };
}

export function batchTermCheck(mode: ImportMode): void {
  if (mode.mode === 'batch' && mode.termId.trim() === '') {
    throw new ServiceError(
      'import_mode_invalid',
      'Batch mode needs the term whose missing courses, sections and enrollments it deletes.',
      'Choose the term, or use standard or diffing mode.',
    );
  }
  if (mode.mode === 'diffing' && mode.dataSetId.trim() === '') {
    throw new ServiceError(
      'import_mode_invalid',
      'Diffing mode needs a data set identifier (the same one for every import of this feed).',
      'Enter a data set id, e.g. the district name and year, or use standard mode.',
    );
  }
}

/**
 * A history entry as the renderer sees it: the error file's link loses its query (Canvas puts a file verifier
 * there, a capability to download it); main downloads the file for the user instead.
 */
export function entryView(entry: SyncHistoryEntry): SyncHistoryEntry {
  const file = entry.result?.errorFile;
  if (!entry.result || !file) return entry;
  let url: string;
  try {
    const u = new URL(file.url);
    url = `${u.origin}${u.pathname}`;
  } catch {
    url = '';
  }
  return { ...entry, result: { ...entry.result, errorFile: { ...file, url } } };
}
