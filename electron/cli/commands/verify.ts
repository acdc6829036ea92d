import { Option } from 'commander';
import type { Command } from 'commander';
import { FailOn, reachesFailOn } from '../../../shared/rules/finding';
import { connectionLabel } from '../../../shared/text/vocabulary';
import type { Finding, Severity } from '../../../shared/rules/finding';
import type { CheckStatus, VerifyCheck, VerifyEvent, VerifyReport } from '../../../shared/verify/report';
import { verifyConnection } from '../../services/verify/index';
import type { CliContext } from '../context';
import { EXIT_CANCELLED, EXIT_FINDINGS, EXIT_OK } from '../errors';
import { positiveInt, withDataDir } from '../program';
import { addTargetOptions, resolveTarget } from '../provider-options';
import type { TargetOptions } from '../provider-options';

interface VerifyOptions extends TargetOptions {
  dataDir?: string;
  json?: boolean;
  failOn: FailOn;
  pageSize?: number;
}

/**
 * `preflight verify`: every connectivity check (docs/rules.md CONN-*) against a saved profile or an ad-hoc target.
 * `--json` prints exactly the VerifyReport `{summary, findings}`; otherwise a checklist, with progress on
 * stderr. Exit 0 = nothing at or above --fail-on, 1 = something is, 2 = usage or setup error.
 */
export function register(program: Command, ctx: CliContext): void {
  addTargetOptions(
    withDataDir(
      program.command('verify').description('check connectivity to a OneRoster provider (CONN-* checks)'),
    ),
  )
    .option('--json', 'print the report as JSON ({ summary, findings }) on stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse is found')
        .choices(FailOn.options)
        .default('blocker'),
    )
    .option(
      '--page-size <n>',
      "page size the pull will use; the paging check asks for pages this large (default: the profile's, else 1000)",
      positiveInt,
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight verify --profile "Springfield USD"\n' +
        '  ONEROSTER_SECRET=… preflight verify --base-url https://host/ims/oneroster/v1p1 --client-id KEY --client-secret-env ONEROSTER_SECRET --json\n' +
        '\nExit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage or setup error, 130 cancelled.',
    )
    .action(async (opts: VerifyOptions) => runVerify(ctx, opts));
}

async function runVerify(ctx: CliContext, opts: VerifyOptions): Promise<void> {
  const target = await resolveTarget(opts, ctx.services(opts.dataDir), ctx.env);
  const json = opts.json === true;
  const report = await verifyConnection(
    {
      baseUrl: target.baseUrl,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
      auth: target.auth,
      http: target.http,
      timeoutMs: target.profile.oneroster.timeoutMs,
      pageSize: opts.pageSize ?? target.profile.oneroster.pageSize,
    },
    { signal: ctx.signal, ...(json ? {} : { onEvent: (e: VerifyEvent) => progress(ctx, e) }) },
  );
  ctx.out(
    json ? JSON.stringify(report, null, 2) : renderReport(report, target.saved ? target.profile.name : null),
  );
  if (report.summary.cancelled) ctx.setExitCode(EXIT_CANCELLED);
  else ctx.setExitCode(reachesFailOn(report.summary.counts, opts.failOn) ? EXIT_FINDINGS : EXIT_OK);
}

const MARK: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '–' };
const SEVERITY_MARK: Record<Severity, string> = { blocker: '✗', warning: '!', info: 'i' };
const number = new Intl.NumberFormat('en-US');

/** Phases and checks as they arrive (findings are printed with the final report). */
function progress(ctx: CliContext, e: VerifyEvent): void {
  if (e.type === 'phase') ctx.err(`… ${e.message}`);
  else if (e.type === 'check') ctx.err(`  ${MARK[e.check.status]} ${e.check.label}`);
}

function authText(report: VerifyReport): string {
  const t = report.summary.target;
  return t.authKind === 'oauth1'
    ? `OAuth 1.0a ${t.signatureMethod ?? ''}`.trim()
    : 'OAuth 2 client credentials';
}

/** The checklist, the verdict and each finding with its remedy; plain text (often pasted into tickets). */
export function renderReport(report: VerifyReport, profileName: string | null): string {
  const { summary, findings } = report;
  const lines: string[] = [];
  const who = profileName ? `"${profileName}" — ` : '';
  const version = summary.onerosterVersion ? `OneRoster ${summary.onerosterVersion}, ` : '';
  lines.push(`Verify ${who}${summary.target.baseUrl} (${version}${authText(report)})`, '');
  const width = Math.min(44, Math.max(...summary.checks.map((c) => c.label.length), 10));
  for (const check of summary.checks) {
    const facts = checkFacts(check);
    lines.push(`  ${MARK[check.status]} ${check.label.padEnd(width)}  ${facts}`.trimEnd());
  }
  if (summary.checks.length === 0) lines.push('  (no checks ran)');
  lines.push('');
  const c = summary.counts;
  const verdict = connectionLabel(summary.verdict);
  const seconds = (summary.durationMs / 1000).toFixed(1);
  lines.push(
    `${summary.cancelled ? 'CANCELLED — the checklist is incomplete. ' : ''}${verdict} — ` +
      `${plural(c.blocker, 'blocker')}, ${plural(c.warning, 'warning')}, ${c.info} info (${seconds} s)`,
  );
  for (const f of findings) lines.push('', ...renderFinding(f));
  return lines.join('\n');
}

function checkFacts(check: VerifyCheck): string {
  const parts: string[] = [];
  if (check.httpStatus !== undefined) parts.push(String(check.httpStatus));
  if (check.latencyMs !== undefined) parts.push(`${number.format(Math.round(check.latencyMs))} ms`);
  if (check.totalCount !== undefined && check.totalCount !== null)
    parts.push(`${number.format(check.totalCount)} total`);
  if (check.detail) parts.push(check.detail);
  return parts.join(' · ');
}

function renderFinding(f: Finding): string[] {
  const out = [
    `${SEVERITY_MARK[f.severity]} ${f.severity.toUpperCase()}  ${f.ruleId}  ${f.sourcedId}`,
    `  ${f.message}`,
    `  Fix: ${f.remedy}`,
  ];
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
