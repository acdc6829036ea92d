import { Option } from 'commander';
import type { Command } from 'commander';
import { ChangeSisIdType } from '../../../shared/conversion/types';
import { pluralise } from '../../../shared/text/vocabulary';
import { decideRemaps, listProposals, type RemapSelection } from '../../services/sync/decisions';
import type { CliContext } from '../context';
import { EXIT_OK } from '../errors';
import { formatTable } from '../format';
import { withDataDir } from '../program';

interface RemapOptions extends Omit<RemapSelection, 'ids' | 'ruleId'> {
  dataDir?: string;
  profile: string;
  id?: string[];
  rule?: string;
  json?: boolean;
}

/**
 * `preflight remaps list|accept|reject`: the Conversion screen's remap decisions from the command line, on the
 * same decision store. Bulk forms (--all, --rule, --type, --min-confidence) cover the proposals still pending.
 */
export function register(program: Command, ctx: CliContext): void {
  const remaps = program
    .command('remaps')
    .description('list, accept or reject the proposed change_sis_id remaps of a district');
  withDataDir(remaps.command('list').description('list the current remap proposals and their decisions'))
    .requiredOption('--profile <name>', 'district profile')
    .option('--json', 'print the proposals as JSON')
    .action(async (opts: RemapOptions) => {
      const proposals = await listProposals(ctx.services(opts.dataDir), opts.profile);
      if (opts.json) ctx.out(JSON.stringify({ proposals }, null, 2));
      else if (proposals.length === 0) ctx.out('No remap proposals.');
      else
        ctx.out(
          formatTable(
            ['id', 'type', 'old → new', 'name', 'matched by', 'confidence', 'rule', 'decision'],
            proposals.map((p) => [
              p.id,
              p.type,
              `${p.oldId} → ${p.newId}`,
              p.name,
              p.matchKey,
              p.confidence,
              p.ruleId,
              p.decision,
            ]),
          ),
        );
      ctx.setExitCode(EXIT_OK);
    });
  for (const decision of ['accept', 'reject'] as const) {
    withDataDir(remaps.command(decision).description(`${decision} remap proposals`))
      .requiredOption('--profile <name>', 'district profile')
      .option('--all', 'every pending proposal')
      .option('--id <id...>', 'these proposal ids (from `remaps list`)')
      .option('--rule <rule>', 'pending proposals of this rule, e.g. CNV-USER-REMAP')
      .addOption(
        new Option('--type <type>', 'pending proposals of this type').choices(ChangeSisIdType.options),
      )
      .addOption(
        new Option('--min-confidence <level>', 'pending proposals of at least this confidence').choices([
          'high',
          'medium',
        ]),
      )
      .option('--json', 'print the decided proposals as JSON')
      .addHelpText(
        'after',
        `\nExamples:\n  preflight remaps ${decision} --profile "Springfield USD" --all\n` +
          `  preflight remaps ${decision} --profile "Springfield USD" --type user --min-confidence high`,
      )
      .action(async (opts: RemapOptions) => {
        const { changed, proposals } = await decideRemaps(
          ctx.services(opts.dataDir),
          opts.profile,
          {
            ...(opts.all ? { all: true } : {}),
            ...(opts.id ? { ids: opts.id } : {}),
            ...(opts.rule ? { ruleId: opts.rule } : {}),
            ...(opts.type ? { type: opts.type } : {}),
            ...(opts.minConfidence ? { minConfidence: opts.minConfidence } : {}),
          },
          decision === 'accept' ? 'accepted' : 'rejected',
        );
        if (opts.json) ctx.out(JSON.stringify({ decided: changed }, null, 2));
        else
          ctx.out(
            `${decision === 'accept' ? 'Accepted' : 'Rejected'} ${changed.length.toLocaleString('en-US')} of ${pluralise(proposals, 'remap proposal')}.`,
          );
        ctx.setExitCode(EXIT_OK);
      });
  }
}
