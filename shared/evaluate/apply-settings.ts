import type { RuleSettings } from '../mapping/options';
import { normaliseFindings, type Finding, type Severity } from '../rules/finding';

/**
 * Per-profile rule settings over raw findings (catalogue severities), in this order:
 *  1. muted rules: their findings are set aside — counted per rule, never shown, never in the verdict;
 *  2. severity overrides: the finding takes the profile's severity for its rule;
 *  3. acknowledgements (ruleId + entityType + sourcedId, with reason/by/at): the finding stays, marked
 *     `detail.acknowledged = {reason, by, at}`. An acknowledged BLOCKER no longer makes the verdict not_ready
 *     (see summarise: it counts as a warning for the verdict and for `--fail-on`); acknowledging a warning or
 *     info only annotates it.
 * Pure: the same findings and settings always give the same result. Shared by the evaluator and the UI cache.
 */
export interface Acknowledged {
  reason: string;
  by: string;
  at: string;
}

export interface SettingsApplied {
  /** Visible findings, normalised (sorted, one per rule/entity/sourcedId). */
  findings: Finding[];
  muted: { findings: number; byRule: Record<string, number> };
  /** Overrides that changed at least one finding: rule → {from, to}. */
  overridden: Record<string, { from: Severity; to: Severity }>;
  /** Acknowledgements that matched a visible finding, and those that matched nothing (the problem is gone). */
  acknowledged: number;
  staleAcknowledgements: number;
  /** Blocker findings that a severity override or a mute took out of the blockers, per rule. */
  downgraded: { findings: number; byRule: Record<string, number> };
}

export const ackKey = (ruleId: string, entityType: string, sourcedId: string): string =>
  `${ruleId}\u0000${entityType}\u0000${sourcedId}`;

export function applyRuleSettings(raw: Iterable<Finding>, settings: RuleSettings): SettingsApplied {
  const muted = new Set(settings.muted);
  const acks = new Map(
    settings.acknowledgements.map((a) => [ackKey(a.ruleId, a.entityType, a.sourcedId), a]),
  );
  const used = new Set<string>();
  const mutedByRule: Record<string, number> = {};
  const overridden: SettingsApplied['overridden'] = {};
  let mutedCount = 0;
  const downgradedByRule: Record<string, number> = {};
  let downgradedCount = 0;
  const visible: Finding[] = [];
  for (const f of raw) {
    const override = settings.severityOverrides[f.ruleId];
    if (
      f.severity === 'blocker' &&
      (muted.has(f.ruleId) || (override !== undefined && override !== 'blocker'))
    ) {
      downgradedCount++;
      downgradedByRule[f.ruleId] = (downgradedByRule[f.ruleId] ?? 0) + 1;
    }
    if (muted.has(f.ruleId)) {
      mutedCount++;
      mutedByRule[f.ruleId] = (mutedByRule[f.ruleId] ?? 0) + 1;
      continue;
    }
    let out = f;
    const severity = settings.severityOverrides[f.ruleId];
    if (severity !== undefined && severity !== f.severity) {
      overridden[f.ruleId] ??= { from: f.severity, to: severity };
      out = { ...out, severity };
    }
    const key = ackKey(f.ruleId, f.entityType, f.sourcedId);
    const ack = acks.get(key);
    if (ack !== undefined) {
      used.add(key);
      const acknowledged: Acknowledged = { reason: ack.reason, by: ack.by, at: ack.at };
      out = { ...out, detail: { ...out.detail, acknowledged } };
    }
    visible.push(out);
  }
  return {
    findings: normaliseFindings(visible),
    muted: { findings: mutedCount, byRule: sortedRecord(mutedByRule) },
    overridden: sortedRecord(overridden),
    acknowledged: used.size,
    staleAcknowledgements: acks.size - used.size,
    downgraded: { findings: downgradedCount, byRule: sortedRecord(downgradedByRule) },
  };
}

/** The acknowledgement recorded on a finding, if any. */
export function acknowledgementOf(f: Finding): Acknowledged | null {
  const a = f.detail?.acknowledged as Acknowledged | undefined;
  return a && typeof a === 'object' && typeof a.reason === 'string' ? a : null;
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
