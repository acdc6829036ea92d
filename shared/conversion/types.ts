import { z } from 'zod';
import type { Finding } from '../rules/finding';
import { ImportMode } from '../sync/import-mode';

/**
 * Conversion (docs/mapping.md "Conversion", docs/rules.md "Conversion"): every planned Canvas object matched
 * against what Canvas holds today (the baseline). One shape for the evaluator, the CLI, the report and the UI.
 */
export const CONVERSION_TYPES = ['users', 'accounts', 'terms', 'courses', 'sections'] as const;
export const ConversionType = z.enum(CONVERSION_TYPES);
export type ConversionType = z.infer<typeof ConversionType>;

/** keep: same SIS id; remap: found by another key (change_sis_id); create: new; orphan: SIS-created, unmatched. */
export const CLASSIFICATIONS = ['keep', 'remap', 'create', 'orphan'] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

/** Which key found the Canvas counterpart. */
export const MatchKey = z.enum([
  'sis_id',
  'integration_id',
  'login',
  'email',
  'name',
  'name+term+teacher',
  'name+dates',
  'dates',
]);
export type MatchKey = z.infer<typeof MatchKey>;

/** change_sis_id.csv `type` column values (docs/canvas-importer.md). */
export const ChangeSisIdType = z.enum(['user', 'course', 'section', 'term', 'account']);
export type ChangeSisIdType = z.infer<typeof ChangeSisIdType>;

/** One fact a remap rests on, Canvas today beside the roster record (what the reviewer compares). */
export const EvidenceField = z.enum([
  'login',
  'email',
  'name',
  'term',
  'start_date',
  'end_date',
  'sis_id',
  'integration_id',
]);
export type EvidenceField = z.infer<typeof EvidenceField>;
export const RemapEvidence = z.object({ field: EvidenceField, canvas: z.string(), roster: z.string() });
export type RemapEvidence = z.infer<typeof RemapEvidence>;

export const RemapProposal = z.object({
  /** Stable across re-evaluations: `${type}:${oldId}>${newId}` — decisions are stored under it. */
  id: z.string(),
  type: ChangeSisIdType,
  oldId: z.string(),
  newId: z.string(),
  oldIntegrationId: z.string(),
  newIntegrationId: z.string(),
  /** The Canvas object (digits) and the OneRoster record it becomes. */
  canvasId: z.string(),
  source: z.string(),
  /** Display name (user's full name, course long name, term/account name). */
  name: z.string(),
  matchKey: MatchKey,
  confidence: Confidence,
  ruleId: z.string(),
  /**
   * Canvas today beside the roster: users' login/email/name/SIS id; courses' name, term and SIS id; sections' name
   * and SIS id; terms' name, dates (day only, as the matcher compares them) and SIS id.
   */
  evidence: z.array(RemapEvidence).optional(),
});
export type RemapProposal = z.infer<typeof RemapProposal>;

export const RemapDecision = z.enum(['pending', 'accepted', 'rejected']);
export type RemapDecision = z.infer<typeof RemapDecision>;
/** Per profile: proposal id → decision (absent = pending). */
export const RemapDecisions = z.record(z.string(), z.enum(['accepted', 'rejected']));
export type RemapDecisions = z.infer<typeof RemapDecisions>;

/** One row of the "Canvas today ↔ after sync" table. */
export const ClassifiedObject = z.object({
  type: ConversionType,
  status: Classification,
  /** The Canvas SIS id the plan gives it (null for orphans). */
  plannedId: z.string().nullable(),
  /** OneRoster sourcedId behind the planned row (null for orphans). */
  source: z.string().nullable(),
  /** The matched Canvas object (null for creates). */
  canvasId: z.string().nullable(),
  /** Its SIS id in Canvas today ('' = none). */
  canvasSisId: z.string().nullable(),
  name: z.string(),
  /** Canvas name today when it differs from the planned name. */
  canvasName: z.string().nullable(),
  matchKey: MatchKey.nullable(),
  proposalId: z.string().nullable(),
  /** Active enrollments Canvas holds for it today (courses/sections; 0 otherwise). */
  activeEnrollments: z.number().int(),
});
export type ClassifiedObject = z.infer<typeof ClassifiedObject>;

export const ClassificationCounts = z.record(ConversionType, z.record(Classification, z.number().int()));
export type ClassificationCounts = z.infer<typeof ClassificationCounts>;

/** The Canvas types a SIS import changes, as the simulation counts them. */
export const SIM_TYPES = ['accounts', 'terms', 'courses', 'sections', 'users', 'enrollments'] as const;
export const SimType = z.enum(SIM_TYPES);
export type SimType = z.infer<typeof SimType>;

export const SimulationRow = z.object({
  type: SimType,
  /** SIS term id for courses/sections/enrollments (null = not term-scoped or no term). */
  term: z.string().nullable(),
  create: z.number().int(),
  update: z.number().int(),
  delete: z.number().int(),
  conclude: z.number().int(),
  unchanged: z.number().int(),
  /** SIS-created objects of this type (and term) in Canvas today: the denominator Canvas's threshold uses. */
  existing: z.number().int(),
});
export type SimulationRow = z.infer<typeof SimulationRow>;

export const ThresholdSimulation = z.object({
  importMode: ImportMode,
  rows: z.array(SimulationRow),
  /** deletions ÷ existing × 100 per thresholded type (what change_threshold compares), rounded to 0.1. */
  percentages: z.object({ courses: z.number(), sections: z.number(), enrollments: z.number() }),
  /** Types whose percentage exceeds importMode.changeThreshold (→ CNV-THRESHOLD). */
  exceeds: z.array(z.enum(['courses', 'sections', 'enrollments'])),
});
export type ThresholdSimulation = z.infer<typeof ThresholdSimulation>;

export const ConversionSummary = z.object({
  baselineId: z.string(),
  snapshotId: z.string(),
  counts: ClassificationCounts,
  proposals: z.object({
    total: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
  }),
  simulation: ThresholdSimulation,
});
export type ConversionSummary = z.infer<typeof ConversionSummary>;

/** What the conversion evaluation returns (the objects list can be 100k+ rows; the UI pages it from main). */
export interface ConversionResult {
  summary: ConversionSummary;
  proposals: Array<RemapProposal & { decision: RemapDecision }>;
  objects: ClassifiedObject[];
  /** CNV-* findings in the one Finding shape (catalogue severities; rule settings are applied by the caller). */
  findings: Finding[];
}

/** change_sis_id.csv columns (docs/canvas-importer.md). */
export const CHANGE_SIS_ID_COLUMNS = [
  'old_id',
  'new_id',
  'old_integration_id',
  'new_integration_id',
  'type',
] as const;
