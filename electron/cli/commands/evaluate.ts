import { Option } from 'commander';
import type { Command } from 'commander';
import { CANVAS_TYPES } from '../../../shared/plan/types';
import { acknowledgementOf } from '../../../shared/evaluate/apply-settings';
import { EvaluationResult } from '../../../shared/evaluate/result';
import { FailOn, reachesFailOn, type Finding } from '../../../shared/rules/finding';
import { importCsvBundle } from '../../services/csv-import';
import { ServiceError } from '../../services/errors';
import {
  evaluateSnapshot,
  resolveEvaluationTarget,
  toEvaluationResult,
  type Evaluation,
} from '../../services/evaluate';
import type { CliContext } from '../context';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors';
import { formatTable } from '../format';
import { withDataDir } from '../program';

interface EvaluateOptions {
  dataDir?: string;
  snapshot?: string;
  profile?: string;
  mapping?: string;
  onerosterCsv?: string;
  json?: boolean;
  failOn: FailOn;
}

const nf = new Intl.NumberFormat('en-US');

/**
 * `preflight evaluate`: plan + OneRoster data rules over a snapshot. Exit 0 = nothing at or above --fail-on,
 * 1 = something is, 2 = usage or setup error (or a rule module crashed). Acknowledged blockers count as warnings (shared/evaluate).
 */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program.command('evaluate').description('check a snapshot against the Canvas mapping and the data rules'),
  )
    .option('--snapshot <id>', 'snapshot id, or "latest" (the profile\'s newest complete snapshot)', 'latest')
    .option('--profile <name>', 'district profile: its snapshots, mapping options and rule settings')
    .option('--mapping <file>', "JSON file of mapping options to use instead of the profile's")
    .option(
      '--oneroster-csv <path>',
      'import this OneRoster CSV bundle (zip or folder) first, then evaluate it',
    )
    .option('--json', 'print { summary, plan, findings } as JSON on stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse remains')
        .choices(FailOn.options)
        .default('blocker'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight evaluate --profile "Springfield USD"\n' +
        '  preflight evaluate --oneroster-csv ./export.zip --json --fail-on warning\n' +
        '\nExit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or setup error.',
    )
    .action(async (opts: EvaluateOptions) => runEvaluate(ctx, opts));
}

async function runEvaluate(ctx: CliContext, opts: EvaluateOptions): Promise<void> {
  const services = ctx.services(opts.dataDir);
  let snapshot = opts.snapshot;
  if (opts.onerosterCsv !== undefined) {
    if (snapshot !== undefined && snapshot !== 'latest') {
      throw new UsageError(
        '--oneroster-csv and --snapshot cannot be combined.',
        'Evaluate either a new CSV import or an existing snapshot.',
      );
    }
    snapshot = await importForEvaluation(ctx, opts);
  }
  const target = await resolveEvaluationTarget(services, {
    ...(snapshot !== undefined ? { snapshot } : {}),
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.mapping !== undefined ? { mappingFile: opts.mapping } : {}),
  });
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId: target.snapshotId,
    options: target.options,
    settings: target.settings,
  });
  const { summary } = evaluation;
  // A crashed rule module is an error (2): the result is missing checks, whatever --fail-on says.
  if (summary.failedModules.length > 0) ctx.setExitCode(EXIT_ERROR);
  else ctx.setExitCode(reachesFailOn(summary.effectiveCounts, opts.failOn) ? EXIT_FINDINGS : EXIT_OK);
  if (opts.json) {
    ctx.out(JSON.stringify(EvaluationResult.parse(toEvaluationResult(evaluation)), null, 2));
  } else {
    ctx.out(humanReport(evaluation, target.optionsFrom));
  }
  for (const failed of summary.failedModules) {
    ctx.err(
      `error: the ${failed.module} rules could not run (${failed.error}); their checks are missing from this result.`,
    );
  }
}

async function importForEvaluation(ctx: CliContext, opts: EvaluateOptions): Promise<string> {
  const services = ctx.services(opts.dataDir);
  const profile = opts.profile !== undefined ? await services.profiles.resolve(opts.profile) : null;
  const result = await importCsvBundle(services.snapshots, opts.onerosterCsv!, {
    profileId: profile?.id ?? null,
    ...(profile ? { label: profile.name } : {}),
    signal: ctx.signal,
  });
  if (result.status !== 'complete') {
    throw new ServiceError(
      'csv_import_failed',
      `The CSV import did not complete (${result.status}${result.error ? `: ${result.error}` : ''}).`,
      'Run `preflight import-csv PATH` to see every problem in the bundle.',
    );
  }
  const problems = result.errors.length + result.moreErrors;
  ctx.err(
    `Imported ${opts.onerosterCsv} as snapshot ${result.snapshotId}` +
      (problems > 0
        ? ` (${nf.format(problems)} row problems kept as rejected rows; see \`preflight import-csv\`).`
        : '.'),
  );
  return result.snapshotId;
}

const VERDICT_TEXT = {
  ready: 'READY: no blockers',
  ready_with_warnings: 'READY WITH WARNINGS: no open blockers, but check the warnings',
  not_ready: 'NOT READY: blockers must be fixed (or acknowledged) before the sync',
} as const;

function humanReport(e: Evaluation, optionsFrom: string): string {
  const s = e.summary;
  const lines: string[] = [
    `Snapshot ${s.snapshotId}${s.profileId ? ` (profile ${s.profileId})` : ''}, mapping options: ${optionsFrom}`,
    '',
    VERDICT_TEXT[s.verdict],
    `  blockers ${nf.format(s.counts.blocker)}${s.acknowledgedBlockers ? ` (${nf.format(s.acknowledgedBlockers)} acknowledged)` : ''}` +
      `   warnings ${nf.format(s.counts.warning)}   info ${nf.format(s.counts.info)}` +
      (s.muted.findings
        ? `   muted ${nf.format(s.muted.findings)} (${Object.keys(s.muted.byRule).join(', ')})`
        : ''),
    '',
    'Planned Canvas objects:',
    formatTable(
      ['type', 'rows'],
      CANVAS_TYPES.map((t) => [t, nf.format(e.plan.counts[t])]),
    ),
  ];
  if (e.plan.skipped.length > 0) {
    lines.push('', 'Left out of the plan:');
    for (const g of e.plan.skipped) lines.push(`  ${nf.format(g.count)} ${g.entityType}: ${g.reason}`);
  }
  if (s.topProblems.length > 0) {
    lines.push('', 'Top problems:');
    for (const p of s.topProblems) {
      lines.push(`  [${p.severity}] ${p.ruleId} ${p.title}: ${nf.format(p.count)}`);
      for (const x of p.examples) lines.push(`      ${x.entityType} ${x.sourcedId}: ${x.message}`);
      lines.push(`      fix: ${p.remedy}`);
    }
  }
  const acked = e.findings
    .filter((f: Finding) => f.severity === 'blocker' && acknowledgementOf(f))
    .slice(0, 5);
  if (acked.length > 0) {
    lines.push('', 'Acknowledged blockers:');
    for (const f of acked) {
      const a = acknowledgementOf(f)!;
      lines.push(`  ${f.ruleId} ${f.entityType} ${f.sourcedId}: "${a.reason}" (${a.by}, ${a.at})`);
    }
  }
  lines.push(
    '',
    `${nf.format(e.findings.length)} findings in ${nf.format(s.durationMs)} ms. Add --json for every finding.`,
  );
  return lines.join('\n');
}
