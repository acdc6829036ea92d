import type { MappingOptions } from '../../../shared/mapping/options';
import type { PlanCountsView } from '../../../shared/ipc/channels/findings';
import type { Finding } from '../../../shared/rules/finding';

/** Where a finding's record belongs: one school id per finding (null = district-wide / none), and school names. */
export interface SchoolIndex {
  /** Parallel to the evaluation's findings. */
  ids: ReadonlyArray<string | null>;
  names: ReadonlyMap<string, string>;
}

/** One finished evaluation as the evaluator produced it: every finding, before the district's rule settings. */
export interface EvaluationInput {
  profileId: string;
  snapshotId: string;
  /** When the snapshot was taken (its finish time). */
  snapshotAt: string;
  evaluatedAt: string;
  durationMs: number;
  findings: readonly Finding[];
  schools: SchoolIndex;
  planCounts: PlanCountsView;
  options: MappingOptions;
}
