import type { EvaluationSummary, PlanSummary } from '../../../shared/evaluate/result';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';

/** Which school each finding's record belongs to (by entity), and school names. */
export interface SchoolIndex {
  /** `entityKey(entityType, sourcedId)` → school org id; absent = district-wide / no school. */
  byEntity: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
}

export function entityKey(entityType: string, sourcedId: string): string {
  return `${entityType}\u0000${sourcedId}`;
}

/** One finished evaluation as the evaluator produced it: every finding, BEFORE the district's rule settings. */
export interface EvaluationInput {
  profileId: string;
  snapshotId: string;
  /** When the snapshot was taken (its finish time). */
  snapshotAt: string;
  evaluatedAt: string;
  durationMs: number;
  findings: readonly Finding[];
  /** Rule modules that crashed during the evaluation (their checks are missing). */
  failedModules: EvaluationSummary['failedModules'];
  schools: SchoolIndex;
  plan: PlanSummary;
  options: MappingOptions;
  /** The evaluator's full plan, kept for views that show planned rows (the mapping explorer). */
  canvasPlan?: Plan;
}
