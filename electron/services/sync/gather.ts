import type { ImportMode } from '../../../shared/sync/import-mode';
import { openBaselineStore, type BaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { runEvaluationPipeline } from '../evaluate/pipeline';
import { LastReportStore } from '../verify/last-report-store';
import { isPartialFeed } from '../../../shared/snapshots/feed';
import { prepareSync, type PreparedSync, type SyncIngredients } from './prepare-sync';
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
  // No baseline is fine unless one was asked for: the preview then counts the plan only.
  const run = await runEvaluationPipeline(services, {
    ...(req.snapshot !== undefined ? { snapshot: req.snapshot } : {}),
    ...(req.profile !== undefined ? { profile: req.profile } : {}),
    canvasBaseline: req.canvasBaseline ?? 'latest',
    baselineOptional: req.canvasBaseline === undefined,
    importMode: req.importMode,
    ...(req.signal ? { signal: req.signal } : {}),
  });
  const { target, evaluation } = run;
  const baselineId = run.baseline?.baselineId ?? null;
  const store = openBaselineStore(services.snapshots);
  const baselineMeta = baselineId !== null ? store.get(baselineId) : null;
  const baselineAt = baselineMeta ? (baselineMeta.finishedAt ?? baselineMeta.fetchedAt) : null;
  const canvasTermIds = baselineId !== null ? termIdsOf(store, baselineId) : null;
  const { conversion, rawFindings, summary } = run;
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
      predict: baselineId !== null ? predictorFor(store, baselineId) : null,
    },
  };
}

/**
 * `preflight sync`'s preparation: the ingredients from the stores, then the same prepareSync as the app's
 * (checklist, preview, files), and the district name the guard rails compare with.
 */
export async function prepareFromStores(
  services: Services,
  req: GatherRequest,
): Promise<Gathered & { prepared: PreparedSync }> {
  const gathered = await gatherSyncIngredients(services, req);
  return { ...gathered, prepared: prepareSync(gathered.ingredients) };
}
