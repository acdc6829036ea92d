import type { Command } from 'commander';
import { importCsvBundle } from '../../services/csv-import';
import type { CliContext } from '../context';
import { withDataDir } from '../program';
import { countsTable, resultJson } from './pull';

const SHOWN_PROBLEMS = 20;

/** `preflight import-csv PATH`: a OneRoster 1.1 CSV bundle (zip or folder) as a new snapshot. */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program
      .command('import-csv')
      .description('import a OneRoster 1.1 CSV bundle (zip or folder) as a snapshot')
      .argument('<path>', 'the .zip file or the folder holding orgs.csv, users.csv, …'),
  )
    .option('--profile <name>', 'the district profile the snapshot belongs to')
    .option('--json', 'print the result as JSON on stdout (same shape as pull)')
    .action(async (path: string, opts: { dataDir?: string; profile?: string; json?: boolean }) => {
      const services = ctx.services(opts.dataDir);
      const profile = opts.profile !== undefined ? await services.profiles.resolve(opts.profile) : null;
      const result = await importCsvBundle(services.snapshots, path, {
        profileId: profile?.id ?? null,
        ...(profile ? { label: profile.name } : {}),
        signal: ctx.signal,
      });
      if (result.status !== 'complete') ctx.setExitCode(1);
      // Row-level problems go to stderr so `--json` stdout keeps the one shape pull prints.
      for (const p of result.errors.slice(0, SHOWN_PROBLEMS)) {
        const where = [p.file, p.line !== null ? `line ${p.line}` : null, p.column]
          .filter(Boolean)
          .join(', ');
        ctx.err(`${p.severity}: ${where}: ${p.message}`);
      }
      const more = result.errors.length - SHOWN_PROBLEMS + result.moreErrors;
      if (more > 0) ctx.err(`… and ${more} more problems (every rejected row is kept in the snapshot).`);
      if (opts.json) return ctx.out(resultJson(result));
      ctx.out(countsTable(result));
      ctx.out(
        result.status === 'complete'
          ? `Snapshot ${result.snapshotId} complete.`
          : `Snapshot ${result.snapshotId} ${result.status}: ${result.error ?? ''}`,
      );
    });
}
