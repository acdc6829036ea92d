import type { Finding } from '../../../shared/rules/finding';
import type { VerifyCheck, VerifyReport } from '../../../shared/verify/report';
import { formatCount, formatDateTime, formatDuration, formatMs, plural } from '../../format';

import { connectionLabel } from '../../../shared/text/vocabulary';

/** Verify speaks about the connection only; "Ready" belongs to the sync verdict. */
export const VERDICT_TEXT = {
  ready: connectionLabel('ready'),
  ready_with_warnings: connectionLabel('ready_with_warnings'),
  not_ready: connectionLabel('not_ready'),
} as const;

export function authText(target: VerifyReport['summary']['target']): string {
  return target.authKind === 'oauth2'
    ? 'OAuth 2 client credentials'
    : `OAuth 1.0a ${target.signatureMethod ?? ''}`.trim();
}

export function checkFacts(check: VerifyCheck): string[] {
  const facts: string[] = [];
  if (check.httpStatus !== undefined) facts.push(`HTTP ${check.httpStatus}`);
  if (check.latencyMs !== undefined) facts.push(formatMs(check.latencyMs));
  if (check.totalCount !== undefined && check.totalCount !== null)
    facts.push(`${formatCount(check.totalCount)} records`);
  if (check.sampleSize !== undefined) facts.push(sampleText(check));
  return facts;
}

export function sampleText(check: VerifyCheck): string {
  const size = check.sampleSize ?? 0;
  const invalid = check.sampleInvalid ?? 0;
  if (size === 0) return 'empty sample';
  return invalid === 0
    ? `all ${formatCount(size)} valid`
    : `${formatCount(invalid)} of ${formatCount(size)} invalid`;
}

/** Plain text to paste into an email or ticket for the district: verdict, checklist, and each problem with its fix. */
export function summaryText(districtName: string, report: VerifyReport): string {
  const { summary, findings } = report;
  const c = summary.counts;
  const lines = [
    `Roster Preflight — OneRoster connection check`,
    `District: ${districtName}`,
    `Server: ${summary.target.baseUrl} (${authText(summary.target)})`,
    `Checked: ${formatDateTime(summary.finishedAt)} (took ${formatDuration(summary.durationMs)})`,
    `Result: ${VERDICT_TEXT[summary.verdict]}${summary.cancelled ? ' (cancelled, incomplete)' : ''} — ` +
      `${plural(c.blocker, 'blocker', 'blockers')}, ${plural(c.warning, 'warning', 'warnings')}, ${formatCount(c.info)} info`,
    '',
    'Checks:',
    ...summary.checks.map((check) => {
      const facts = checkFacts(check);
      return `  [${check.status.toUpperCase()}] ${check.label}${check.endpoint ? ` ${check.endpoint}` : ''}${facts.length ? ` — ${facts.join(', ')}` : ''}`;
    }),
  ];
  if (findings.length > 0) {
    lines.push('', 'Problems and how to fix them:');
    findings.forEach((f: Finding, i) => {
      lines.push(
        `  ${i + 1}. [${f.severity.toUpperCase()}] ${f.ruleId}: ${f.message}`,
        `     Fix: ${f.remedy}`,
      );
    });
  } else {
    lines.push('', 'No problems found.');
  }
  return lines.join('\n');
}
