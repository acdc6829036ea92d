import { summarise } from '../../../shared/evaluate/summary';
import type { FindingsSummary } from '../../../shared/findings/views';
import type { RuleSettings } from '../../../shared/mapping/options';
import type { EvaluationInput } from './types';
import type { FindingColumns } from './view';

/** The evaluator's own summary (verdict, tallies, top problems) over the findings under the current settings. */
export function summaryOf(
  id: string,
  input: EvaluationInput,
  cols: FindingColumns,
  settings: RuleSettings,
): FindingsSummary {
  return {
    evaluationId: id,
    profileId: input.profileId,
    snapshotId: input.snapshotId,
    snapshotAt: input.snapshotAt,
    summary: summarise({
      snapshotId: input.snapshotId,
      profileId: input.profileId,
      evaluatedAt: input.evaluatedAt,
      durationMs: input.durationMs,
      applied: cols.applied,
      failedModules: input.failedModules,
    }),
    plan: input.plan,
    options: input.options,
    mutedRules: [...settings.muted].sort(),
  };
}
