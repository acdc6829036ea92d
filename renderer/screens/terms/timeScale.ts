/** Dates on the timeline: YYYY-MM-DD as UTC days, month ticks, and lanes so overlapping bars do not collide. */
const DAY = 86_400_000;

export function dayOf(date: string | null | undefined): number | null {
  if (!date) return null;
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? t / DAY : null;
}

export interface Span {
  start: number;
  end: number;
}

/** The months covering every span: from the first month's 1st to the day after the last month ends. */
export function monthRange(
  spans: readonly Span[],
): { from: number; to: number; months: Array<{ day: number; label: string; year: number | null }> } | null {
  if (spans.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const s of spans) {
    min = Math.min(min, s.start);
    max = Math.max(max, s.end);
  }
  const first = new Date(min * DAY);
  const cursor = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
  const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
  const months: Array<{ day: number; label: string; year: number | null }> = [];
  while (cursor.getTime() / DAY <= max) {
    const month = cursor.getUTCMonth();
    months.push({
      day: cursor.getTime() / DAY,
      label: monthFmt.format(cursor),
      year: months.length === 0 || month === 0 ? cursor.getUTCFullYear() : null,
    });
    cursor.setUTCMonth(month + 1);
  }
  return { from: months[0]!.day, to: cursor.getTime() / DAY, months };
}

/** Greedy lanes: each span goes in the first lane whose last span ended before it starts. */
export function assignLanes<T extends Span>(spans: readonly T[]): { lanes: number; laneOf: Map<T, number> } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const ends: number[] = [];
  const laneOf = new Map<T, number>();
  for (const s of sorted) {
    let lane = ends.findIndex((end) => end < s.start);
    if (lane < 0) lane = ends.length;
    ends[lane] = s.end;
    laneOf.set(s, lane);
  }
  return { lanes: Math.max(1, ends.length), laneOf };
}

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A YYYY-MM-DD date in the user's locale (the date itself, not shifted by the time zone). */
export function formatDay(date: string | null | undefined): string {
  const d = dayOf(date);
  return d === null ? '—' : dateFmt.format(new Date(d * DAY));
}
