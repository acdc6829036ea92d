import { z } from 'zod';
import { ConversionSummary } from '../conversion/types';
import { PlanSummary, RuleTally, TopProblem } from '../evaluate/result';
import { MappingOptions } from '../mapping/options';
import { EntityType, FindingCounts, Severity, Verdict } from '../rules/finding';
import { CheckStatus } from '../verify/report';

/**
 * The readiness report (docs/architecture.md "Data flow"): everything the HTML/PDF, XLSX summary and JSON show, in one validated
 * object built from the evaluation. It never holds a secret: profile secrets are not inputs, URLs lose their
 * user info and query, and finding details are not part of it (the findings files carry their own, scrubbed).
 */

export const REPORT_FORMATS = ['pdf', 'html', 'xlsx', 'csv', 'json', 'canvas-zip', 'change-sis-id'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const PageSize = z.enum(['A4', 'Letter']);
export type PageSize = z.infer<typeof PageSize>;

/** One one-off sync run, as the sync history records it (minimal: what the report prints). */
export const SyncHistoryEntry = z.object({
  at: z.string(),
  by: z.string(),
  /** Import mode: standard / batch / diffing. */
  mode: z.string(),
  /** The import options sent (change_threshold, drop status, …); flat values only. */
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  /** The Canvas SIS import id (null when the import never started). */
  importId: z.string().nullable(),
  /** Canvas's final workflow state, or why it did not run. */
  result: z.string(),
  /** Rows sent or changed per type. */
  counts: z.record(z.string(), z.number()).optional(),
  /** Differences between the preview's prediction and what Canvas did (missed predictions). */
  missed: z
    .array(z.object({ key: z.string(), predicted: z.string(), actual: z.string(), message: z.string() }))
    .optional(),
  /** Blockers sent with an acknowledgement (catalogue severity), per rule, with a reason given. */
  acknowledgedBlockers: z.record(z.string(), z.number().int()).optional(),
  /** Guard rails the user chose to override (e.g. undecided remaps sent anyway). */
  forced: z.array(z.string()).optional(),
});
export type SyncHistoryEntry = z.infer<typeof SyncHistoryEntry>;

export const ReportCheck = z.object({
  label: z.string(),
  status: CheckStatus,
  endpoint: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  totalCount: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type ReportCheck = z.infer<typeof ReportCheck>;

export const ReportConnectivity = z.object({
  verdict: Verdict,
  counts: FindingCounts,
  baseUrl: z.string(),
  authKind: z.string(),
  signatureMethod: z.string().nullable(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  checks: z.array(ReportCheck),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      severity: Severity,
      sourcedId: z.string(),
      message: z.string(),
      remedy: z.string(),
    }),
  ),
});
export type ReportConnectivity = z.infer<typeof ReportConnectivity>;

export const ReportAcknowledgement = z.object({
  ruleId: z.string(),
  title: z.string(),
  entityType: EntityType,
  sourcedId: z.string(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type ReportAcknowledgement = z.infer<typeof ReportAcknowledgement>;

export const ReportModel = z.object({
  reportVersion: z.literal(1),
  generatedAt: z.string(),
  appVersion: z.string(),
  district: z.object({ name: z.string(), demo: z.boolean() }),
  verdict: Verdict,
  snapshot: z.object({
    id: z.string(),
    label: z.string(),
    source: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    baseUrl: z.string().nullable(),
    counts: z.record(z.string(), z.number()).nullable(),
    /** OneRoster version the feed was read as (docs/oneroster-dialects.md); null when not recorded. */
    onerosterVersion: z.string().nullable().default(null),
  }),
  /** Time zone the Canvas SIS CSV dates are written in (start of the first day, end of the last). */
  canvasDates: z
    .object({ timeZone: z.string(), source: z.enum(['profile', 'machine']) })
    .default({ timeZone: 'UTC', source: 'machine' }),
  baseline: z
    .object({
      id: z.string(),
      source: z.string(),
      fetchedAt: z.string(),
      canvasUrl: z.string().nullable(),
      counts: z.record(z.string(), z.number()).nullable(),
    })
    .nullable(),
  evaluatedAt: z.string(),
  counts: FindingCounts,
  effectiveCounts: FindingCounts,
  acknowledgedBlockers: z.number().int(),
  totalFindings: z.number().int(),
  /** Visible findings per entity type (the XLSX has one sheet per type). */
  byEntityType: z.record(z.string(), z.number().int()),
  byRule: z.array(RuleTally),
  topProblems: z.array(TopProblem),
  failedModules: z.array(z.object({ module: z.string(), error: z.string() })),
  plan: PlanSummary,
  conversion: ConversionSummary.nullable(),
  connectivity: ReportConnectivity.nullable(),
  mapping: z.object({
    options: MappingOptions,
    /** Options that differ from the defaults (what a reader should notice). */
    changed: z.array(z.string()),
  }),
  rules: z.object({
    muted: z.array(z.object({ ruleId: z.string(), title: z.string(), findings: z.number().int() })),
    overridden: z.array(z.object({ ruleId: z.string(), title: z.string(), from: Severity, to: Severity })),
    acknowledgedBlockers: z.array(ReportAcknowledgement),
    staleAcknowledgements: z.number().int(),
    /** Blocker rules downgraded or muted for this district: "N rules downgraded (M findings)", with the reasons. */
    downgraded: z
      .object({
        rules: z.number().int(),
        findings: z.number().int(),
        entries: z.array(
          z.object({
            ruleId: z.string(),
            title: z.string(),
            findings: z.number().int(),
            reason: z.string().nullable(),
            by: z.string().nullable(),
            at: z.string().nullable(),
          }),
        ),
      })
      .default({ rules: 0, findings: 0, entries: [] }),
  }),
  syncHistory: z.array(SyncHistoryEntry),
});
export type ReportModel = z.infer<typeof ReportModel>;
