import type { Command } from 'commander';
import { CANVAS_TYPES } from '../../../shared/plan/types';
import { resolveEvaluationTarget } from '../../services/evaluate';
import { buildPlan, planCounts, writePlanFiles, writePlanJson } from '../../services/plan';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { formatTable } from '../format';
import { withDataDir } from '../program';

interface PlanOptions {
  dataDir?: string;
  snapshot?: string;
  profile?: string;
  mapping?: string;
  json?: boolean;
  out?: string;
}

const nf = new Intl.NumberFormat('en-US');

/** `preflight plan`: the Canvas objects a sync of a snapshot would import, with their provenance. */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program.command('plan').description('show the Canvas objects a sync of a snapshot would import'),
  )
    .option('--snapshot <id>', 'snapshot id, or "latest"', 'latest')
    .option('--profile <name>', 'district profile: its snapshots and mapping options')
    .option('--mapping <file>', "JSON file of mapping options to use instead of the profile's")
    .option('--json', 'print the whole plan as JSON on stdout (one array per Canvas type)')
    .option(
      '--out <dir>',
      'write one JSON file per Canvas type (accounts.json, …) and plan.json to this folder',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight plan --profile "Springfield USD" --json > plan.json\n' +
        '  preflight plan --snapshot latest --mapping options.json --out ./plan\n',
    )
    .action(async (opts: PlanOptions) => {
      if (opts.json && opts.out) {
        throw usageError(
          '--json and --out cannot be combined.',
          'Print the plan (--json) or write files (--out DIR).',
        );
      }
      const services = ctx.services(opts.dataDir);
      const target = await resolveEvaluationTarget(services, {
        ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
        ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
        ...(opts.mapping !== undefined ? { mappingFile: opts.mapping } : {}),
      });
      assertComplete(services.snapshots.get(target.snapshotId)?.status, target.snapshotId);
      const plan = buildPlan(services.snapshots.db, target.snapshotId, target.options);
      if (opts.json) return writePlanJson(plan, (chunk) => ctx.stdout(chunk));
      if (opts.out) {
        const files = writePlanFiles(plan, opts.out);
        ctx.out(`Wrote ${files.length === 1 ? '1 file' : `${files.length} files`} to ${opts.out}.`);
      }
      const counts = planCounts(plan);
      ctx.out(`Plan for snapshot ${plan.snapshotId} (mapping options: ${target.optionsFrom})`);
      ctx.out(
        formatTable(
          ['type', 'rows'],
          CANVAS_TYPES.map((t) => [t, nf.format(counts[t])]),
        ),
      );
      for (const g of plan.skipped) ctx.out(`left out: ${nf.format(g.count)} ${g.entityType}: ${g.reason}`);
      for (const m of plan.notes.termMerges) ctx.out(`term ${m.term_id} merges ${m.sessions.join(', ')}`);
      if (plan.notes.multiTerm.length > 0) {
        ctx.out(
          `${nf.format(plan.notes.multiTerm.length)} classes are in several sessions; the plan chose one term each.`,
        );
      }
      if (!opts.out) ctx.out('Add --json for every row, or --out DIR for one file per Canvas type.');
    });
}

function assertComplete(status: string | undefined, snapshotId: string): void {
  if (status === 'complete') return;
  throw usageError(
    `Snapshot ${snapshotId} is ${status ?? 'missing'}: only complete snapshots are planned.`,
    'Finish or resume the pull, then plan the complete snapshot.',
  );
}
