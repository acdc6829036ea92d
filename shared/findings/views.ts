import { z } from 'zod';
import { MappingOptions } from '../mapping/options';
import { EvaluationSummary, PlanCountsSchema, PlanSummary } from '../evaluate/result';
import { EntityType, Finding, Severity } from '../rules/finding';

const ProfileId = z.string().min(1).max(100);
const SnapshotId = z.string().min(1).max(100);

/** Columns the findings grid can sort by (the cache sorts; the renderer never holds every finding). */
export const FINDING_SORT_IDS = [
  'severity',
  'ruleId',
  'entityType',
  'sourcedId',
  'school',
  'message',
] as const;
export const FindingSortId = z.enum(FINDING_SORT_IDS);
export type FindingSortId = z.infer<typeof FindingSortId>;

export const FindingSort = z.object({ id: FindingSortId, desc: z.boolean().default(false) });
export type FindingSort = z.infer<typeof FindingSort>;

/** '' in `school` selects findings that belong to no school (district-wide records, endpoints). */
export const NO_SCHOOL = '';

export const FindingsFilters = z.object({
  severity: z.array(Severity).max(3).default([]),
  ruleId: z.array(z.string().max(64)).max(500).default([]),
  entityType: z.array(EntityType).max(20).default([]),
  school: z.array(z.string().max(256)).max(2000).default([]),
  /** Case-insensitive substring over message, sourcedId, rule id and title, school and detail values. */
  text: z.string().max(200).default(''),
});
export type FindingsFilters = z.infer<typeof FindingsFilters>;
export type FindingsFiltersInput = z.input<typeof FindingsFilters>;

export const FindingsGroupBy = z.enum(['ruleId']);
export type FindingsGroupBy = z.infer<typeof FindingsGroupBy>;

export const FindingsQuery = z.object({
  profileId: ProfileId,
  snapshotId: SnapshotId,
  offset: z.number().int().nonnegative().max(100_000_000).default(0),
  limit: z.number().int().min(0).max(1000).default(200),
  /** Applied in order; the catalogue order (severity, rule, entity type, sourcedId) breaks ties. */
  sort: z.array(FindingSort).max(6).default([]),
  filters: FindingsFilters.default({ severity: [], ruleId: [], entityType: [], school: [], text: '' }),
  /** Grouped: rows come group after group (groups in catalogue order), each group sorted by `sort`. */
  groupBy: FindingsGroupBy.optional(),
});
export type FindingsQuery = z.infer<typeof FindingsQuery>;
export type FindingsQueryInput = z.input<typeof FindingsQuery>;

export const Acknowledgement = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** One grid row: the finding, where it sits in the query's order, its school and any acknowledgement. */
export const FindingRow = Finding.extend({
  index: z.number().int().nonnegative(),
  schoolId: z.string().nullable(),
  school: z.string().nullable(),
  acknowledged: Acknowledgement.nullable(),
});
export type FindingRow = z.infer<typeof FindingRow>;

export const FacetValue = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
});
export type FacetValue = z.infer<typeof FacetValue>;

/**
 * Counts per value under every OTHER active filter (a facet ignores its own selection, so the user sees what
 * choosing another value would give). Values present in the evaluation are always listed, even at 0.
 */
export const Facets = z.object({
  severity: z.array(FacetValue),
  ruleId: z.array(FacetValue),
  entityType: z.array(FacetValue),
  school: z.array(FacetValue),
});
export type Facets = z.infer<typeof Facets>;

export const FindingGroup = z.object({
  key: z.string(),
  label: z.string(),
  severity: Severity,
  count: z.number().int().nonnegative(),
  /** Index of the group's first row in the query's order. */
  offset: z.number().int().nonnegative(),
});
export type FindingGroup = z.infer<typeof FindingGroup>;

export const FindingsPage = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(FindingRow),
  facets: Facets,
  groups: z.array(FindingGroup).nullable(),
  /** Identifies the evaluation the page came from: a new evaluation invalidates pages the renderer holds. */
  evaluationId: z.string(),
});
export type FindingsPage = z.infer<typeof FindingsPage>;

/** Planned Canvas rows per type. */
export const PlanCountsView = PlanCountsSchema;
export type PlanCountsView = z.infer<typeof PlanCountsSchema>;

/** An evaluation as the Findings screen shows it: the evaluator's summary under the district's rule settings. */
export const FindingsSummary = z.object({
  evaluationId: z.string(),
  profileId: z.string(),
  snapshotId: z.string(),
  /** When the snapshot was taken. */
  snapshotAt: z.string(),
  summary: EvaluationSummary,
  plan: PlanSummary,
  options: MappingOptions,
  /** Every muted rule of the district (also those without findings in this snapshot). */
  mutedRules: z.array(z.string()),
});
export type FindingsSummary = z.infer<typeof FindingsSummary>;

export const LatestSnapshot = z.object({
  id: z.string(),
  finishedAt: z.string().nullable(),
  label: z.string(),
});

export const RecordView = z.object({
  entityType: EntityType,
  sourcedId: z.string(),
  /** The normalised OneRoster record (never raw feed data: no passwords), or null when not in the snapshot. */
  fields: z.record(z.string(), z.unknown()).nullable(),
  /** A readable name (title, full name, org name), when known. */
  label: z.string().nullable(),
});
export type RecordView = z.infer<typeof RecordView>;
