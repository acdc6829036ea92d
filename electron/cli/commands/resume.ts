import type { Command } from 'commander';
import { resolveOneRosterTarget, type OneRosterTarget, type Services } from '../../services/container';
import { ServiceError } from '../../../shared/errors';
import { createPullClient, resumePull } from '../../services/pull';
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
      const store = services.snapshots;
      const meta = store.get(id);
      if (meta === null) {
        throw new ServiceError(
          'snapshot_not_found',
          `There is no snapshot ${id}.`,
          'List snapshots with `preflight snapshots list`.',
        );
      }
      const target = await targetFor(opts, services, ctx, meta.profileId);
      const settings = target.profile.oneroster;
      const concurrency = opts.concurrency ?? settings.concurrency;
      const progress = progressPrinter(ctx);
      try {
        const result = await resumePull(id, {
          store,
          client: createPullClient({ ...target, timeoutMs: settings.timeoutMs }, { concurrency }),
          concurrency,
          signal: ctx.signal,
          onProgress: progress,
          baseUrl: target.baseUrl,
          authKind: target.auth.kind,
        });
        progress.end();
        reportPull(ctx, result, opts.json === true);
      } finally {
        progress.end();
      }
    });
}

/** The snapshot's own profile unless the command line names a provider (needed for ad-hoc pulls). */
async function targetFor(
  opts: TargetOptions,
  services: Services,
  ctx: CliContext,
  profileId: string | null,
): Promise<OneRosterTarget> {
  const named = opts.profile !== undefined || opts.baseUrl !== undefined || opts.clientSecret !== undefined;
  if (named || profileId === null) {
    if (!named) {
      throw usageError(
        'This snapshot was pulled without a saved profile, so the provider must be given again.',
        'Add --base-url URL --client-id ID --client-secret-env VAR (as for the original pull).',
      );
    }
    return resolveTarget(opts, services, ctx.env);
  }
  return resolveOneRosterTarget(services, profileId);
}
