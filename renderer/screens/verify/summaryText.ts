import type { Finding } from '../../../shared/rules/finding';
import type { VerifyCheck, VerifyReport } from '../../../shared/verify/report';
import { formatCount, formatDateTime, formatDuration, formatMs } from '../../format';

export const VERDICT_TEXT = {
  ready: 'Ready',
  ready_with_warnings: 'Ready, with warnings',
  not_ready: 'Not ready',
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
    `Verdict: ${VERDICT_TEXT[summary.verdict].toUpperCase()}${summary.cancelled ? ' (cancelled, incomplete)' : ''} — ` +
      `${formatCount(c.blocker)} blocker(s), ${formatCount(c.warning)} warning(s), ${formatCount(c.info)} info`,
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
