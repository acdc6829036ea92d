import type { MappingOptions } from '../../../../shared/mapping/options';
import type { Plan } from '../../../../shared/plan/types';
import type { Finding } from '../../../../shared/rules/finding';
import { toErrorData } from '../../../../shared/errors';
import { resolveSchools, type EvaluationCache } from '../../../services/evaluate-cache';
import type { HandlerServices } from '../services';
import type { ConversionCache } from './conversion-cache';

/**
 * CNV-* findings beside the OneRoster ones: the evaluation stores raw findings (rule settings are applied by the
 * evaluation view, the same way for both), so conversion findings are simply merged in, and swapped out again
 * when decisions, the import mode or the baseline change — without re-running the OneRoster rules.
 */

const isConversionFinding = (f: Finding): boolean => f.ruleId.startsWith('CNV-');

export interface ConversionFindings {
  findings: Finding[];
  /** Set when the conversion could not run: reported like a crashed rule module, never fatal. */
  failed: { module: string; error: string } | null;
}

/**
 * The conversion findings for an evaluation's plan ([] when the district has no complete baseline). The plan is
 * not sent: the conversion thread builds the same plan from the snapshot and options (and keeps it), because
 * copying a large district's plan to another thread would block the main thread for as long as it saves.
 */
export async function conversionFindingsFor(
  conversions: ConversionCache,
  profileId: string,
  snapshotId: string,
  _plan: Plan,
  mapping: MappingOptions,
): Promise<ConversionFindings> {
  try {
    const entry = await conversions.forSnapshot(profileId, snapshotId, mapping);
    return { findings: entry?.result.findings ?? [], failed: null };
  } catch (err) {
    return { findings: [], failed: { module: 'conversion', error: toErrorData(err).message } };
  }
}

/** Replaces the CNV-* findings of the district's latest cached evaluation with the current conversion's. */
export async function refreshConversionFindings(
  services: HandlerServices,
  evaluations: EvaluationCache,
  conversions: ConversionCache,
  profileId: string,
): Promise<void> {
  const view = evaluations.latest(profileId);
  const plan = view?.input.canvasPlan;
  if (!view || !plan) return;
  const { findings, failed } = await conversionFindingsFor(
    conversions,
    profileId,
    view.snapshotId,
    plan,
    view.input.options,
  );
  const failedModules = view.input.failedModules.filter((m) => m.module !== 'conversion');
  const merged = [...view.input.findings.filter((f) => !isConversionFinding(f)), ...findings];
  evaluations.put(
    {
      ...view.input,
      findings: merged,
      schools: resolveSchools(services.snapshots.db, view.snapshotId, merged),
      failedModules: failed ? [...failedModules, failed] : failedModules,
    },
    services.settings.getRules(profileId),
  );
}
