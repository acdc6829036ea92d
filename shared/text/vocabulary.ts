import type { Verdict } from '../rules/finding';

/**
 * The app's two status vocabularies, one source for the screens, the report and the CLI.
 * "Ready" words belong to the sync verdict only (findings, report, sync); a verify run only says whether the
 * connection works, so it never reads "Ready" next to a "Not ready" sync verdict.
 */
export const SYNC_VERDICT_LABEL: Record<Verdict, string> = {
  ready: 'Ready',
  ready_with_warnings: 'Ready with warnings',
  not_ready: 'Not ready',
};

export type ConnectionState = 'ok' | 'failing';

/** A verify run's blockers mean the connection fails; warnings alone still leave it working. */
export function connectionState(verdict: Verdict): ConnectionState {
  return verdict === 'not_ready' ? 'failing' : 'ok';
}

export const CONNECTION_LABEL: Record<ConnectionState, string> = {
  ok: 'Connection OK',
  failing: 'Connection failing',
};

export function connectionLabel(verdict: Verdict): string {
  return CONNECTION_LABEL[connectionState(verdict)];
}

/** "1 blocker" / "3 blockers", with an optional number formatter (thousands separators). */
export function pluralise(
  n: number,
  one: string,
  many = `${one}s`,
  fmt: (n: number) => string = (v) => v.toLocaleString('en-US'),
): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** A share shown next to its count: "0 %" only for zero, "<0.1 %" for anything smaller. */
export function formatShare(part: number, whole: number, locale = 'en-US'): string {
  if (part === 0 || whole <= 0) return '0 %';
  const pct = (part / whole) * 100;
  if (pct < 0.1) return '<0.1 %';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(pct)} %`;
}

/** "N rules downgraded (M findings)": what the verdict, report and sync history say about softened rules. */
export function downgradeSummary(rules: number, findings: number): string {
  return `${pluralise(rules, 'rule')} downgraded (${pluralise(findings, 'finding')})`;
}
