import { userInfo } from 'node:os';
import { Option } from 'commander';
import type { Command } from 'commander';
import { Severity } from '../../../shared/rules/finding';
import { pluralise } from '../../../shared/text/vocabulary';
import {
  acknowledgeFindings,
  muteRule,
  unacknowledgeFindings,
  type FindingSelection,
} from '../../services/sync/decisions';
import type { CliContext } from '../context';
import { EXIT_OK, usageError } from '../errors';
import { withDataDir } from '../program';

interface FindingOptions {
  dataDir?: string;
  profile: string;
  rule?: string;
  severity?: Severity;
  id?: string[];
  reason?: string;
  json?: boolean;
}

const selection = (o: FindingOptions): FindingSelection => ({
  ...(o.rule ? { ruleId: o.rule } : {}),
  ...(o.severity ? { severity: o.severity } : {}),
  ...(o.id ? { sourcedIds: o.id } : {}),
});

function who(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

/**
 * `preflight findings acknowledge|unacknowledge|mute|unmute`: the Findings screen's decisions from the command
 * line, on the district's rule settings. Acknowledging applies to every current finding matching ALL the filters
 * and needs a reason; muting never hides a blocker from the sync's guard rails (they count catalogue severity).
 */
export function register(program: Command, ctx: CliContext): void {
  const findings = program
    .command('findings')
    .description("acknowledge, unacknowledge, mute or unmute a district's findings");
  const filters = (c: Command) =>
    withDataDir(c)
      .requiredOption('--profile <name>', 'district profile')
      .option('--rule <rule>', 'findings of this rule')
      .addOption(new Option('--severity <severity>', 'findings of this severity').choices(Severity.options))
      .option('--id <sourcedId...>', 'findings about these OneRoster records')
      .option('--json', 'print the count as JSON');

  filters(findings.command('acknowledge').description('accept matching findings, with a reason'))
    .option('--reason <text>', 'why it is acceptable (kept in the sync history and the report)')
    .addHelpText(
      'after',
      '\nExample:\n  preflight findings acknowledge --profile "Springfield USD" --rule USER-NO-EMAIL --reason "Staff get emails later"',
    )
    .action(async (o: FindingOptions) => {
      const n = await acknowledgeFindings(
        ctx.services(o.dataDir),
        o.profile,
        selection(o),
        o.reason ?? '',
        who(),
      );
      ctx.out(o.json ? JSON.stringify({ acknowledged: n }) : `Acknowledged ${pluralise(n, 'finding')}.`);
      ctx.setExitCode(EXIT_OK);
    });
  filters(findings.command('unacknowledge').description('withdraw matching acknowledgements')).action(
    async (o: FindingOptions) => {
      const n = await unacknowledgeFindings(ctx.services(o.dataDir), o.profile, selection(o));
      ctx.out(
        o.json ? JSON.stringify({ unacknowledged: n }) : `Withdrew ${pluralise(n, 'acknowledgement')}.`,
      );
      ctx.setExitCode(EXIT_OK);
    },
  );
  for (const muted of [true, false]) {
    withDataDir(
      findings
        .command(muted ? 'mute' : 'unmute')
        .description(
          muted ? "hide a rule's findings (blockers still count for sync)" : 'show a muted rule again',
        ),
    )
      .requiredOption('--profile <name>', 'district profile')
      .option('--rule <rule>', 'the rule')
      .option('--reason <text>', 'why (required to mute a blocker rule)')
      .action(async (o: FindingOptions) => {
        if (!o.rule) throw usageError(`${muted ? 'mute' : 'unmute'} needs --rule RULE.`, 'Name the rule id.');
        const audit = o.reason ? { reason: o.reason, by: who() } : undefined;
        await muteRule(ctx.services(o.dataDir), o.profile, o.rule, muted, audit);
        ctx.out(`${muted ? 'Muted' : 'Unmuted'} ${o.rule}.`);
        ctx.setExitCode(EXIT_OK);
      });
  }
}
