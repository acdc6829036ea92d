import type { BaselineMeta } from '../../../shared/canvas/baseline';
import type { ConversionSummary } from '../../../shared/conversion/types';
import { acknowledgementOf } from '../../../shared/evaluate/apply-settings';
import type { EvaluationResult, EvaluationSummary } from '../../../shared/evaluate/result';
import {
  DEFAULT_MAPPING_OPTIONS,
  type MappingOptions,
  type RuleSettings,
} from '../../../shared/mapping/options';
import {
  ReportModel,
  type ReportAcknowledgement,
  type ReportConnectivity,
  type SyncHistoryEntry,
} from '../../../shared/report/model';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import { feedFactsOf } from '../../../shared/snapshots/feed';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { machineTimeZone } from '../canvas-csv/dates';
import type { VerifyReport } from '../../../shared/verify/report';
import { safeUrl, scrubText } from './scrub';

export interface ReportInput {
  /** What `evaluateSnapshot` returns (only summary, plan and findings are read). */
  evaluation: Pick<EvaluationResult, 'summary' | 'plan' | 'findings'>;
  snapshot: SnapshotMeta;
  /** Name and demo flag only: a profile's URLs and ids are not needed, its secrets are never passed. */
  profile?: { name: string; demo: boolean } | null;
  baseline?: BaselineMeta | null;
  conversion?: ConversionSummary | null;
  verify?: VerifyReport | null;
  mappingOptions: MappingOptions;
  ruleSettings: RuleSettings;
  syncHistory?: SyncHistoryEntry[];
  appVersion: string;
  /** ISO 8601; passed in so the same inputs give the same report. */
  generatedAt: string;
  /** The profile's time zone for Canvas dates; null/absent = this machine's. */
  timeZone?: string | null;
}

const titleOf = (ruleId: string): string => RULES_BY_ID.get(ruleId)?.title ?? ruleId;

/** The readiness report's content: pure, validated, and free of secrets (see shared/report/model.ts). */
export function buildReportModel(input: ReportInput): ReportModel {
  const { summary, plan, findings } = input.evaluation;
  const byEntityType: Record<string, number> = {};
  const acknowledgedBlockers: ReportAcknowledgement[] = [];
  for (const f of findings) {
    byEntityType[f.entityType] = (byEntityType[f.entityType] ?? 0) + 1;
    const ack = f.severity === 'blocker' ? acknowledgementOf(f) : null;
    if (ack) {
      acknowledgedBlockers.push({
        ruleId: f.ruleId,
        title: titleOf(f.ruleId),
        entityType: f.entityType,
        sourcedId: f.sourcedId,
        reason: ack.reason,
        by: ack.by,
        at: ack.at,
      });
    }
  }
  const snap = input.snapshot;
  const model: ReportModel = {
    reportVersion: 1,
    generatedAt: input.generatedAt,
    appVersion: input.appVersion,
    district: {
      name: input.profile?.name ?? (snap.label.trim() || 'Unnamed district'),
      demo: input.profile?.demo ?? false,
    },
    verdict: summary.verdict,
    snapshot: {
      id: snap.id,
      label: snap.label,
      source: snap.source,
      startedAt: snap.startedAt,
      finishedAt: snap.finishedAt,
      baseUrl: safeUrl(snap.baseUrl),
      counts: snap.counts,
      onerosterVersion: feedFactsOf(snap.providerFacts)?.version ?? null,
    },
    canvasDates: input.timeZone
      ? { timeZone: input.timeZone, source: 'profile' }
      : { timeZone: machineTimeZone(), source: 'machine' },
    baseline: input.baseline ? baselineOf(input.baseline) : null,
    evaluatedAt: summary.evaluatedAt,
    counts: summary.counts,
    effectiveCounts: summary.effectiveCounts,
    acknowledgedBlockers: summary.acknowledgedBlockers,
    totalFindings: findings.length,
    byEntityType,
    byRule: summary.byRule,
    topProblems: summary.topProblems.map((p) => ({
      ...p,
      examples: p.examples.map((x) => ({ ...x, message: scrubText(x.message) })),
    })),
    failedModules: summary.failedModules,
    plan,
    conversion: input.conversion ?? null,
    connectivity: input.verify ? connectivityOf(input.verify) : null,
    mapping: { options: input.mappingOptions, changed: changedOptions(input.mappingOptions) },
    rules: {
      muted: [...new Set([...input.ruleSettings.muted, ...Object.keys(summary.muted.byRule)])]
        .sort()
        .map((ruleId) => ({ ruleId, title: titleOf(ruleId), findings: summary.muted.byRule[ruleId] ?? 0 })),
      overridden: Object.entries(summary.overridden).map(([ruleId, o]) => ({
        ruleId,
        title: titleOf(ruleId),
        ...o,
      })),
      acknowledgedBlockers,
      staleAcknowledgements: summary.acknowledgements.stale,
      downgraded: downgradedOf(summary.downgraded, input.ruleSettings.downgrades),
    },
    syncHistory: input.syncHistory ?? [],
  };
  // Validation catches a caller passing the wrong shape (e.g. a ConversionResult for a summary) early.
  return ReportModel.parse(model);
}

function downgradedOf(
  d: EvaluationSummary['downgraded'] | undefined,
  reasons: RuleSettings['downgrades'] | undefined,
): ReportModel['rules']['downgraded'] {
  // Older callers built the summary before downgrades existed.
  if (!d) return { rules: 0, findings: 0, entries: [] };
  return {
    rules: d.rules,
    findings: d.findings,
    entries: Object.entries(d.byRule).map(([ruleId, findings]) => ({
      ruleId,
      title: titleOf(ruleId),
      findings,
      reason: reasons?.[ruleId]?.reason ?? null,
      by: reasons?.[ruleId]?.by ?? null,
      at: reasons?.[ruleId]?.at ?? null,
    })),
  };
}

function baselineOf(b: BaselineMeta): NonNullable<ReportModel['baseline']> {
  return {
    id: b.id,
    source: b.source,
    fetchedAt: b.fetchedAt,
    canvasUrl: safeUrl(b.canvasUrl),
    counts: b.counts
      ? Object.fromEntries(Object.entries(b.counts).map(([k, v]) => [k, typeof v === 'number' ? v : v.total]))
      : null,
  };
}

function connectivityOf(r: VerifyReport): ReportConnectivity {
  const s = r.summary;
  return {
    verdict: s.verdict,
    counts: s.counts,
    baseUrl: safeUrl(s.target.baseUrl) ?? '',
    authKind: s.target.authKind,
    signatureMethod: s.target.signatureMethod ?? null,
    finishedAt: s.finishedAt,
    cancelled: s.cancelled,
    checks: s.checks.map((c) => ({
      label: c.label,
      status: c.status,
      endpoint: c.endpoint ?? null,
      httpStatus: c.httpStatus ?? null,
      latencyMs: c.latencyMs ?? null,
      totalCount: c.totalCount ?? null,
      detail: c.detail !== undefined ? scrubText(c.detail) : null,
    })),
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      title: titleOf(f.ruleId),
      severity: f.severity,
      sourcedId: f.sourcedId,
      message: scrubText(f.message),
      remedy: f.remedy,
    })),
  };
}

function changedOptions(options: MappingOptions): string[] {
  const defaults = DEFAULT_MAPPING_OPTIONS as Record<string, unknown>;
  return Object.entries(options)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]))
    .map(([k]) => k);
}
