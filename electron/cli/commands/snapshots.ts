import type { Command } from 'commander';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { SnapshotListItem, SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { ServiceError } from '../../../shared/errors';
import type { SnapshotStore } from '../../services/snapshots/store';
import type { CliContext } from '../context';
import { formatTable } from '../format';
import { withDataDir } from '../program';

const nf = new Intl.NumberFormat('en-US');

/** `preflight snapshots list|show ID|delete ID`. */
export function register(program: Command, ctx: CliContext): void {
  const snapshots = program.command('snapshots').description('pulled and imported snapshots');

  withDataDir(snapshots.command('list').description('list snapshots, newest first'))
    .option('--profile <name>', "only this profile's snapshots")
    .option('--json', 'machine-readable output')
    .action(async (opts: { dataDir?: string; profile?: string; json?: boolean }) => {
      const services = ctx.services(opts.dataDir);
      const profileId =
        opts.profile !== undefined ? (await services.profiles.resolve(opts.profile)).id : undefined;
      const list = services.snapshots.list(profileId !== undefined ? { profileId } : {});
      if (opts.json) return ctx.out(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return ctx.out('No snapshots yet. Pull one with `preflight pull --profile NAME`.');
      ctx.out(
        formatTable(
          ['id', 'status', 'source', 'label', 'started', 'users', 'enrollments'],
          list.map(listRow),
        ),
      );
    });

  withDataDir(
    snapshots.command('show').description('details of one snapshot').argument('<id>', 'snapshot id'),
  )
    .option('--json', 'machine-readable output')
    .action((id: string, opts: { dataDir?: string; json?: boolean }) => {
      const meta = mustGet(ctx.services(opts.dataDir).snapshots, id);
      if (opts.json) return ctx.out(JSON.stringify(meta, null, 2));
      ctx.out(describe(meta));
    });

  withDataDir(
    snapshots
      .command('delete')
      .description('delete a snapshot and all its records')
      .argument('<id>', 'snapshot id'),
  )
    .option('--json', 'machine-readable output')
    .action((id: string, opts: { dataDir?: string; json?: boolean }) => {
      const store = ctx.services(opts.dataDir).snapshots;
      mustGet(store, id);
      const deleted = store.delete(id);
      if (opts.json) return ctx.out(JSON.stringify({ snapshotId: id, deleted }));
      ctx.out(`Deleted snapshot ${id}.`);
    });
}

function mustGet(store: SnapshotStore, id: string): SnapshotMeta {
  const meta = store.get(id);
  if (meta === null) {
    throw new ServiceError(
      'snapshot_not_found',
      `There is no snapshot ${id}.`,
      'List snapshots with `preflight snapshots list`.',
    );
  }
  return meta;
}

function listRow(s: SnapshotListItem): string[] {
  return [
    s.id,
    s.status,
    s.source,
    s.label || '-',
    s.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    s.counts ? nf.format(s.counts.users) : '-',
    s.counts ? nf.format(s.counts.enrollments) : '-',
  ];
}

function describe(meta: SnapshotMeta): string {
  const lines = [
    `Snapshot ${meta.id} (${meta.status}, ${meta.source})`,
    `  label:    ${meta.label || '-'}`,
    `  started:  ${meta.startedAt}`,
    `  finished: ${meta.finishedAt ?? '-'}`,
  ];
  if (meta.baseUrl) lines.push(`  source:   ${meta.baseUrl}`);
  if (meta.parentSnapshotId)
    lines.push(`  delta of: ${meta.parentSnapshotId} (changes since ${meta.deltaSince ?? '?'})`);
  if (meta.error) lines.push(`  error:    ${meta.error}`);
  if (meta.counts && meta.issueCounts) {
    const issues = meta.issueCounts;
    lines.push(
      '',
      formatTable(
        ['collection', 'records', 'with issues', 'duplicates', 'rejected'],
        SNAPSHOT_COLLECTIONS.map((c) => [
          c,
          nf.format(meta.counts![c]),
          nf.format(issues.byCollection[c].invalidRecords),
          nf.format(issues.byCollection[c].duplicates),
          nf.format(issues.byCollection[c].rejectedRows),
        ]),
      ),
    );
  }
  const pull = meta.providerFacts.pull as { problems?: Array<{ message: string }> } | undefined;
  for (const p of pull?.problems ?? []) lines.push(`note: ${p.message}`);
  if (meta.status === 'failed' || meta.status === 'cancelled') {
    if (meta.source === 'api') lines.push(`Continue it with: preflight resume ${meta.id}`);
  }
  return lines.join('\n');
}
