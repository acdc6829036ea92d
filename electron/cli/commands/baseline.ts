import type { HttpClient } from '../../services/net';
import { Option } from 'commander';
import type { Command } from 'commander';
import { BASELINE_TYPES, type BaselineMeta, type BaselineProblem } from '../../../shared/canvas/baseline';
import { CanvasClient, resolveCanvasTarget } from '../../services/canvas-api';
import { openBaselineStore, type BaselineFetchProgress } from '../../services/canvas-baseline';
import { fetchFromCanvas, importReportFile } from '../../services/canvas-baseline/fetch-job';
import { registerSecret } from '../../services/logging/redact';
import { MIN_SECRET_LENGTH } from '../../services/secrets/vault';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { formatTable } from '../format';
import { withDataDir } from '../program';

interface FetchOptions {
  profile?: string;
  canvasUrl?: string;
  canvasAccountId?: string;
  canvasTokenEnv?: string;
  via: 'api' | 'report';
  dataDir?: string;
  json?: boolean;
}

const SHOWN_PROBLEMS = 20;

/** `preflight baseline fetch|import|list`: what the district's Canvas holds today (the conversion baseline). */
export function register(program: Command, ctx: CliContext): void {
  const baseline = program
    .command('baseline')
    .description("the Canvas baseline: what the district's Canvas holds today");

  withDataDir(
    baseline
      .command('fetch')
      .description('read the Canvas baseline through the API or the provisioning report'),
  )
    .option('--profile <name>', 'a saved profile with Canvas settings (token read from the OS keychain)')
    .option(
      '--canvas-url <url>',
      'Canvas URL, without a saved profile (e.g. https://district.instructure.com)',
    )
    .option('--canvas-account-id <id>', 'root account id (with --canvas-url; default 1)')
    .option(
      '--canvas-token-env <var>',
      'environment variable holding the Canvas access token (with --canvas-url)',
    )
    .addOption(
      new Option('--via <source>', 'report: one provisioning report (fewer requests); api: the read APIs')
        .choices(['api', 'report'])
        .default('report'),
    )
    .option('--json', 'print the baseline as JSON on stdout (progress stays on stderr)')
    .action(async (opts: FetchOptions) => {
      const services = ctx.services(opts.dataDir);
      const target = await fetchTarget(opts, ctx);
      const client = new CanvasClient({
        baseUrl: target.baseUrl,
        token: target.token,
        logger: services.logger.child('canvas'),
        ...(target.http ? { http: target.http } : {}),
      });
      const outcome = await fetchFromCanvas(
        openBaselineStore(services.snapshots),
        { client, rootAccountId: target.rootAccountId, profileId: target.profileId },
        opts.via,
        { signal: ctx.signal, onProgress: progressLines(ctx) },
      );
      report(ctx, outcome.baseline, outcome.problems, opts.json === true, outcome.problemCount);
    });

  withDataDir(
    baseline
      .command('import')
      .description('import a provisioning report zip downloaded from Canvas (Admin → Settings → Reports)')
      .argument('<file>', 'the provisioning report .zip (or a single .csv)'),
  )
    .option('--profile <name>', 'the district profile the baseline belongs to')
    .option('--json', 'print the baseline as JSON on stdout')
    .action(async (file: string, opts: { dataDir?: string; profile?: string; json?: boolean }) => {
      const services = ctx.services(opts.dataDir);
      const profile = opts.profile !== undefined ? await services.profiles.resolve(opts.profile) : null;
      const outcome = await importReportFile(openBaselineStore(services.snapshots), file, profile, {
        signal: ctx.signal,
      });
      report(ctx, outcome.baseline, outcome.problems, opts.json === true, outcome.problemCount);
    });

  withDataDir(baseline.command('list').description('list stored Canvas baselines, newest first'))
    .option('--profile <name>', 'only the baselines of this profile')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { dataDir?: string; profile?: string; json?: boolean }) => {
      const services = ctx.services(opts.dataDir);
      const profile = opts.profile !== undefined ? await services.profiles.resolve(opts.profile) : null;
      const list = openBaselineStore(services.snapshots).list(profile ? { profileId: profile.id } : {});
      if (opts.json) return ctx.out(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return ctx.out('No Canvas baselines yet. Fetch one with `preflight baseline fetch --profile NAME`.');
      ctx.out(
        formatTable(
          ['id', 'source', 'status', 'fetched', 'users', 'enrollments', 'canvas'],
          list.map((b) => [
            b.id,
            b.source,
            b.status === 'failed' ? `failed: ${b.error ?? ''}`.slice(0, 40) : b.status,
            b.fetchedAt.slice(0, 19).replace('T', ' '),
            fmt(b.counts?.users.total ?? 0),
            fmt(b.counts?.enrollments.total ?? 0),
            b.canvasUrl ?? '',
          ]),
        ),
      );
    });
}

interface FetchTarget {
  baseUrl: string;
  rootAccountId: string;
  token: string;
  profileId: string | null;
  /** The profile's HTTP client (proxy, trusted CAs); absent = the process's. */
  http?: HttpClient;
}

async function fetchTarget(opts: FetchOptions, ctx: CliContext): Promise<FetchTarget> {
  const adHoc = (['canvasUrl', 'canvasAccountId', 'canvasTokenEnv'] as const).filter(
    (k) => opts[k] !== undefined,
  );
  if (opts.profile !== undefined) {
    if (adHoc.length > 0) {
      throw usageError(
        '--profile cannot be combined with --canvas-url, --canvas-account-id or --canvas-token-env.',
        'Use either --profile NAME, or --canvas-url URL --canvas-token-env VAR [--canvas-account-id ID].',
      );
    }
    const t = await resolveCanvasTarget(ctx.services(opts.dataDir), opts.profile);
    return {
      baseUrl: t.baseUrl,
      rootAccountId: t.rootAccountId,
      token: t.token,
      profileId: t.profile.id,
      http: t.http,
    };
  }
  if (!opts.canvasUrl || !opts.canvasTokenEnv) {
    throw usageError(
      'Say which Canvas to read.',
      'Pass --profile NAME (a profile with Canvas settings), or --canvas-url URL --canvas-token-env VAR.',
    );
  }
  const token = ctx.env[opts.canvasTokenEnv]?.trim() ?? '';
  if (token.length < MIN_SECRET_LENGTH) {
    throw usageError(
      `The environment variable ${opts.canvasTokenEnv} is not set, or too short to be a Canvas token.`,
      `Export the token first, e.g. read -rs ${opts.canvasTokenEnv} && export ${opts.canvasTokenEnv}`,
    );
  }
  registerSecret(token);
  const account = opts.canvasAccountId ?? '1';
  if (!/^(\d+|self)$/.test(account)) {
    throw usageError(
      '--canvas-account-id must be digits (usually 1) or "self".',
      'Pass the root account id.',
    );
  }
  return { baseUrl: opts.canvasUrl, rootAccountId: account, token, profileId: null };
}

/** Plain progress lines on stderr: the first event of each phase, then at most one per second. */
function progressLines(ctx: CliContext): (p: BaselineFetchProgress) => void {
  if (ctx.env.PREFLIGHT_PROGRESS === 'none') return () => undefined;
  let phase = '';
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 1000) return;
    phase = p.phase;
    last = now;
    const parts = [`${p.phase}:`];
    if (p.percent !== undefined) parts.push(`Canvas is building the report (${p.percent}%)`);
    else if (p.bytes !== undefined) parts.push(`${fmt(Math.round(p.bytes / 1024))} KB downloaded`);
    else {
      parts.push(`${fmt(p.rows)} ${p.phase === 'users' ? 'users read' : 'rows'}`);
      if (p.pages > 0) parts.push(`(${fmt(p.pages)} pages)`);
      if (p.total !== undefined) parts.push(`— course ${fmt(p.done ?? 0)} of ${fmt(p.total)}`);
    }
    ctx.err(parts.join(' '));
  };
}

function report(
  ctx: CliContext,
  meta: BaselineMeta,
  problems: BaselineProblem[],
  json: boolean,
  problemCount = problems.length,
): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS))
    ctx.err(`warning: ${p.file}${p.line ? `, line ${p.line}` : ''}: ${p.message}`);
  if (problemCount > SHOWN_PROBLEMS) ctx.err(`… and ${problemCount - SHOWN_PROBLEMS} more problems.`);
  if (meta.status !== 'complete') ctx.setExitCode(1);
  if (json) {
    const { id, profileId, source, status, fetchedAt, finishedAt, canvasUrl, rootAccountId, counts, error } =
      meta;
    ctx.out(
      JSON.stringify(
        {
          id,
          profileId,
          source,
          status,
          fetchedAt,
          finishedAt,
          canvasUrl,
          rootAccountId,
          counts,
          error,
          problemCount,
        },
        null,
        2,
      ),
    );
    return;
  }
  if (meta.counts) {
    ctx.out(
      formatTable(
        ['type', 'rows', 'by status'],
        BASELINE_TYPES.map((t) => [
          t,
          fmt(meta.counts![t].total),
          Object.entries(meta.counts![t].byStatus)
            .map(([s, n]) => `${s} ${fmt(n)}`)
            .join(', '),
        ]),
      ),
    );
    ctx.out(`Crosslisted sections: ${fmt(meta.counts.crosslisted)}`);
  }
  ctx.out(`Canvas baseline ${meta.id} ${meta.status} (${meta.source}).`);
}

const nf = new Intl.NumberFormat('en-US');
function fmt(n: number): string {
  return nf.format(n);
}
