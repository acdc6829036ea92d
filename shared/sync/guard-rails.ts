import { z } from 'zod';
import { EntityRef } from '../rules/finding';

/**
 * Guard rails as a pass/fail checklist: the same list on the Sync screen, in `preflight sync` and in its
 * `--json`. A `fail` check refuses the sync (unless the user explicitly forced that check, where forcing is
 * allowed); `warn` is shown but does not refuse; `pass` is shown so the admin sees what was checked.
 */
export const GuardRailId = z.enum([
  'evaluated',
  'blockers',
  'remaps_pending',
  'ambiguous_matches',
  'snapshot_age',
  'baseline_age',
  'verify',
  'threshold',
  'batch_term',
  'partial_feed',
  'canvas_refusal',
]);
export type GuardRailId = z.infer<typeof GuardRailId>;

export const GuardRailStatus = z.enum(['pass', 'warn', 'fail']);
export type GuardRailStatus = z.infer<typeof GuardRailStatus>;

export const GuardRailCheck = z.object({
  id: GuardRailId,
  status: GuardRailStatus,
  /** One line: what was checked and the outcome, with the count ("3 remap proposals are undecided"). */
  label: z.string(),
  /** What to do about it (empty when it passed). */
  hint: z.string(),
  count: z.number().int().nullable(),
  /** Failing blocker rules (catalogue severity): the Sync screen links each to the Findings grid filtered by it. */
  rules: z.array(z.object({ ruleId: z.string(), title: z.string(), count: z.number().int() })),
  /** The user chose to send despite this check (recorded in the sync history). */
  forced: z.boolean(),
  /**
   * Stable code for what to do, when the edges word it their own way (CLI: electron/cli/hints.ts, app:
   * renderer/screens/sync/remedies.ts) from the check's facts; `hint` is the neutral fallback.
   */
  remedy: z.string().optional(),
});
export type GuardRailCheck = z.infer<typeof GuardRailCheck>;

/** Canvas counts (data.counts keys) the import should report, and the rows it should skip, with Canvas's words. */
export const PredictedSkip = z.object({
  file: z.string(),
  /** Canvas row number (header = 1), when known. */
  row: z.number().int().nullable(),
  entity: EntityRef.nullable(),
  message: z.string(),
  /** The finding that announced it (rule id), when one did. */
  ruleId: z.string().nullable(),
  /** Canvas's outcome depends on the order it processes rows in: importing the row instead is not a miss. */
  orderDependent: z.boolean().default(false),
});
export type PredictedSkip = z.infer<typeof PredictedSkip>;

export const SyncPrediction = z.object({
  /** 'predictor': row-level model of Canvas's importer; 'plan': every row of the zip is expected to import. */
  basis: z.enum(['predictor', 'plan']),
  counts: z.record(z.string(), z.number().int()),
  skips: z.array(PredictedSkip),
});
export type SyncPrediction = z.infer<typeof SyncPrediction>;

/** One difference between what was predicted and what Canvas did. */
export const MissedPrediction = z.object({
  kind: z.enum(['count', 'message', 'state']),
  /** count: the Canvas counts key ('users'); message: the Canvas file ('users.csv'). */
  key: z.string(),
  predicted: z.string(),
  actual: z.string(),
  entity: EntityRef.nullable(),
  message: z.string(),
});
export type MissedPrediction = z.infer<typeof MissedPrediction>;

export const PredictionCheck = z.object({
  predicted: SyncPrediction,
  actual: z.object({
    workflowState: z.string(),
    counts: z.record(z.string(), z.number()),
    warnings: z.number().int(),
    errors: z.number().int(),
  }),
  missed: z.array(MissedPrediction),
});
export type PredictionCheck = z.infer<typeof PredictionCheck>;

/** An acknowledged blocker as the sync history and the report record it. */
export const AcknowledgedBlocker = z.object({
  ruleId: z.string(),
  entityType: z.string(),
  sourcedId: z.string(),
  reason: z.string(),
  by: z.string(),
});
export type AcknowledgedBlocker = z.infer<typeof AcknowledgedBlocker>;
