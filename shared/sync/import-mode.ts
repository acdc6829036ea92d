import { z } from 'zod';

/**
 * How a Canvas SIS import treats objects missing from the file (docs/canvas-importer.md, docs/mapping.md "Conversion"). Shared
 * by the threshold simulation (conversion) and the one-off sync, so what the user simulated is what is sent.
 */
export const ImportModeKind = z.enum(['standard', 'batch', 'diffing']);
export type ImportModeKind = z.infer<typeof ImportModeKind>;

export const ImportMode = z.object({
  mode: ImportModeKind.default('standard'),
  /** batch: the SIS term id whose missing courses/sections/enrollments are deleted (required for batch). */
  termId: z.string().default(''),
  /** diffing: the data set identifier Canvas diffs against. */
  dataSetId: z.string().default(''),
  /** batch/diffing: what a missing enrollment becomes (diffing_drop_status / batch_mode_enrollment_drop_status). */
  dropStatus: z.enum(['deleted', 'completed', 'inactive']).default('deleted'),
  /** Canvas change_threshold (1–100 %); null = not sent (Canvas then applies no threshold). */
  changeThreshold: z.number().int().min(1).max(100).nullable().default(null),
  /** override_sis_stickiness: let the import overwrite fields changed in the Canvas UI. */
  overrideStickiness: z.boolean().default(false),
});
export type ImportMode = z.infer<typeof ImportMode>;
export type ImportModeInput = z.input<typeof ImportMode>;

export const DEFAULT_IMPORT_MODE: ImportMode = ImportMode.parse({});
