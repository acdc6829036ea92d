import { Option } from 'commander';
import type { Command } from 'commander';
import { Confidence } from '../../../shared/conversion/types';
import { changeSisIdCsv, changeSisIdRows } from '../../services/conversion';
import { runConversionOnly } from '../../services/evaluate/pipeline';
import { writeFileAtomic } from '../../services/profiles/atomic-write';
import type { CliContext } from '../context';
import { EXIT_OK } from '../errors';
import { formatTable } from '../format';
import { withDataDir } from '../program';

interface ChangeSisIdOptions {
  dataDir?: string;
  snapshot: string;
  profile?: string;
  mapping?: string;
  canvasBaseline: string;
  out: string;
  minConfidence: 'high' | 'medium';
}

/**
 * `preflight change-sis-id`: writes change_sis_id.csv from the conversion's remap proposals — every accepted
 * one, plus pending ones at or above --min-confidence; rejected ones never. Import it into Canvas before the
 * first sync so existing users, courses, sections, terms and sub-accounts keep their content.
 */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program
      .command('change-sis-id')
      .description('write change_sis_id.csv from the accepted (and confident) remaps'),
  )
    .option('--snapshot <id>', 'snapshot id, or "latest"', 'latest')
    .option('--profile <name>', 'district profile: its snapshots, mapping options and remap decisions')
    .option('--mapping <file>', "JSON file of mapping options to use instead of the profile's")
    .option(
      '--canvas-baseline <file|latest>',
      'Canvas provisioning report zip, baseline id, or "latest"',
      'latest',
    )
    .requiredOption('--out <file>', 'where to write change_sis_id.csv')
    .addOption(
      new Option('--min-confidence <level>', 'also include pending proposals of at least this confidence')
        .choices(Confidence.options.filter((c) => c !== 'low'))
        .default('high'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight change-sis-id --profile "Springfield USD" --out change_sis_id.csv\n' +
        '  preflight change-sis-id --canvas-baseline ./provisioning.zip --out change_sis_id.csv --min-confidence medium',
    )
    .action(async (opts: ChangeSisIdOptions) => run(ctx, opts));
}

async function run(ctx: CliContext, opts: ChangeSisIdOptions): Promise<void> {
  const services = ctx.services(opts.dataDir);
  const { baseline, conversion: result } = await runConversionOnly(services, {
    snapshot: opts.snapshot,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.mapping !== undefined ? { mappingFile: opts.mapping } : {}),
    canvasBaseline: opts.canvasBaseline,
    signal: ctx.signal,
  });
  if (baseline.imported)
    ctx.err(`Imported ${baseline.imported.file} as Canvas baseline ${baseline.baselineId}.`);
  const rows = changeSisIdRows(result, { minConfidence: opts.minConfidence });
  await writeFileAtomic(opts.out, changeSisIdCsv(rows));
  const count = (type: string, what: string) =>
    what === 'written'
      ? rows.filter((r) => r.type === type).length
      : result.proposals.filter((p) => p.type === type && p.decision === what).length;
  const types = ['account', 'term', 'course', 'section', 'user'];
  ctx.out(
    [
      `Wrote ${rows.length} rows to ${opts.out} (accepted, plus pending at ${opts.minConfidence} confidence or better; rejected never).`,
      formatTable(
        ['type', 'written', 'accepted', 'pending', 'rejected'],
        types.map((t) => [
          t,
          ...['written', 'accepted', 'pending', 'rejected'].map((d) => String(count(t, d))),
        ]),
      ),
    ].join('\n'),
  );
  ctx.setExitCode(EXIT_OK);
}
