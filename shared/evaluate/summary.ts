import { RULES_BY_ID } from '../rules/catalog';
import { verdictOf, type Finding, type FindingCounts, type Severity, type Verdict } from '../rules/finding';
import { acknowledgementOf, type SettingsApplied } from './apply-settings';
import type { EvaluationSummary, RuleTally, TopProblem } from './result';

const RANK: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };
const TOP_RULES = 10;
const EXAMPLES = 3;

/**
 * Readiness (docs/rules.md): not_ready while any blocker is not acknowledged; ready_with_warnings with warnings or
 * acknowledged blockers; ready otherwise. A crashed rule module means missing checks: never `ready`.
 */
export function verdictFor(effective: FindingCounts, failedModules: number): Verdict {
  const verdict = verdictOf(effective);
  return failedModules > 0 ? 'not_ready' : verdict;
}

export interface SummaryInput {
  snapshotId: string;
  profileId: string | null;
  evaluatedAt: string;
  durationMs: number;
  applied: SettingsApplied;
  failedModules: Array<{ module: string; error: string }>;
}

export function summarise(input: SummaryInput): EvaluationSummary {
  const { findings } = input.applied;
  const counts: FindingCounts = { blocker: 0, warning: 0, info: 0 };
  let acknowledgedBlockers = 0;
  const tallies = new Map<string, RuleTally & { first: number }>();
  findings.forEach((f, i) => {
    counts[f.severity]++;
    if (f.severity === 'blocker' && acknowledgementOf(f)) acknowledgedBlockers++;
    const t = tallies.get(f.ruleId);
    if (t) {
      t.count++;
      if (RANK[f.severity] < RANK[t.severity]) t.severity = f.severity;
    } else {
      tallies.set(f.ruleId, {
        ruleId: f.ruleId,
        title: RULES_BY_ID.get(f.ruleId)?.title ?? f.ruleId,
        severity: f.severity,
        count: 1,
        first: i,
      });
    }
  });
  const effectiveCounts: FindingCounts = {
    blocker: counts.blocker - acknowledgedBlockers,
    warning: counts.warning + acknowledgedBlockers,
    info: counts.info,
  };
  const ordered = [...tallies.values()].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1),
  );
  return {
    snapshotId: input.snapshotId,
    profileId: input.profileId,
    evaluatedAt: input.evaluatedAt,
    durationMs: input.durationMs,
    verdict: verdictFor(effectiveCounts, input.failedModules.length),
    counts,
    acknowledgedBlockers,
    effectiveCounts,
    acknowledgements: { applied: input.applied.acknowledged, stale: input.applied.staleAcknowledgements },
    muted: input.applied.muted,
    overridden: input.applied.overridden,
    downgraded: {
      rules: Object.keys(input.applied.downgraded.byRule).length,
      findings: input.applied.downgraded.findings,
      byRule: input.applied.downgraded.byRule,
    },
    byRule: ordered.map(({ first: _first, ...t }) => t),
    topProblems: topProblems(ordered, findings),
    failedModules: input.failedModules,
  };
}

/** The most severe, most frequent rules (info only when nothing worse exists), with remedies and examples. */
function topProblems(
  ordered: ReadonlyArray<RuleTally & { first: number }>,
  findings: readonly Finding[],
): TopProblem[] {
  const serious = ordered.filter((t) => t.severity !== 'info');
  return (serious.length > 0 ? serious : ordered).slice(0, TOP_RULES).map(({ first, ...t }) => {
    const examples: TopProblem['examples'] = [];
    for (let i = first; i < findings.length && examples.length < EXAMPLES; i++) {
      const f = findings[i]!;
      if (f.ruleId === t.ruleId)
        examples.push({ entityType: f.entityType, sourcedId: f.sourcedId, message: f.message });
    }
    return { ...t, remedy: findings[first]?.remedy ?? RULES_BY_ID.get(t.ruleId)?.remedy ?? '', examples };
  });
}
