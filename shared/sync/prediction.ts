import { z } from 'zod';
import { SimulationRow } from '../conversion/types';
import { EntityType } from '../rules/finding';

/**
 * The row-level prediction of a Canvas SIS import (docs/canvas-importer.md): for the exact files and parameters a
 * sync sends, what Canvas does with every CSV row, which objects batch or diffing mode removes, the counts Canvas
 * will report, and whether Canvas refuses or aborts the whole import. One shape for the sync service, IPC, the
 * CLI and the close-the-loop comparison.
 */

/** CSV files the predictor understands, in Canvas's processing order. */
export const PREDICTED_KINDS = [
  'change_sis_id',
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'user_observers',
] as const;
export const PredictedKind = z.enum(PREDICTED_KINDS);
export type PredictedKind = z.infer<typeof PredictedKind>;

/**
 * create / update / unchanged: Canvas imports the row (and counts it); skip: Canvas leaves the row out with a
 * warning; error: Canvas rejects the row as invalid (also a warning in Canvas's lists, and not counted).
 */
export const RowOutcomeKind = z.enum(['create', 'update', 'unchanged', 'skip', 'error']);
export type RowOutcomeKind = z.infer<typeof RowOutcomeKind>;

/** Why a row is skipped or rejected (stable codes; the message is Canvas's own text). */
export const SkipCause = z.enum([
  'missing_value',
  'bad_status',
  'bad_login',
  'login_claimed',
  'sis_id_claimed',
  'integration_id_claimed',
  'unknown_parent_account',
  'unknown_course',
  'unknown_section',
  'unknown_user',
  'deleted_user',
  'bad_role',
  'change_sis_id_conflict',
  'change_sis_id_missing',
  'cascade',
]);
export type SkipCause = z.infer<typeof SkipCause>;

export const RowOutcome = z.object({
  /** File name in the zip, e.g. `users.csv`. */
  file: z.string(),
  kind: PredictedKind,
  /** Canvas row number (header = 1). */
  row: z.number().int(),
  /** The row's SIS id (user_id, course_id…; enrollments: `course_id|section_id|user_id|role`). */
  sisId: z.string(),
  /** The OneRoster record behind the row, when the files came from a plan. */
  entityType: EntityType.nullable(),
  oneRosterSourcedId: z.string().nullable(),
  outcome: RowOutcomeKind,
  /** Canvas's message for the row (every skip and error; also warnings Canvas gives on imported rows). */
  message: z.string().nullable(),
  cause: SkipCause.nullable(),
  /**
   * Set when the outcome depends on the order Canvas happens to process rows in (Canvas may split a file into
   * pieces that run in parallel): the predictor then reports the skip, the worse of the two outcomes.
   */
  orderDependent: z.boolean(),
  /** Sticky fields the row would change but Canvas keeps (no override_sis_stickiness). */
  stickyKept: z.array(z.string()),
});
export type RowOutcome = z.infer<typeof RowOutcome>;

/** An object Canvas removes because the import leaves it out (batch or diffing mode). */
export const ImportRemoval = z.object({
  type: z.enum(['courses', 'sections', 'enrollments', 'users']),
  sisId: z.string(),
  canvasId: z.string(),
  term: z.string().nullable(),
  /** delete, or conclude (enrollments set to completed/inactive by the drop status; users suspended). */
  action: z.enum(['delete', 'conclude']),
});
export type ImportRemoval = z.infer<typeof ImportRemoval>;

/** Canvas refuses the whole import (HTTP 400 before anything is applied). */
export const ImportRefusal = z.object({
  code: z.enum(['batch_term_not_found', 'params_invalid']),
  status: z.number().int(),
  message: z.string(),
  hint: z.string(),
});
export type ImportRefusal = z.infer<typeof ImportRefusal>;

/** Canvas starts but stops before its cleanup (batch change_threshold exceeded): rows applied, nothing removed. */
export const ImportAbort = z.object({
  code: z.literal('change_threshold'),
  workflowState: z.literal('aborted'),
  message: z.string(),
});
export type ImportAbort = z.infer<typeof ImportAbort>;

/** A message Canvas puts in processing_warnings / processing_errors, with its row. */
export const PredictedMessage = z.object({
  file: z.string(),
  row: z.number().int(),
  message: z.string(),
});
export type PredictedMessage = z.infer<typeof PredictedMessage>;

export const ImportPrediction = z.object({
  refusal: ImportRefusal.nullable(),
  abort: ImportAbort.nullable(),
  /** The workflow_state Canvas ends in. */
  workflowState: z.string(),
  rows: z.array(RowOutcome),
  removals: z.array(ImportRemoval),
  /** Canvas's sis_import data.counts keys (rows imported per type, batch_*_deleted, warning_count, error_count). */
  counts: z.record(z.string(), z.number().int()),
  warnings: z.array(PredictedMessage),
  errors: z.array(PredictedMessage),
  /** Per type and term: create / update / unchanged / delete / conclude, from the row outcomes. */
  simulationRows: z.array(SimulationRow),
  /** Plain-language notes (e.g. diffing threshold exceeded: whole file applied). */
  notes: z.array(z.string()),
});
export type ImportPrediction = z.infer<typeof ImportPrediction>;
