import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ThresholdSimulation } from '../../../shared/conversion/types';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import type { Finding } from '../../../shared/rules/finding';
import { ImportMode, ImportModeKind } from '../../../shared/sync/import-mode';
import { CanvasClient, resolveCanvasTarget } from '../../services/canvas-api';
import { locateRow, planToCsvFiles, writeCanvasZip, type ChangeSisIdRow } from '../../services/canvas-csv';
import type { Services } from '../../services/container';
import { acceptedChangeSisIdRows } from '../../services/conversion/change-sis-id';
import { conversionFor, mergeConversion, resolveBaseline } from '../../services/conversion/target';
import { isCodedError, ServiceError } from '../../services/errors';
import { evaluateSnapshot, resolveEvaluationTarget } from '../../services/evaluate';
import { registerSecret } from '../../services/logging/redact';
import { checkSyncAllowed, resumeSync, runSync, simulateSync, SyncHistoryStore } from '../../services/sync';
import type { SyncOutcome } from '../../services/sync';
import type { CliContext } from '../context';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors';
import { positiveInt, withDataDir } from '../program';
import { refusalText, resultText, simulationText } from './sync-format';

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
  resume?: boolean;
  json?: boolean;
  pollMs?: number;
}

/**
 * `preflight sync`: the one-off SIS import (journeys.md 8). Without --yes it prints what the import would do and
 * stops; with --yes (the command-line form of typing the district name) it checks the guard rails, sends the
 * zip, waits for Canvas and exits 0 only if the import ended imported or imported_with_messages.
 */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program.command('sync').description('send the plan to Canvas as a SIS import (simulates unless --yes)'),
  )
    .option('--profile <name>', 'district profile: its snapshot, settings and Canvas URL/token (keychain)')
    .option('--canvas-url <url>', 'Canvas URL, without a profile (e.g. https://district.instructure.com)')
    .option('--canvas-account-id <id>', 'Canvas root account id (with --canvas-url)', '1')
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
    .option('--resume', 'follow the last sync that was sent but not seen to the end')
    .option('--json', 'print the simulation (and the result) as JSON')
    .addOption(new Option('--poll-ms <ms>').argParser(positiveInt).hideHelp())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight sync --profile "Springfield USD"                 # simulate only\n' +
        '  preflight sync --profile "Springfield USD" --mode batch --term FALL-2026 --threshold 10 --yes\n' +
        '  preflight sync --canvas-url https://x.instructure.com --canvas-token-env CANVAS_TOKEN --yes\n' +
        '\nExit codes: 0 simulated, or imported (with or without messages); 1 refused, failed or aborted; 2 usage or connection error.',
    )
    .action(async (opts: SyncOptions) => runSyncCommand(ctx, opts));
}

interface Canvas {
  client: CanvasClient;
  rootAccountId: string;
  historyId: string;
  districtName: string | null;
}

async function canvasTarget(ctx: CliContext, services: Services, opts: SyncOptions): Promise<Canvas> {
  if (opts.canvasUrl !== undefined) {
    if (opts.profile !== undefined)
      throw new UsageError(
        '--profile and --canvas-url cannot be combined.',
        'Use a saved profile or the --canvas-* flags.',
      );
    const env = opts.canvasTokenEnv;
    const token = env ? ctx.env[env]?.trim() : undefined;
    if (!env || !token)
      throw new UsageError(
        env
          ? `The environment variable ${env} is empty or not set.`
          : '--canvas-url needs --canvas-token-env VAR.',
        'Put the Canvas token in an environment variable and pass its NAME: --canvas-token-env CANVAS_TOKEN',
      );
    registerSecret(token);
    const account = opts.canvasAccountId ?? '1';
    const key = createHash('sha256').update(`${opts.canvasUrl}\u0000${account}`).digest('hex').slice(0, 16);
    return {
      client: new CanvasClient({ baseUrl: opts.canvasUrl, token, logger: services.logger.child('canvas') }),
      rootAccountId: account,
      historyId: `adhoc-${key}`,
      districtName: null,
    };
  }
  if (opts.profile === undefined)
    throw new UsageError(
      'Name the Canvas to sync to.',
      'Pass --profile NAME, or --canvas-url URL --canvas-token-env VAR.',
    );
  const t = await resolveCanvasTarget(services, opts.profile);
  return {
    client: new CanvasClient({ baseUrl: t.baseUrl, token: t.token, logger: services.logger.child('canvas') }),
    rootAccountId: t.rootAccountId,
    historyId: t.profile.id,
    districtName: t.profile.name,
  };
}

function importModeOf(opts: SyncOptions): ImportMode {
  if (opts.mode === 'batch' && !opts.term)
    throw new UsageError(
      '--mode batch needs --term SIS_ID.',
      'Name the SIS term whose courses, sections and enrollments the batch replaces.',
    );
  if (opts.mode === 'diffing' && !opts.dataSet)
    throw new UsageError(
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
  const target = await resolveEvaluationTarget(services, {
    ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
  });
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId: target.snapshotId,
    options: target.options,
    settings: target.settings,
  });
  const plan = evaluation.canvasPlan;
  let summary: EvaluationSummary = evaluation.summary;
  let findings: Finding[] = evaluation.findings;
  let simulation: ThresholdSimulation | null = null;
  let remaps: ChangeSisIdRow[] = [];
  const baselineSpec = opts.canvasBaseline ?? 'latest';
  try {
    const baseline = await resolveBaseline(services, baselineSpec, target.settingsProfileId, ctx.signal);
    const conversion = conversionFor(services, evaluation, {
      baselineId: baseline.baselineId,
      snapshotId: target.snapshotId,
      profileId: target.settingsProfileId,
      importMode,
    });
    ({ summary, findings } = mergeConversion(evaluation, conversion, target.settings));
    simulation = conversion.summary.simulation;
    remaps = acceptedChangeSisIdRows(conversion);
  } catch (e) {
    // No baseline is fine unless one was asked for: the simulation then counts the plan only.
    if (opts.canvasBaseline !== undefined || !isCodedError(e) || e.code !== 'no_baseline') throw e;
  }
  const files = planToCsvFiles(plan, { changeSisIdRows: remaps });
  const locate = (file: string, row: number) => locateRow(files, file, row);
  const history = new SyncHistoryStore(services.dataDir);
  const progress = (p: {
    phase: string;
    workflowState: string;
    progress: number;
    retrying: string | null;
  }) => {
    if (!opts.json)
      ctx.err(
        `${p.phase} ${p.workflowState} ${p.progress}%${p.retrying ? ` (retrying: ${p.retrying})` : ''}`,
      );
  };
  const poll = opts.pollMs !== undefined ? { intervalMs: opts.pollMs, maxIntervalMs: opts.pollMs * 4 } : {};
  const common = {
    client: canvas.client,
    rootAccountId: canvas.rootAccountId,
    profileId: canvas.historyId,
    history,
    signal: ctx.signal,
    onProgress: progress,
    locate,
    poll,
  };

  if (opts.resume) return finish(ctx, opts, null, await resumeSync(common));

  const sim = simulateSync({ plan, importMode, simulation });
  const districtName = canvas.districtName ?? plan.notes.rootName;
  const refusals = checkSyncAllowed({
    summary,
    findings,
    districtName,
    confirmText: districtName, // --yes is the command line's confirmation
    running: await history.busy(canvas.historyId),
  });
  if (!opts.yes) {
    if (opts.json) ctx.out(JSON.stringify({ simulation: sim, refusals, sent: false }, null, 2));
    else {
      ctx.out(simulationText(sim));
      if (refusals.length) ctx.out(refusalText(refusals));
      ctx.out('Nothing was sent. Add --yes to send this import to Canvas.');
    }
    ctx.setExitCode(EXIT_OK);
    return;
  }
  if (refusals.length > 0) {
    if (opts.json) ctx.out(JSON.stringify({ simulation: sim, refusals, sent: false }, null, 2));
    else ctx.out(`${simulationText(sim)}\n${refusalText(refusals)}\nNothing was sent.`);
    ctx.setExitCode(EXIT_FINDINGS);
    return;
  }
  if (!opts.json) ctx.out(simulationText(sim));
  const zipPath = join(services.dataDir, 'sync', canvas.historyId, `sis_import-${Date.now()}.zip`);
  const written = await writeCanvasZip(plan, { changeSisIdRows: remaps }, zipPath);
  const outcome = await runSync({
    ...common,
    zipPath,
    importMode,
    meta: {
      snapshotId: target.snapshotId,
      zipBytes: written.bytes,
      files: written.files,
      changeSisIdRows: remaps.length,
    },
  });
  finish(ctx, opts, sim, outcome);
}

function finish(ctx: CliContext, opts: SyncOptions, simulation: unknown, outcome: SyncOutcome): void {
  const { result } = outcome;
  if (opts.json)
    ctx.out(JSON.stringify({ simulation, sent: true, historyId: outcome.entry.id, result }, null, 2));
  else ctx.out(resultText(result));
  ctx.setExitCode(result.ok ? EXIT_OK : EXIT_FINDINGS);
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
