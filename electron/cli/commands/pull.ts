import type { Command } from 'commander';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import { SnapshotResult } from '../../../shared/snapshots/result';
import { createProgressPrinter, type ProgressPrinter, type PullResult } from '../../services/pull';
import { runPull } from '../../services/pull/pull-session';
import type { CliContext } from '../context';
import { formatTable } from '../format';
import { positiveInt, withDataDir } from '../program';
import { addTargetOptions, resolveTarget, type TargetOptions } from '../provider-options';

export const EXIT_PULL_FAILED = 1;

interface PullCliOptions extends TargetOptions {
  dataDir?: string;
  delta?: boolean;
  concurrency?: number;
  pageSize?: number;
  json?: boolean;
}

/** `preflight pull`: every collection into a new dated snapshot, with progress on stderr. */
export function register(program: Command, ctx: CliContext): void {
  addTargetOptions(
    withDataDir(
      program.command('pull').description('download every OneRoster collection into a new snapshot'),
    ),
  )
    .option('--delta', 'only fetch what changed since the last complete pull (dateLastModified filter)')
    .option('--concurrency <n>', 'parallel requests (default: the profile setting, else 4)', positiveInt)
    .option('--page-size <n>', 'records per request (default: the profile setting, else 1000)', positiveInt)
    .option('--json', 'print the result as JSON on stdout (progress stays on stderr)')
    .action(async (opts: PullCliOptions) => {
      const services = ctx.services(opts.dataDir);
      const source = await resolveTarget(opts, services, ctx.env);
      const progress = progressPrinter(ctx);
      try {
        const result = await runPull(
          services,
          {
            kind: 'pull',
            source,
            delta: opts.delta === true,
            ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
            ...(opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}),
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

/** Progress on stderr: a bar on a terminal, plain lines otherwise (PREFLIGHT_PROGRESS=plain|bar|none overrides). */
export function progressPrinter(ctx: CliContext): ProgressPrinter {
  const mode = ctx.env.PREFLIGHT_PROGRESS;
  const tty = mode === 'bar' || (mode !== 'plain' && process.stderr.isTTY === true);
  const printer = createProgressPrinter({
    write: (t) => ctx.stderr(t),
    isTTY: tty,
    columns: process.stderr.columns ?? 80,
  });
  if (mode !== 'none') return printer;
  const silent = (() => undefined) as unknown as ProgressPrinter;
  silent.end = () => undefined;
  return silent;
}

/** The stable `--json` shape shared with import-csv: { snapshotId, status, counts, issues, error }. */
export function resultJson(result: SnapshotResult): string {
  const { snapshotId, status, counts, issues, error } = result;
  return JSON.stringify(SnapshotResult.parse({ snapshotId, status, counts, issues, error }), null, 2);
}

/** Prints the outcome and sets the exit code: 0 complete, 1 failed or cancelled. */
export function reportPull(ctx: CliContext, result: PullResult, json: boolean): void {
  if (result.status !== 'complete') ctx.setExitCode(EXIT_PULL_FAILED);
  if (json) {
    ctx.out(resultJson(result));
    if (result.status !== 'complete') ctx.err(statusLine(result));
    return;
  }
  ctx.out(countsTable(result));
  const { facts } = result;
  if (facts.delta.requested) {
    ctx.out(
      facts.delta.used
        ? `Delta pull: changes since ${facts.delta.since} on top of snapshot ${facts.delta.parentSnapshotId}.`
        : `Delta pull not possible: ${facts.delta.fallbackReason ?? 'unknown reason'}`,
    );
  }
  if (facts.concurrency.throttled > 0) {
    ctx.out(
      `The provider asked to slow down ${facts.concurrency.throttled} times; concurrency went down to ${facts.concurrency.lowest}.`,
    );
  }
  for (const p of facts.problems) ctx.out(`note: ${p.message}`);
  ctx.out(statusLine(result));
}

function statusLine(result: PullResult): string {
  if (result.status === 'complete') return `Snapshot ${result.snapshotId} complete.`;
  return (
    `Snapshot ${result.snapshotId} ${result.status}: ${result.error ?? ''}\n` +
    `Continue it with: preflight resume ${result.snapshotId}`
  );
}

export function countsTable(result: SnapshotResult): string {
  const rows = SNAPSHOT_COLLECTIONS.map((c) => {
    const i = result.issues.byCollection[c];
    return [c, fmt(result.counts[c]), fmt(i.invalidRecords), fmt(i.duplicates), fmt(i.rejectedRows)];
  });
  return formatTable(['collection', 'records', 'with issues', 'duplicates', 'rejected'], rows);
}

const nf = new Intl.NumberFormat('en-US');
function fmt(n: number): string {
  return nf.format(n);
}
