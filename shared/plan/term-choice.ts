/**
 * Which session becomes a class's Canvas term when `class.terms[]` lists several (docs/mapping.md): the one whose
 * dates contain all the others, else the longest; ties go to the smallest sourcedId, so the choice is stable.
 * Shared by the planner and CLASS-MULTI-TERM.
 */
export interface SessionSpan {
  sourcedId: string;
  startDate: string | null;
  endDate: string | null;
}

export interface TermChoice {
  chosen: string;
  reason: 'single' | 'contains' | 'longest';
}

export function chooseClassTerm(sessions: readonly SessionSpan[]): TermChoice | null {
  if (sessions.length === 0) return null;
  const sorted = [...sessions].sort((a, b) =>
    a.sourcedId < b.sourcedId ? -1 : a.sourcedId > b.sourcedId ? 1 : 0,
  );
  if (sorted.length === 1) return { chosen: sorted[0]!.sourcedId, reason: 'single' };
  const container = sorted.find((s) => sorted.every((o) => contains(s, o)));
  if (container) return { chosen: container.sourcedId, reason: 'contains' };
  let best = sorted[0]!;
  for (const s of sorted) if (lengthDays(s) > lengthDays(best)) best = s;
  return { chosen: best.sourcedId, reason: 'longest' };
}

/** Is `inner` within `outer` (dates as YYYY-MM-DD compare as strings)? Unknown dates contain nothing. */
export function contains(outer: SessionSpan, inner: SessionSpan): boolean {
  if (!outer.startDate || !outer.endDate || !inner.startDate || !inner.endDate) return outer === inner;
  return outer.startDate <= inner.startDate && inner.endDate <= outer.endDate;
}

function lengthDays(s: SessionSpan): number {
  if (!s.startDate || !s.endDate) return -1;
  const ms = Date.parse(s.endDate) - Date.parse(s.startDate);
  return Number.isFinite(ms) ? ms / 86_400_000 : -1;
}
