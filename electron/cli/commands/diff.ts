import type { Command } from 'commander';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import { diffSnapshots } from '../../services/diff/diff';
import { ServiceError } from '../../../shared/errors';
import type { CliContext } from '../context';
import { formatTable } from '../format';
import { withDataDir } from '../program';

const nf = new Intl.NumberFormat('en-US');

/** `preflight diff A B`: what changed from snapshot A to snapshot B (what tonight's sync would do). */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program
      .command('diff')
      .description('compare two snapshots: added, removed and changed records per collection')
      .argument('<from>', 'the older snapshot id')
      .argument('<to>', 'the newer snapshot id'),
  )
    .option('--json', 'machine-readable output')
    .action((from: string, to: string, opts: { dataDir?: string; json?: boolean }) => {
      const store = ctx.services(opts.dataDir).snapshots;
      for (const id of [from, to]) {
        if (store.get(id) === null) {
          throw new ServiceError(
            'snapshot_not_found',
            `There is no snapshot ${id}.`,
            'List snapshots with `preflight snapshots list`.',
          );
        }
      }
      const diff = diffSnapshots(store, from, to);
      if (opts.json) return ctx.out(JSON.stringify(diff, null, 2));
      ctx.out(`Changes from ${diff.from} to ${diff.to}:`);
      ctx.out(
        formatTable(
          ['collection', 'added', 'removed', 'changed', 'unchanged'],
          SNAPSHOT_COLLECTIONS.map((c) => {
            const x = diff.collections[c];
            return [
              c,
              nf.format(x.added),
              nf.format(x.removed),
              nf.format(x.changed),
              nf.format(x.unchanged),
            ];
          }),
        ),
      );
    });
}
