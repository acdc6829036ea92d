import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { ImportMode, ImportModeKind } from '../../../shared/sync/import-mode';
import type { SyncProgress } from '../../../shared/sync/types';
import { CanvasClient, resolveCanvasTarget } from '../../services/canvas-api';
import { locateRow } from '../../services/canvas-csv';
import type { Services } from '../../services/container';
import { ServiceError } from '../../../shared/errors';
import { registerSecret } from '../../services/logging/redact';
import { networkFor, type HttpClient } from '../../services/net';
import { refusalsToSend, resumeSync, sendSync, SyncHistoryStore } from '../../services/sync';
import type { SyncOutcome } from '../../services/sync';
import { prepareFromStores, type GatherRequest } from '../../services/sync/gather';
import type { CliContext } from '../context';
import { EXIT_FINDINGS, EXIT_MISSED, EXIT_OK, usageError } from '../errors';
import { positiveInt, withDataDir } from '../program';
import {
  checklistText,
  predictionCheckText,
  refusalText,
  resultText,
  simulationText,
  skipsText,
} from './sync-format';

interface SyncOptions {
  dataDir?: string;
  profile?: string;
  canvasUrl?: string;
  canvasAccountId?: string;
  canvasTokenEnv?: string;
  snapshot?: string;
  mode: ImportModeKind;
  term?: string;
  dataSet?: string;
  dropStatus: ImportMode['dropStatus'];
  threshold?: number;
  overrideStickiness?: boolean;
  canvasBaseline?: string;
  yes?: boolean;
  allowPendingRemaps?: boolean;
  resume?: boolean;
  json?: boolean;
  pollMs?: number;
}

/**
 * `preflight sync`: the one-off SIS import (docs/architecture.md "Data flow"). Without --yes it prints what the import would do and
 * stops; with --yes (the command-line form of typing the district name) it checks the guard rails, sends the
 * zip, waits for Canvas and exits 0 only if the import ended imported or imported_with_messages.
 */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program.command('sync').description('send the plan to Canvas as a SIS import (simulates unless --yes)'),
  )
    .option('--profile <name>', 'district profile: its snapshot, settings and Canvas URL/token (keychain)')
    .option(
      '--canvas-url <url>',
      "Canvas URL (overrides the profile's; e.g. https://district.instructure.com)",
    )
    .option('--canvas-account-id <id>', 'Canvas root account id (with --canvas-url; default 1)')
    .option('--canvas-token-env <var>', 'environment variable holding the Canvas token (with --canvas-url)')
    .option('--snapshot <id>', 'snapshot id, or "latest"', 'latest')
    .addOption(new Option('--mode <mode>', 'import mode').choices(ImportModeKind.options).default('standard'))
    .option('--term <sis_id>', 'batch mode: the SIS term the batch replaces')
    .option('--data-set <id>', 'diffing mode: the data set identifier')
    .addOption(
      new Option('--drop-status <status>', 'batch/diffing: what a missing enrollment becomes')
        .choices(['deleted', 'completed', 'inactive'])
        .default('deleted'),
    )
    .option('--threshold <percent>', 'Canvas change_threshold (1-100)', positiveInt)
    .option('--override-stickiness', 'let the import overwrite fields changed in the Canvas UI')
    .option('--canvas-baseline <file|id|latest>', 'Canvas baseline for the simulation and change_sis_id rows')
    .option('--yes', 'confirm: send the import and wait for Canvas')
    .option(
      '--allow-pending-remaps',
      'send although remap proposals are undecided or ambiguous matches unacknowledged (their rows are skipped)',
    )
    .option('--resume', 'follow the last sync that was sent but not seen to the end')
    .option('--json', 'print the simulation (and the result) as JSON')
    .addOption(new Option('--poll-ms <ms>').argParser(positiveInt).hideHelp())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight sync --profile "Springfield USD"                 # simulate only\n' +
        '  preflight sync --profile "Springfield USD" --mode batch --term FALL-2026 --threshold 10 --yes\n' +
        '  preflight sync --canvas-url https://x.instructure.com --canvas-token-env CANVAS_TOKEN --yes\n' +
        '  preflight sync --profile "Springfield USD" --canvas-url https://x.instructure.com --canvas-token-env CANVAS_TOKEN --yes\n' +
        '\nExit codes: 0 simulated, or imported exactly as predicted; 1 refused, failed or aborted; 2 usage or connection error;\n' +
        '  3 imported, but Canvas did something the preview did not predict (missed predictions are listed).',
    )
    .action(async (opts: SyncOptions) => runSyncCommand(ctx, opts));
}

interface Canvas {
  client: CanvasClient;
  rootAccountId: string;
  historyId: string;
  districtName: string | null;
}

/** The token from --canvas-token-env (automation keeps tokens in environment variables). */
function envToken(ctx: CliContext, opts: SyncOptions): string {
  const env = opts.canvasTokenEnv;
  const token = env ? ctx.env[env]?.trim() : undefined;
  if (!env || !token)
    throw usageError(
      env
        ? `The environment variable ${env} is empty or not set.`
        : '--canvas-url needs --canvas-token-env VAR.',
      'Put the Canvas token in an environment variable and pass its NAME: --canvas-token-env CANVAS_TOKEN',
    );
  registerSecret(token);
  return token;
}

async function canvasTarget(ctx: CliContext, services: Services, opts: SyncOptions): Promise<Canvas> {
  // A saved profile's network (proxy override, CA file) applies to its Canvas too; ad hoc: the process's.
  const client = (baseUrl: string, token: string, http?: HttpClient) =>
    new CanvasClient({ baseUrl, token, ...(http ? { http } : {}), logger: services.logger.child('canvas') });
  if (opts.profile === undefined) {
    if (opts.canvasUrl === undefined)
      throw usageError(
        'Name the Canvas to sync to.',
        'Pass --profile NAME, or --canvas-url URL --canvas-token-env VAR.',
      );
    const account = opts.canvasAccountId ?? '1';
    const key = createHash('sha256').update(`${opts.canvasUrl}\u0000${account}`).digest('hex').slice(0, 16);
    return {
      client: client(opts.canvasUrl, envToken(ctx, opts)),
      rootAccountId: account,
      historyId: `adhoc-${key}`,
      districtName: null,
    };
  }
  // A profile with --canvas-* flags: the profile's snapshot, settings and history, sent to the given Canvas.
  if (opts.canvasUrl !== undefined || opts.canvasTokenEnv !== undefined) {
    const profile = await services.profiles.resolve(opts.profile);
    const baseUrl = opts.canvasUrl ?? profile.canvas?.baseUrl;
    if (!baseUrl)
      throw usageError(
        `"${profile.name}" has no Canvas URL.`,
        'Pass --canvas-url URL, or save it with `preflight profiles canvas`.',
      );
    return {
      client: client(baseUrl, envToken(ctx, opts), networkFor(profile.network, { demo: profile.demo })),
      rootAccountId: opts.canvasAccountId ?? profile.canvas?.rootAccountId ?? '1',
      historyId: profile.id,
      districtName: profile.name,
    };
  }
  const t = await resolveCanvasTarget(services, opts.profile);
  return {
    client: client(t.baseUrl, t.token, t.http),
    rootAccountId: t.rootAccountId,
    historyId: t.profile.id,
    districtName: t.profile.name,
  };
}

function importModeOf(opts: SyncOptions): ImportMode {
  if (opts.mode === 'batch' && !opts.term)
    throw usageError(
      '--mode batch needs --term SIS_ID.',
      'Name the SIS term whose courses, sections and enrollments the batch replaces.',
    );
  if (opts.mode === 'diffing' && !opts.dataSet)
    throw usageError(
      '--mode diffing needs --data-set ID.',
      'Use a stable identifier, e.g. --data-set "oneroster:all-data".',
    );
  return ImportMode.parse({
    mode: opts.mode,
    termId: opts.term ?? '',
    dataSetId: opts.dataSet ?? '',
    dropStatus: opts.dropStatus,
    changeThreshold: opts.threshold ?? null,
    overrideStickiness: opts.overrideStickiness === true,
  });
}

async function runSyncCommand(ctx: CliContext, opts: SyncOptions): Promise<void> {
  const services = ctx.services(opts.dataDir);
  const importMode = importModeOf(opts);
  const canvas = await canvasTarget(ctx, services, opts);
  const history = new SyncHistoryStore(services.dataDir);
  const progress = (p: SyncProgress) => {
    if (!opts.json)
      ctx.err(
        `${p.phase} ${p.workflowState} ${p.progress}%${p.retrying ? ` (retrying: ${p.retrying})` : ''}`,
      );
  };
  const poll = opts.pollMs !== undefined ? { intervalMs: opts.pollMs, maxIntervalMs: opts.pollMs * 4 } : {};

  if (opts.resume) {
    const { files } = (await prepareFromStores(services, gatherRequest(opts, importMode, ctx.signal)))
      .prepared;
    const outcome = await resumeSync({
      client: canvas.client,
      rootAccountId: canvas.rootAccountId,
      profileId: canvas.historyId,
      history,
      signal: ctx.signal,
      onProgress: progress,
      locate: (file: string, row: number) => locateRow(files, file, row),
      poll,
    });
    return finish(ctx, opts, null, outcome);
  }

  const gathered = await prepareFromStores(services, gatherRequest(opts, importMode, ctx.signal));
  const { prepared } = gathered;
  const sim = prepared.simulation;
  const districtName = canvas.districtName ?? gathered.rootName;
  const refusals = refusalsToSend(prepared, {
    districtName,
    confirmText: districtName, // --yes is the command line's confirmation
    running: await history.busy(canvas.historyId),
  });
  const preview = {
    simulation: sim,
    checks: prepared.checks,
    prediction: prepared.prediction,
    refusals,
  };
  if (!opts.yes || refusals.length > 0) {
    if (opts.json) ctx.out(JSON.stringify({ ...preview, sent: false }, null, 2));
    else {
      ctx.out(
        [
          skipsText(prepared.prediction),
          simulationText(sim),
          checklistText(prepared.checks),
          ...(refusals.length ? [refusalText(refusals)] : []),
          opts.yes ? 'Nothing was sent.' : 'Nothing was sent. Add --yes to send this import to Canvas.',
        ].join('\n'),
      );
    }
    ctx.setExitCode(opts.yes ? EXIT_FINDINGS : EXIT_OK);
    return;
  }
  // Forced skips come first, so nobody sends them without having seen them.
  if (!opts.json)
    ctx.out([skipsText(prepared.prediction), simulationText(sim), checklistText(prepared.checks)].join('\n'));
  const outcome = await sendSync(prepared, {
    client: canvas.client,
    rootAccountId: canvas.rootAccountId,
    profileId: canvas.historyId,
    history,
    outDir: join(tmpdir(), 'preflight-sync'),
    signal: ctx.signal,
    onProgress: progress,
    poll,
  });
  finish(ctx, opts, preview, outcome);
}

function gatherRequest(opts: SyncOptions, importMode: ImportMode, signal: AbortSignal): GatherRequest {
  return {
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
    ...(opts.canvasBaseline !== undefined ? { canvasBaseline: opts.canvasBaseline } : {}),
    importMode,
    allowPendingRemaps: opts.allowPendingRemaps === true,
    signal,
  };
}

function finish(
  ctx: CliContext,
  opts: SyncOptions,
  preview: Record<string, unknown> | null,
  outcome: SyncOutcome,
): void {
  const { result } = outcome;
  const check = outcome.entry.predictionCheck;
  if (opts.json)
    ctx.out(
      JSON.stringify(
        {
          ...(preview ?? { simulation: null }),
          sent: true,
          historyId: outcome.entry.id,
          result,
          ...(check ? { predicted: check.predicted, actual: check.actual, missed: check.missed } : {}),
        },
        null,
        2,
      ),
    );
  else {
    ctx.out(resultText(result));
    if (check) ctx.out(predictionCheckText(check));
  }
  ctx.setExitCode(!result.ok ? EXIT_FINDINGS : check && check.missed.length > 0 ? EXIT_MISSED : EXIT_OK);
  if (!result.ok && !opts.json) {
    ctx.err(
      new ServiceError(
        'sync_not_imported',
        `The import ended ${result.workflowState}.`,
        'Read the errors above (and the error file), fix them, and sync again.',
      ).message,
    );
  }
}
