import type { ImportMode } from '../../../shared/sync/import-mode';
import { openBaselineStore, type BaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { conversionFor, mergeConversion, resolveBaseline } from '../conversion/resolve-baseline';
import { isCodedError } from '../../../shared/errors';
import { evaluateSnapshot, resolveEvaluationTarget } from '../evaluate';
import { LastReportStore } from '../verify/last-report-store';
import { isPartialFeed } from '../../../shared/snapshots/feed';
import type { SyncIngredients } from './prepare-sync';
import { predictorFor } from './predictor';

/**
 * The sync's ingredients straight from the stores (the command line; the app takes them from its caches): the
 * snapshot evaluated under the profile's settings, the conversion for the import mode being sent, the
 * baseline's terms and age, and the last verify.
 */
export interface GatherRequest {
  profile?: string;
  snapshot?: string;
  /** Baseline file, id or 'latest'; without one asked for, no baseline is fine (the preview counts the plan). */
  canvasBaseline?: string;
  importMode: ImportMode;
  allowPendingRemaps: boolean;
  signal?: AbortSignal;
}

export interface Gathered {
  ingredients: SyncIngredients;
  settingsProfileId: string | null;
  profileName: string | null;
  rootName: string;
}

export function termIdsOf(store: BaselineStore, baselineId: string): Set<string> {
  const ids = new Set<string>();
  for (const t of store.iterate(baselineId, 'terms'))
    if (t.status !== 'deleted' && t.term_id) ids.add(t.term_id);
  return ids;
}

export async function gatherSyncIngredients(services: Services, req: GatherRequest): Promise<Gathered> {
  const target = await resolveEvaluationTarget(services, {
    ...(req.snapshot !== undefined ? { snapshot: req.snapshot } : {}),
    ...(req.profile !== undefined ? { profile: req.profile } : {}),
  });
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId: target.snapshotId,
    options: target.options,
    settings: target.settings,
  });
  let conversion: SyncIngredients['conversion'] = null;
  let rawFindings = evaluation.rawFindings;
  let summary = evaluation.summary;
  let baselineAt: string | null = null;
  let canvasTermIds: Set<string> | null = null;
  let baselineId: string | null = null;
  try {
    const baseline = await resolveBaseline(
      services,
      req.canvasBaseline ?? 'latest',
      target.settingsProfileId,
      req.signal,
    );
    const result = conversionFor(services, evaluation, {
      baselineId: baseline.baselineId,
      snapshotId: target.snapshotId,
      profileId: target.settingsProfileId,
      importMode: req.importMode,
    });
    conversion = result;
    baselineId = baseline.baselineId;
    rawFindings = [...evaluation.rawFindings, ...result.findings];
    summary = mergeConversion(evaluation, result, target.settings).summary;
    const store = openBaselineStore(services.snapshots);
    const meta = store.get(baseline.baselineId);
    baselineAt = meta?.finishedAt ?? meta?.fetchedAt ?? null;
    canvasTermIds = termIdsOf(store, baseline.baselineId);
  } catch (e) {
    // No baseline is fine unless one was asked for: the preview then counts the plan only.
    if (req.canvasBaseline !== undefined || !isCodedError(e) || e.code !== 'no_baseline') throw e;
  }
  const snapshot = services.snapshots.get(target.snapshotId);
  const verify =
    target.settingsProfileId !== null
      ? await new LastReportStore(services.dataDir).get(target.settingsProfileId)
      : null;
  return {
    settingsProfileId: target.settingsProfileId,
    profileName: target.profile?.name ?? null,
    rootName: evaluation.canvasPlan.notes.rootName,
    ingredients: {
      plan: evaluation.canvasPlan,
      snapshotId: target.snapshotId,
      snapshotAt: snapshot?.finishedAt ?? snapshot?.startedAt ?? null,
      summary,
      rawFindings,
      rules: target.settings,
      conversion,
      baselineAt,
      canvasTermIds,
      verify: verify
        ? {
            ok: verify.summary.verdict !== 'not_ready' && !verify.summary.cancelled,
            finishedAt: verify.summary.finishedAt,
          }
        : null,
      partialFeed: isPartialFeed(snapshot?.providerFacts),
      importMode: req.importMode,
      allowPendingRemaps: req.allowPendingRemaps,
      timeZone: target.profile?.timeZone ?? null,
      // Without a baseline, what Canvas skips depends on objects nobody has looked at: no row-level prediction.
      predict: baselineId !== null ? predictorFor(openBaselineStore(services.snapshots), baselineId) : null,
    },
  };
}
