/**
 * Canvas reads a date-only start_date/end_date as midnight, so a term or enrollment the district means to
 * include its last day would end a day early. The SIS CSVs therefore carry full ISO 8601 timestamps in the
 * district's time zone: start dates at the start of the day, end dates at its last second
 * (docs/canvas-importer.md). The zone is the profile's, else this machine's.
 */

/** This machine's IANA time zone (e.g. "America/Chicago"); "UTC" when the runtime does not say. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for an IANA zone name the runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at instant `ms`. */
function offsetMinutes(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `2022-12-24` → `2022-12-24T23:59:59-06:00` (end) or `2022-12-24T00:00:00-06:00` (start) in `zone`, with
 * the offset in force at that local time (daylight saving included). Anything that is not a plain date
 * (empty, already a timestamp) is returned unchanged.
 */
export function canvasTimestamp(date: string, edge: 'start' | 'end', zone: string): string {
  // A district has a few hundred distinct dates but a million enrollment rows, and the two Intl calls per date
  // cost ~10 µs: 20+ s for the large district's enrollments.csv without this cache.
  const key = `${zone}\u0000${edge}\u0000${date}`;
  let stamp = stamps.get(key);
  if (stamp === undefined) {
    if (stamps.size >= MAX_STAMPS) stamps.clear();
    stamp = computeTimestamp(date, edge, zone);
    stamps.set(key, stamp);
  }
  return stamp;
}

const stamps = new Map<string, string>();
const MAX_STAMPS = 50_000;

function computeTimestamp(date: string, edge: 'start' | 'end', zone: string): string {
  const m = DATE_ONLY.exec(date.trim());
  if (!m) return date;
  const [h, mi, s] = edge === 'start' ? [0, 0, 0] : [23, 59, 59];
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, s);
  // Two passes: the offset at the guessed instant, then at the corrected one (they differ only near a DST switch).
  let offset = offsetMinutes(zone, local);
  offset = offsetMinutes(zone, local - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
