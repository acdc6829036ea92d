/** Locale-aware formatting (the user's locale, via Intl). */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatMs(ms: number): string {
  return `${integer.format(ms)} ms`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return formatMs(ms);
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
