import { Option } from 'commander';
import type { Command } from 'commander';
import { SECRET_KINDS } from '../../../shared/profiles/profile';
import type { SecretKind } from '../../../shared/profiles/profile';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { withDataDir } from '../program';
import { stripTrailingNewline } from '../stdin';
import { formatTable, quoteArg } from '../format';

interface SecretOptions {
  dataDir?: string;
  profile: string;
  kind?: SecretKind;
  all?: boolean;
  json?: boolean;
}

const kindOption = (required: boolean) => {
  const option = new Option('--kind <kind>', 'which secret').choices(SECRET_KINDS);
  return required ? option.default('oneroster.clientSecret') : option;
};

/** `preflight secret set|delete|status`. Secrets come from stdin only, never from arguments. */
export function register(program: Command, ctx: CliContext): void {
  const secret = program.command('secret').description('profile secrets in the OS keychain');

  withDataDir(
    secret.command('set').description('store a secret read from stdin (one trailing newline is ignored)'),
  )
    .requiredOption('--profile <name>', 'profile name (or id)')
    .addOption(kindOption(true))
    .action(async (opts: SecretOptions) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(opts.profile);
      const kind = opts.kind ?? 'oneroster.clientSecret';
      const value = stripTrailingNewline(await ctx.readSecret(`${kind} for "${profile.name}" (not shown): `));
      if (value.trim() === '') {
        throw usageError(
          'No secret was given on stdin.',
          `Pipe it in: printf %s "$SECRET" | preflight secret set --profile ${quoteArg(profile.name)} --kind ${kind}`,
        );
      }
      await services.profiles.setSecret(profile.id, kind, value);
      ctx.out(`Stored ${kind} for "${profile.name}" in the OS keychain.`);
    });

  withDataDir(secret.command('delete').description('delete a stored secret'))
    .requiredOption('--profile <name>', 'profile name (or id)')
    .addOption(kindOption(false))
    .option('--all', 'delete every secret of the profile')
    .action(async (opts: SecretOptions) => {
      if ((opts.kind === undefined) === (opts.all !== true)) {
        throw usageError(
          'Say what to delete: --kind KIND or --all (not both).',
          `Kinds: ${SECRET_KINDS.join(', ')}.`,
        );
      }
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(opts.profile);
      if (opts.kind) {
        const deleted = await services.vault.deleteSecret(profile.id, opts.kind);
        ctx.out(
          deleted
            ? `Deleted ${opts.kind} for "${profile.name}".`
            : `No ${opts.kind} was stored for "${profile.name}".`,
        );
      } else {
        const count = await services.vault.deleteAll(profile.id);
        ctx.out(`Deleted ${count} secret${count === 1 ? '' : 's'} for "${profile.name}".`);
      }
    });

  withDataDir(secret.command('status').description('show which secrets are stored (never their values)'))
    .requiredOption('--profile <name>', 'profile name (or id)')
    .option('--json', 'machine-readable output')
    .action(async (opts: SecretOptions) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(opts.profile);
      const status = await services.vault.status(profile.id);
      if (opts.json) {
        ctx.out(
          JSON.stringify({ profile: { id: profile.id, name: profile.name }, secrets: status }, null, 2),
        );
        return;
      }
      const rows = SECRET_KINDS.map((kind) => [kind, status[kind] ? 'stored in keychain' : 'not stored']);
      ctx.out(formatTable(['SECRET', 'STATUS'], rows));
    });
}
