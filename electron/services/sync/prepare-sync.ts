import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversionResult, SimulationRow } from '../../../shared/conversion/types';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import type { RuleSettings } from '../../../shared/mapping/options';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import type {
  AcknowledgedBlocker,
  GuardRailCheck,
  PredictedSkip,
  SyncPrediction,
} from '../../../shared/sync/guard-rails';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncRefusal, SyncSimulation } from '../../../shared/sync/types';
import type { CanvasClient } from '../canvas-api';
import {
  locateRow,
  planToCsvFiles,
  writeCanvasZip,
  type CanvasCsvFile,
  type ChangeSisIdRow,
  type WrittenZip,
} from '../canvas-csv';
import { acceptedChangeSisIdRows } from '../conversion/change-sis-id';
import { withRows } from '../conversion/simulate';
import { predictionFor, rowsPerFile, type FileRows } from './compare';
import { checkSyncAllowed } from './guard';
import { guardRails } from './guard-rails';
import type { SyncHistoryStore } from './history';
import { readCanvasMessages, type ReadCanvasMessages } from './read-messages';
import { importParams } from './params';
import { runSync, type PollOptions, type SyncOutcome } from './run';
import { simulateSync } from './simulate';
import type { SyncProgress } from '../../../shared/sync/types';

/**
 * The one sync workflow, shared by the app (IPC sync:* handlers) and `preflight sync`: from the district's
 * evaluated snapshot, conversion and decisions to the guard-rail checklist, the preview (simulation + the
 * predicted Canvas counts and skips), the zip, the import and the comparison with what Canvas did. Adapters only
 * gather the ingredients (each from its own caches) and present the outcome.
 */

/** A row-level prediction of Canvas's importer for the exact files and parameters (structurally H1's model). */
export interface PredictorOutput {
  refusal: { message: string; hint?: string } | null;
  abort?: { message: string } | null;
  counts: Record<string, number>;
  rows: ReadonlyArray<{
    file: string;
    row: number;
    entityType?: string | null;
    oneRosterSourcedId?: string | null;
    outcome: string;
    message?: string | null;
    orderDependent?: boolean;
  }>;
  simulationRows?: SimulationRow[];
}
export type Predictor = (files: readonly CanvasCsvFile[], params: Record<string, string>) => PredictorOutput;

export interface SyncIngredients {
  plan: Plan;
  snapshotId: string;
  snapshotAt: string | null;
  /** null: the snapshot is not evaluated. */
  summary: Pick<EvaluationSummary, 'failedModules'> | null;
  /** Every finding BEFORE the district's rule settings (catalogue severities), conversion findings included. */
  rawFindings: readonly Finding[];
  rules: Pick<RuleSettings, 'acknowledgements' | 'muted' | 'severityOverrides'>;
  /** The conversion under the import mode being sent; null without a Canvas baseline. */
  conversion: Pick<ConversionResult, 'proposals' | 'summary'> | null;
  baselineAt: string | null;
  /** SIS term ids Canvas holds today (from the baseline); null without one. */
  canvasTermIds: ReadonlySet<string> | null;
  verify: { ok: boolean; finishedAt: string } | null;
  /** The snapshot is a delta feed (isPartialFeed). */
  partialFeed?: boolean;
  importMode: ImportMode;
  allowPendingRemaps: boolean;
  /** The row-level predictor bound to the baseline; null = every row is expected to import. */
  predict: Predictor | null;
  /**
   * The predictor's output for exactly these files and parameters, computed elsewhere (the app: the conversion
   * thread, which already predicted them for the conversion); used instead of `predict` when given.
   */
  predicted?: PredictorOutput | null;
  /** The district's IANA zone for the term and enrollment dates (Profile.timeZone); null = this machine's. */
  timeZone?: string | null;
  /**
   * Writes the zip of exactly these files at a path, elsewhere (the app: the conversion thread, which holds the
   * same plan); absent = writeCanvasZip in this thread.
   */
  writeZip?: ((zipPath: string) => Promise<WrittenZip>) | null;
  /**
   * Rows per file of exactly these files, counted elsewhere (the app: the conversion thread builds them from the
   * same plan); the plan-based preview uses it instead of building the files here. Absent = built here.
   */
  fileRows?: FileRows | null;
  /**
   * Reads Canvas's answer (its error file parsed, its rows located in exactly these files) elsewhere (the app: the
   * conversion thread); absent = here.
   */
  readMessages?: ReadCanvasMessages | null;
  now?: Date;
}

export interface PreparedSync {
  plan: Plan;
  snapshotId: string;
  importMode: ImportMode;
  remaps: ChangeSisIdRow[];
  /** Built on first read (~1 s on the large district): the app's preview and send never read it unless Canvas
   * reports a row without the record behind it, or there is no row-level prediction. */
  readonly files: CanvasCsvFile[];
  simulation: SyncSimulation;
  prediction: SyncPrediction;
  checks: GuardRailCheck[];
  /** Failing checks as refusals (the typed confirmation and a running sync are added by `refusalsToSend`). */
  refusals: SyncRefusal[];
  acknowledgedBlockers: AcknowledgedBlocker[];
  /** The zone the files' dates are written in; the zip that is sent uses it too, so it equals the preview. */
  timeZone: string | null;
  writeZip: ((zipPath: string) => Promise<WrittenZip>) | null;
  /** Canvas's answer read after the sync, its rows located in `files` (here when not given elsewhere). */
  readMessages: ReadCanvasMessages;
}

export function prepareSync(ing: SyncIngredients): PreparedSync {
  const remaps = ing.conversion ? acceptedChangeSisIdRows(ing.conversion) : [];
  const timeZone = ing.timeZone ?? null;
  let built: CanvasCsvFile[] | undefined;
  const filesOf = () => (built ??= planToCsvFiles(ing.plan, { changeSisIdRows: remaps, timeZone }));
  // The predictor sees the exact POST parameters (an incomplete mode is refused before sending anyway).
  const params = ing.predict ? paramsOrNull(ing.importMode) : null;
  const predicted =
    ing.predicted !== undefined
      ? ing.predicted
      : ing.predict && params
        ? ing.predict(filesOf(), params)
        : null;
  // Every row Canvas skips, rejects or warns about, with Canvas's own message.
  const skips: PredictedSkip[] = (predicted?.rows ?? [])
    .filter((r) => r.outcome === 'skip' || r.outcome === 'error' || (r.message ?? '') !== '')
    .map((r) => ({
      file: r.file,
      row: r.row,
      entity:
        r.entityType && r.oneRosterSourcedId
          ? ({ entityType: r.entityType, sourcedId: r.oneRosterSourcedId } as PredictedSkip['entity'])
          : ing.predicted !== undefined
            ? null // located where it was predicted, over the same files (fromCsvFiles)
            : (locateRow(filesOf(), r.file, r.row) as PredictedSkip['entity']),
      message: r.message ?? '',
      ruleId: null,
      orderDependent: r.orderDependent === true,
    }));
  const prediction: SyncPrediction = predicted
    ? { basis: 'predictor', counts: { ...predicted.counts }, skips }
    : predictionFor(ing.fileRows ?? rowsPerFile(filesOf()), skips, 'plan');
  const baseSimulation = ing.conversion?.summary.simulation ?? null;
  const simulation = simulateSync({
    plan: ing.plan,
    importMode: ing.importMode,
    simulation:
      baseSimulation && predicted?.simulationRows
        ? withRows(baseSimulation, predicted.simulationRows)
        : baseSimulation,
  });
  const percent = simulation.percentages;
  const outcome = guardRails({
    summary: ing.summary,
    rawFindings: ing.rawFindings,
    rules: ing.rules,
    proposals: ing.conversion?.proposals ?? null,
    snapshotAt: ing.snapshotAt,
    baselineAt: ing.baselineAt,
    verify: ing.verify,
    importMode: ing.importMode,
    exceeds: simulation.exceeds.map((type) => ({ type, percent: percent[type] })),
    canvasTermIds: ing.canvasTermIds,
    partialFeed: ing.partialFeed === true,
    canvasRefusal: predicted?.refusal?.message ?? predicted?.abort?.message ?? null,
    allowPendingRemaps: ing.allowPendingRemaps,
    ...(ing.now ? { now: ing.now } : {}),
  });
  return {
    plan: ing.plan,
    snapshotId: ing.snapshotId,
    importMode: ing.importMode,
    remaps,
    get files() {
      return filesOf();
    },
    simulation,
    prediction,
    checks: outcome.checks,
    refusals: outcome.refusals,
    acknowledgedBlockers: outcome.acknowledgedBlockers,
    timeZone,
    writeZip: ing.writeZip ?? null,
    readMessages:
      ing.readMessages ??
      ((report) => Promise.resolve(readCanvasMessages(report, (f, row) => locateRow(filesOf(), f, row)))),
  };
}

function paramsOrNull(mode: ImportMode): Record<string, string> | null {
  try {
    return importParams(mode);
  } catch {
    return null;
  }
}

/** Every reason not to send now: the failing checks, plus the typed confirmation and a running sync. */
export function refusalsToSend(
  prepared: Pick<PreparedSync, 'refusals'>,
  input: { districtName: string; confirmText: string; running: boolean },
): SyncRefusal[] {
  const rest = checkSyncAllowed({ summary: null, findings: [], ...input }).filter(
    (r) => r.code !== 'not_evaluated',
  );
  return [...prepared.refusals, ...rest];
}

export interface SendSyncOptions {
  client: CanvasClient;
  rootAccountId: string;
  /** History key: the profile id (or an ad-hoc target key). */
  profileId: string;
  history: SyncHistoryStore;
  /** Where the zip is written while it is sent; it is deleted afterwards, whatever happens. */
  outDir: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  poll?: PollOptions;
}

/** Writes the zip, sends it, follows Canvas to the end, compares with the prediction; the zip never stays. */
export async function sendSync(prepared: PreparedSync, opts: SendSyncOptions): Promise<SyncOutcome> {
  opts.onProgress?.({
    phase: 'writing',
    importId: null,
    workflowState: '',
    progress: 0,
    polls: 0,
    retrying: null,
  });
  await mkdir(opts.outDir, { recursive: true, mode: 0o700 });
  const zipPath = join(opts.outDir, `sis_import-${opts.profileId}-${Date.now()}.zip`);
  try {
    const zip = prepared.writeZip
      ? await prepared.writeZip(zipPath)
      : await writeCanvasZip(
          prepared.plan,
          { changeSisIdRows: prepared.remaps, timeZone: prepared.timeZone },
          zipPath,
        );
    return await runSync({
      client: opts.client,
      rootAccountId: opts.rootAccountId,
      profileId: opts.profileId,
      history: opts.history,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.poll ? { poll: opts.poll } : {}),
      readMessages: prepared.readMessages,
      zipPath,
      importMode: prepared.importMode,
      meta: {
        snapshotId: prepared.snapshotId,
        zipBytes: zip.bytes,
        files: zip.files,
        changeSisIdRows: prepared.remaps.length,
      },
      record: {
        guardRails: prepared.checks,
        acknowledgedBlockers: prepared.acknowledgedBlockers,
        prediction: prepared.prediction,
      },
    });
  } finally {
    await rm(zipPath, { force: true });
  }
}
