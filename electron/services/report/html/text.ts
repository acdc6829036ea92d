import type { Severity, Verdict } from '../../../../shared/rules/finding';
import { SYNC_VERDICT_LABEL } from '../../../../shared/text/vocabulary';

/** Escapes text for HTML element content and double-quoted attribute values (also safe inside SVG). */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tagged template whose interpolations are escaped unless wrapped in `raw()` (already-built markup). */
export interface Raw {
  readonly __html: string;
}
export const raw = (html: string): Raw => ({ __html: html });

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += toHtml(v) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

function toHtml(v: unknown): string {
  if (Array.isArray(v)) return v.map(toHtml).join('');
  if (v !== null && typeof v === 'object' && '__html' in v) return (v as Raw).__html;
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

export interface TextFormat {
  /** BCP 47 locale for numbers and dates (default en-US). */
  locale: string;
  /** IANA time zone for dates (default UTC, so the same report reads the same everywhere). */
  timeZone: string;
}

export function formatters(f: TextFormat) {
  const nf = new Intl.NumberFormat(f.locale);
  const df = new Intl.DateTimeFormat(f.locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: f.timeZone,
  });
  const dayf = new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: f.timeZone });
  const when = (iso: string | null | undefined, fmt: Intl.DateTimeFormat): string => {
    if (!iso) return '—';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
  };
  return {
    count: (n: number) => nf.format(n),
    dateTime: (iso: string | null | undefined) =>
      iso ? `${when(iso, df)}${f.timeZone === 'UTC' ? ' UTC' : ''}` : '—',
    day: (iso: string | null | undefined) => when(iso, dayf),
  };
}
export type Formatters = ReturnType<typeof formatters>;

export const VERDICT_LABEL: Record<Verdict, string> = SYNC_VERDICT_LABEL;

export const VERDICT_SENTENCE: Record<Verdict, string> = {
  ready: 'No blockers were found. The roster sync can be switched on.',
  ready_with_warnings:
    'No open blockers. The sync can run, but the warnings below may give surprising results in Canvas.',
  not_ready:
    'Blockers were found. The sync would fail or damage data until they are fixed in the SIS or acknowledged.',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  blocker: 'Blocker',
  warning: 'Warning',
  info: 'Info',
};

/** Plural-aware "1 blocker" / "3 blockers". */
export function plural(
  n: number,
  one: string,
  many = `${one}s`,
  fmt: (n: number) => string = String,
): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}
