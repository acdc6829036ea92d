import { z } from 'zod';
import { CANVAS_TYPES } from '../plan/types';
import { EntityType, Finding, FindingCounts, Severity, Verdict } from '../rules/finding';

/** The `evaluate --json` shape: `{ summary, plan: { counts, skipped }, findings }`. */

export const RuleTally = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: Severity,
  count: z.number().int().nonnegative(),
});
export type RuleTally = z.infer<typeof RuleTally>;

export const TopProblem = RuleTally.extend({
  remedy: z.string(),
  /** A few affected records (the first in catalogue order). */
  examples: z.array(z.object({ entityType: EntityType, sourcedId: z.string(), message: z.string() })),
});
export type TopProblem = z.infer<typeof TopProblem>;

export const EvaluationSummary = z.object({
  snapshotId: z.string(),
  profileId: z.string().nullable(),
  evaluatedAt: z.string(),
  durationMs: z.number().nonnegative(),
  verdict: Verdict,
  /** Visible findings per severity (after overrides and mutes; acknowledged ones included). */
  counts: FindingCounts,
  /** Acknowledged blockers: still listed as blockers, but they count as warnings for the verdict and --fail-on. */
  acknowledgedBlockers: z.number().int().nonnegative(),
  /** The counts the verdict and --fail-on use (acknowledged blockers moved to warnings). */
  effectiveCounts: FindingCounts,
  acknowledgements: z.object({ applied: z.number().int(), stale: z.number().int() }),
  muted: z.object({ findings: z.number().int(), byRule: z.record(z.string(), z.number().int()) }),
  overridden: z.record(z.string(), z.object({ from: Severity, to: Severity })),
  /** Blocker findings taken out of the blockers by a severity override or a mute ("N rules downgraded (M findings)"). */
  downgraded: z
    .object({
      rules: z.number().int().nonnegative(),
      findings: z.number().int().nonnegative(),
      byRule: z.record(z.string(), z.number().int()),
    })
    .default({ rules: 0, findings: 0, byRule: {} }),
  /** Per rule with at least one visible finding: severity (most severe seen), count; blockers first, then by count. */
  byRule: z.array(RuleTally),
  topProblems: z.array(TopProblem),
  /** Rule modules that crashed: their checks are missing, so the verdict cannot be `ready`. */
  failedModules: z.array(z.object({ module: z.string(), error: z.string() })),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const PlanCountsSchema = z.object(
  Object.fromEntries(CANVAS_TYPES.map((t) => [t, z.number().int().nonnegative()])) as Record<
    (typeof CANVAS_TYPES)[number],
    z.ZodNumber
  >,
);

export const PlanSummary = z.object({
  counts: PlanCountsSchema,
  skipped: z.array(
    z.object({
      entityType: EntityType,
      reason: z.string(),
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const EvaluationResult = z.object({
  summary: EvaluationSummary,
  plan: PlanSummary,
  findings: z.array(Finding),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;
