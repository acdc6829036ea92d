import type { Command } from 'commander';
import { runPull } from '../../services/pull/pull-session';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { positiveInt, withDataDir } from '../program';
import { addTargetOptions, resolveTarget, type TargetOptions } from '../provider-options';
import { progressPrinter, reportPull } from './pull';

interface ResumeCliOptions extends TargetOptions {
  dataDir?: string;
  concurrency?: number;
  json?: boolean;
}

/** `preflight resume ID`: continue a failed or cancelled pull from the pages it already stored. */
export function register(program: Command, ctx: CliContext): void {
  addTargetOptions(
    withDataDir(
      program
        .command('resume')
        .description('continue a failed or cancelled pull (only the missing pages are fetched)')
        .argument('<snapshot>', 'id of the failed or cancelled snapshot (see `preflight snapshots list`)'),
    ),
  )
    .option('--concurrency <n>', 'parallel requests (default: the profile setting, else 4)', positiveInt)
    .option('--json', 'print the result as JSON on stdout (progress stays on stderr)')
    .action(async (id: string, opts: ResumeCliOptions) => {
      const services = ctx.services(opts.dataDir);
      const named =
        opts.profile !== undefined || opts.baseUrl !== undefined || opts.clientSecret !== undefined;
      if (!named && services.snapshots.get(id)?.profileId === null) {
        throw usageError(
          'This snapshot was pulled without a saved profile, so the provider must be given again.',
          'Add --base-url URL --client-id ID --client-secret-env VAR (as for the original pull).',
        );
      }
      const progress = progressPrinter(ctx);
      try {
        const result = await runPull(
          services,
          {
            kind: 'resume',
            snapshotId: id,
            // Default: the snapshot's own profile.
            ...(named ? { source: await resolveTarget(opts, services, ctx.env) } : {}),
            ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
          },
          ctx.signal,
          progress,
        );
        progress.end();
        reportPull(ctx, result, opts.json === true);
      } finally {
        progress.end();
      }
    });
}
