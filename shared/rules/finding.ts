import { z } from 'zod';

/** The one finding shape used everywhere (docs/rules.md "Finding"). */
export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const ENTITY_TYPES = [
  'org',
  'academicSession',
  'course',
  'class',
  'user',
  'enrollment',
  'demographics',
  'endpoint',
  'canvasUser',
  'canvasCourse',
  'canvasSection',
  'canvasTerm',
  'canvasAccount',
  'profile',
] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

export const EntityRef = z.object({ entityType: EntityType, sourcedId: z.string() });
export type EntityRef = z.infer<typeof EntityRef>;

export const Finding = z.object({
  ruleId: z.string(),
  severity: Severity,
  entityType: EntityType,
  sourcedId: z.string(),
  message: z.string(),
  remedy: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
  related: z.array(EntityRef).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Verdict = z.enum(['ready', 'ready_with_warnings', 'not_ready']);
export type Verdict = z.infer<typeof Verdict>;

export const FindingCounts = z.object({ blocker: z.number(), warning: z.number(), info: z.number() });
export type FindingCounts = z.infer<typeof FindingCounts>;

const severityRank: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Order: severity, rule id, entity type, sourcedId (docs/rules.md). Plain code-unit comparison, so it is locale-independent. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.entityType, b.entityType) ||
    cmp(a.sourcedId, b.sourcedId)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts and keeps one finding per (ruleId, entityType, sourcedId): the first, most severe one wins. */
export function normaliseFindings(findings: Iterable<Finding>): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const key = `${f.ruleId}\u0000${f.entityType}\u0000${f.sourcedId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

export function countFindings(findings: Iterable<Finding>): FindingCounts {
  const counts: FindingCounts = { blocker: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function verdictOf(counts: FindingCounts): Verdict {
  if (counts.blocker > 0) return 'not_ready';
  if (counts.warning > 0) return 'ready_with_warnings';
  return 'ready';
}

/** `--fail-on` threshold: does any finding reach it? */
export const FailOn = z.enum(['blocker', 'warning', 'info', 'never']);
export type FailOn = z.infer<typeof FailOn>;

export function reachesFailOn(counts: FindingCounts, failOn: FailOn): boolean {
  switch (failOn) {
    case 'never':
      return false;
    case 'blocker':
      return counts.blocker > 0;
    case 'warning':
      return counts.blocker + counts.warning > 0;
    case 'info':
      return counts.blocker + counts.warning + counts.info > 0;
  }
}
