import { Option } from 'commander';
import type { Command } from 'commander';
import { CANVAS_TYPES } from '../../../shared/plan/types';
import { acknowledgementOf } from '../../../shared/evaluate/apply-settings';
import { EvaluationResult } from '../../../shared/evaluate/result';
import { FailOn, reachesFailOn, type Finding } from '../../../shared/rules/finding';
import { SYNC_VERDICT_LABEL } from '../../../shared/text/vocabulary';
import { ImportMode, ImportModeKind } from '../../../shared/sync/import-mode';
import { importCsvBundle } from '../../services/csv-import';
import { ServiceError } from '../../../shared/errors';
import { toEvaluationResult, type Evaluation } from '../../services/evaluate';
import { runEvaluationPipeline } from '../../services/evaluate/pipeline';
import type { CliContext } from '../context';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, usageError } from '../errors';
import { formatTable } from '../format';
import { positiveInt, withDataDir } from '../program';
import type { ConversionSummary } from '../../../shared/conversion/types';
import { CONVERSION_TYPES } from '../../../shared/conversion/types';

interface EvaluateOptions {
  dataDir?: string;
  snapshot?: string;
  profile?: string;
  mapping?: string;
  onerosterCsv?: string;
  json?: boolean;
  failOn: FailOn;
  canvasBaseline?: string;
  importMode?: ImportModeKind;
  batchTerm?: string;
  changeThreshold?: number;
  dropStatus?: ImportMode['dropStatus'];
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
    .option(
      '--canvas-baseline <file|latest>',
      'compare with Canvas: a provisioning report zip (imported first), a baseline id, or "latest"',
    )
    .addOption(
      new Option(
        '--import-mode <mode>',
        "import mode the threshold simulation assumes (default: the profile's, else standard)",
      ).choices(ImportModeKind.options),
    )
    .option('--batch-term <id>', 'batch mode: the SIS term whose missing objects are deleted')
    .option('--change-threshold <percent>', 'Canvas change_threshold to simulate (1-100)', positiveInt)
    .addOption(
      new Option('--drop-status <status>', 'batch/diffing: what a missing enrollment becomes').choices([
        'deleted',
        'completed',
        'inactive',
      ]),
    )
    .option(
      '--json',
      'print { summary, plan, findings } as JSON on stdout (plus conversion with --canvas-baseline)',
    )
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
        '  preflight evaluate --canvas-baseline ./provisioning.zip --import-mode batch --batch-term SY-2027 --change-threshold 10\n' +
        '\nExit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or setup error.',
    )
    .action(async (opts: EvaluateOptions) => runEvaluate(ctx, opts));
}

async function runEvaluate(ctx: CliContext, opts: EvaluateOptions): Promise<void> {
  const services = ctx.services(opts.dataDir);
  let snapshot = opts.snapshot;
  if (opts.onerosterCsv !== undefined) {
    if (snapshot !== undefined && snapshot !== 'latest') {
      throw usageError(
        '--oneroster-csv and --snapshot cannot be combined.',
        'Evaluate either a new CSV import or an existing snapshot.',
      );
    }
    snapshot = await importForEvaluation(ctx, opts);
  }
  const run = await runEvaluationPipeline(services, {
    ...(snapshot !== undefined ? { snapshot } : {}),
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.mapping !== undefined ? { mappingFile: opts.mapping } : {}),
    ...(opts.canvasBaseline !== undefined ? { canvasBaseline: opts.canvasBaseline } : {}),
    importMode: (stored) => importModeOf(opts, stored),
    signal: ctx.signal,
  });
  const imported = run.baseline?.imported;
  if (imported) {
    ctx.err(
      `Imported ${imported.file} as Canvas baseline ${run.baseline!.baselineId}` +
        (imported.errorCount > 0 ? ` (${nf.format(imported.errorCount)} row problems skipped).` : '.'),
    );
  }
  const result = { ...toEvaluationResult(run.evaluation), summary: run.summary, findings: run.findings };
  const conversion = run.conversionSummary;
  const { summary } = result;
  // A crashed rule module is an error (2): the result is missing checks, whatever --fail-on says.
  if (summary.failedModules.length > 0) ctx.setExitCode(EXIT_ERROR);
  else ctx.setExitCode(reachesFailOn(summary.effectiveCounts, opts.failOn) ? EXIT_FINDINGS : EXIT_OK);
  if (opts.json) {
    const json = EvaluationResult.parse(result);
    ctx.out(JSON.stringify(conversion ? { ...json, conversion } : json, null, 2));
  } else {
    ctx.out(humanReport({ ...run.evaluation, ...result }, run.target.optionsFrom, conversion));
  }
  for (const failed of summary.failedModules) {
    ctx.err(
      `error: the ${failed.module} rules could not run (${failed.error}); their checks are missing from this result.`,
    );
  }
}

/** The profile's stored import mode (else standard), with any flags given on top. */
function importModeOf(opts: EvaluateOptions, stored: ImportMode | null): ImportMode {
  const mode = ImportMode.parse({
    ...(stored ?? {}),
    ...(opts.importMode !== undefined ? { mode: opts.importMode } : {}),
    ...(opts.batchTerm !== undefined ? { termId: opts.batchTerm } : {}),
    ...(opts.dropStatus !== undefined ? { dropStatus: opts.dropStatus } : {}),
    ...(opts.changeThreshold !== undefined ? { changeThreshold: opts.changeThreshold } : {}),
  });
  if (mode.mode === 'batch' && mode.termId === '') {
    throw usageError(
      'Batch mode needs --batch-term ID.',
      'Name the SIS term whose courses, sections and enrollments the batch replaces.',
    );
  }
  return mode;
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
  // Say what each number counts: import problems are mostly about files, headers and the manifest; only
  // rejectedRows are rows that could not be stored as records.
  const problems = result.errors.length + result.moreErrors;
  const rejected = result.issues.rejectedRows;
  const counted = [
    ...(problems > 0 ? [`${nf.format(problems)} import ${problems === 1 ? 'problem' : 'problems'}`] : []),
    ...(rejected > 0 ? [`${nf.format(rejected)} ${rejected === 1 ? 'row' : 'rows'} rejected`] : []),
  ];
  ctx.err(
    `Imported ${opts.onerosterCsv} as snapshot ${result.snapshotId}` +
      (counted.length > 0
        ? ` (${counted.join(', ')}; they are in the findings, details: \`preflight import-csv\`).`
        : '.'),
  );
  return result.snapshotId;
}

const VERDICT_TEXT = {
  ready: `${SYNC_VERDICT_LABEL.ready}: no blockers`,
  ready_with_warnings: `${SYNC_VERDICT_LABEL.ready_with_warnings}: no open blockers, but check the warnings`,
  not_ready: `${SYNC_VERDICT_LABEL.not_ready}: blockers must be fixed (or acknowledged) before the sync`,
} as const;

function humanReport(e: Evaluation, optionsFrom: string, conversion: ConversionSummary | null): string {
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
  if (conversion !== null) lines.push('', ...conversionLines(conversion));
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

function conversionLines(c: ConversionSummary): string[] {
  const sim = c.simulation;
  return [
    `Canvas baseline ${c.baselineId}: ${nf.format(c.proposals.total)} remap proposals (${nf.format(c.proposals.accepted)} accepted, ${nf.format(c.proposals.rejected)} rejected, ${nf.format(c.proposals.pending)} pending)`,
    formatTable(
      ['type', 'keep', 'remap', 'create', 'orphan'],
      CONVERSION_TYPES.map((t) => [
        t,
        ...(['keep', 'remap', 'create', 'orphan'] as const).map((k) => nf.format(c.counts[t]?.[k] ?? 0)),
      ]),
    ),
    `Simulated ${sim.importMode.mode} import: deletions courses ${sim.percentages.courses} %, sections ${sim.percentages.sections} %, enrollments ${sim.percentages.enrollments} %` +
      (sim.importMode.changeThreshold !== null
        ? ` (change_threshold ${sim.importMode.changeThreshold} %${sim.exceeds.length ? `: exceeded for ${sim.exceeds.join(', ')}` : ''})`
        : ''),
  ];
}
