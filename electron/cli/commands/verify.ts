import type { Command } from 'commander';
import type { CliContext } from '../context';
import { withDataDir } from '../program';
import { addTargetOptions, resolveTarget } from '../target';
import type { TargetOptions } from '../target';
import { ServiceError } from '../../services/errors';

/**
 * Registration stub only: the verify owner replaces this file. It resolves the target (so --profile and
 * --client-secret-env errors already behave) and then reports that verify is not available yet.
 */
export function register(program: Command, ctx: CliContext): void {
  addTargetOptions(withDataDir(program.command('verify').description('check connectivity to a OneRoster provider'))).action(
    async (opts: TargetOptions & { dataDir?: string }) => {
      await resolveTarget(opts, ctx.services(opts.dataDir), ctx.env);
      throw new ServiceError('not_implemented', 'verify is not available in this build yet.', 'Use the desktop app to verify.');
    },
  );
}
