import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncJobResult } from '../../../../shared/ipc/channels/sync';
import { ServiceError } from '../../../../shared/errors';
import type { Profile } from '../../../../shared/profiles/profile';
import type { SyncProgress } from '../../../../shared/sync/types';
import { CanvasClient, resolveCanvasTarget, type CanvasTarget } from '../../../services/canvas-api';
import { locateRow, planToCsvFiles, type ChangeSisIdRow } from '../../../services/canvas-csv';
import { acceptedChangeSisIdRows } from '../../../services/conversion/change-sis-id';
import type { EvaluationCache } from '../../../services/evaluate-cache';
import type { JobManager } from '../../../services/jobs';
import { downloadErrorFile } from '../../../services/sync/canvas-import';
import {
  isSyncRunning,
  resumeSync,
  sendSync,
  simulateSync,
  type PollOptions,
  type SyncHistoryStore,
  type SyncOutcome,
} from '../../../services/sync';
import type { Plan } from '../../../../shared/plan/types';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { ConversionCache } from './conversion-cache';
import type { FileAccess } from './file-access';
import { requireProfile } from './profiles';
import {
  batchTermCheck,
  currentEvaluation,
  entryView,
  evaluationFacts,
  planOf,
  prepareFromCaches,
  refusalsFor,
} from './sync-context';

export const SYNC_JOB = 'sync';

export interface SyncHandlerDeps {
  jobs: JobManager;
  evaluations: EvaluationCache;
  conversions: ConversionCache;
  history: SyncHistoryStore;
  files: FileAccess;
  /** Before talking to a demo profile's Canvas: make sure the bundled double runs and the profile points at it. */
  prepareCanvas: (profile: Profile) => Promise<void>;
  /** The district's import mode changed (conversion findings such as CNV-THRESHOLD follow it). */
  importModeChanged: (profileId: string) => Promise<void>;
  /** Polling cadence (tests make it fast). */
  poll?: PollOptions;
}

type SyncChannels =
  | 'sync:preflight'
  | 'sync:simulate'
  | 'sync:start'
  | 'sync:abort'
  | 'sync:resume'
  | 'sync:status'
  | 'sync:history'
  | 'sync:saveErrorFile';

/**
 * One-off sync: guard rails (checked again on start, with the typed district name), the simulation, the job that
 * sends the zip and follows Canvas, abort, history. The Canvas token is read here and never leaves main.
 */
export function syncHandlers(
  services: HandlerServices,
  deps: SyncHandlerDeps,
): { handlers: HandlerGroup<SyncChannels>; resumeUnfinished(): Promise<void> } {
  const { jobs, history } = deps;
  const running = (profileId: string) =>
    jobs.runningJob(SYNC_JOB, profileId) !== undefined || isSyncRunning(services.dataDir, profileId);

  async function canvasTarget(profileId: string): Promise<CanvasTarget> {
    const profile = await requireProfile(services, profileId);
    if (profile.canvas !== null) await deps.prepareCanvas(profile);
    return resolveCanvasTarget(services, await requireProfile(services, profileId));
  }

  // The profile's network (proxy override, CA file), like verify, pull and baseline fetch.
  const clientOf = (target: CanvasTarget) =>
    new CanvasClient({
      baseUrl: target.baseUrl,
      token: target.token,
      http: target.http,
      logger: services.logger.child('sync'),
    });

  /** Canvas file + row → the OneRoster record behind it, from the CSV files of the plan that was sent. */
  function locatorFor(plan: Plan | undefined, remaps: readonly ChangeSisIdRow[]) {
    if (!plan) return null;
    let files: ReturnType<typeof planToCsvFiles> | undefined;
    return (file: string, row: number) => {
      files ??= planToCsvFiles(plan, { changeSisIdRows: remaps });
      return locateRow(files, file, row);
    };
  }

  /** The accepted remaps sent with (or alongside) this snapshot's plan; none without a matching conversion. */
  async function remapsFor(profileId: string, snapshotId: string | undefined): Promise<ChangeSisIdRow[]> {
    const entry = await deps.conversions.current(profileId).catch(() => null);
    return entry && entry.snapshot.id === snapshotId ? acceptedChangeSisIdRows(entry.result) : [];
  }

  function startJob(
    profileId: string,
    run: (signal: AbortSignal, emit: (p: SyncProgress) => void) => Promise<SyncOutcome>,
  ) {
    const { jobId } = jobs.start({ kind: SYNC_JOB, key: profileId }, async ({ signal, emit }) => {
      const outcome = await run(signal, (p) => emit(p));
      return { entry: entryView(outcome.entry) } satisfies SyncJobResult;
    });
    return { jobId };
  }

  async function follow(profileId: string, target: CanvasTarget, entryId: string) {
    const view = currentEvaluation(services, deps.evaluations, profileId);
    const sent = await history.get(profileId, entryId);
    // Rows map back to records only when the evaluated plan is the one that was sent.
    const plan = view && sent?.options.snapshotId === view.snapshotId ? view.input.canvasPlan : undefined;
    const locate = locatorFor(plan, await remapsFor(profileId, view?.snapshotId));
    return startJob(profileId, (signal, onProgress) =>
      resumeSync({
        client: clientOf(target),
        rootAccountId: target.rootAccountId,
        profileId,
        history,
        signal,
        onProgress,
        locate,
        ...(deps.poll ? { poll: deps.poll } : {}),
        entryId,
      }),
    );
  }

  const handlers: HandlerGroup<SyncChannels> = {
    'sync:preflight': async ({ profileId }) => {
      const profile = await requireProfile(services, profileId);
      const view = currentEvaluation(services, deps.evaluations, profileId);
      const tokenStored = (await services.vault.status(profileId))['canvas.token'] === true;
      const plan = view?.input.canvasPlan;
      const importMode = services.settings.getImportMode(profileId);
      const prepared = await prepareFromCaches(services, deps, profileId, importMode, false);
      return {
        districtName: profile.name,
        canvas: profile.canvas
          ? { baseUrl: profile.canvas.baseUrl, rootAccountId: profile.canvas.rootAccountId, tokenStored }
          : null,
        importMode,
        evaluation: evaluationFacts(services, view),
        terms: plan ? plan.terms.map((t) => ({ id: t.term_id, name: t.name })) : [],
        refusals: refusalsFor(profile, prepared, tokenStored, running(profileId), null),
        checks: prepared?.checks ?? [],
        activeJobId: jobs.runningJob(SYNC_JOB, profileId) ?? null,
      };
    },

    'sync:simulate': async ({ profileId, importMode, save, allowPendingRemaps }) => {
      const profile = await requireProfile(services, profileId);
      const plan = planOf(currentEvaluation(services, deps.evaluations, profileId));
      // Batch mode without its term cannot be simulated against a baseline (nor saved as the district's mode);
      // the plan view still shows what would be created.
      const complete = !(importMode.mode === 'batch' && importMode.termId.trim() === '');
      if (save && complete) {
        await services.settings.setImportMode(profileId, importMode);
        deps.conversions.invalidate(profileId);
        await deps.importModeChanged(profileId);
      }
      const prepared = await prepareFromCaches(services, deps, profileId, importMode, allowPendingRemaps);
      const tokenStored = (await services.vault.status(profileId))['canvas.token'] === true;
      return {
        ...(prepared?.simulation ?? simulateSync({ plan, importMode })),
        checks: prepared?.checks ?? [],
        refusals: refusalsFor(profile, prepared, tokenStored, running(profileId), null),
        prediction: prepared?.prediction ?? { basis: 'plan', counts: {}, skips: [] },
      };
    },

    'sync:start': async ({ profileId, importMode, confirmName, allowPendingRemaps }) => {
      const profile = await requireProfile(services, profileId);
      batchTermCheck(importMode);
      // The checklist for the import mode actually sent, not the saved one.
      const prepared = await prepareFromCaches(services, deps, profileId, importMode, allowPendingRemaps);
      const tokenStored = (await services.vault.status(profileId))['canvas.token'] === true;
      const refusals = refusalsFor(profile, prepared, tokenStored, running(profileId), confirmName);
      if (refusals.length > 0 || prepared === null) {
        const first = refusals[0]!;
        throw new ServiceError(first.code, first.message, first.hint);
      }
      const target = await canvasTarget(profileId);
      return startJob(profileId, (signal, onProgress) =>
        sendSync(prepared, {
          client: clientOf(target),
          rootAccountId: target.rootAccountId,
          profileId,
          history,
          outDir: join(services.dataDir, 'sync', 'outgoing'),
          signal,
          onProgress,
          ...(deps.poll ? { poll: deps.poll } : {}),
        }),
      );
    },

    'sync:abort': async ({ profileId }) => {
      const jobId = jobs.runningJob(SYNC_JOB, profileId);
      return { aborting: jobId !== undefined && jobs.cancel(jobId) };
    },

    'sync:resume': async ({ profileId }) => {
      if (running(profileId)) {
        throw new ServiceError(
          'sync_running',
          'A sync for this district is already being followed.',
          'Wait for it to finish, or abort it.',
        );
      }
      const unfinished = await history.unfinished(profileId);
      if (!unfinished) {
        throw new ServiceError(
          'sync_nothing_to_resume',
          'There is no unfinished sync to resume for this district.',
          'Start a new sync instead.',
        );
      }
      return await follow(profileId, await canvasTarget(profileId), unfinished.id);
    },

    'sync:status': async ({ profileId }) => {
      await requireProfile(services, profileId);
      const unfinished = await history.unfinished(profileId);
      return {
        jobId: jobs.runningJob(SYNC_JOB, profileId) ?? null,
        unfinished: unfinished ? entryView(unfinished) : null,
      };
    },

    'sync:history': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return { entries: (await history.list(profileId)).reverse().map(entryView) };
    },

    'sync:saveErrorFile': async ({ profileId, entryId, outDir }) => {
      const dir = deps.files.requirePicked(outDir);
      const entry = await history.get(profileId, entryId);
      const file = entry?.result?.errorFile;
      if (!entry || !file) {
        throw new ServiceError(
          'no_error_file',
          'Canvas did not produce an error file for this sync.',
          'The warnings and errors listed on the screen are all there is.',
        );
      }
      const target = await canvasTarget(profileId);
      const text = await downloadErrorFile(clientOf(target), file.url);
      const name = file.name.replace(/[^\w.-]+/g, '_') || `sis_errors_attachment_${entry.importId}.csv`;
      const path = join(dir, name);
      await writeFile(path, text, { mode: 0o600 });
      deps.files.markWritten(path);
      return { path, name };
    },
  };

  /** On app start: follow again every import that was sent but whose outcome is unknown (app closed, network lost). */
  async function resumeUnfinished(): Promise<void> {
    for (const profile of await services.profiles.list()) {
      const unfinished = await history.unfinished(profile.id);
      if (!unfinished || running(profile.id) || profile.canvas === null) continue;
      try {
        await follow(profile.id, await canvasTarget(profile.id), unfinished.id);
      } catch (err) {
        services.logger.warn('Could not resume an unfinished sync', {
          profileId: profile.id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  return { handlers, resumeUnfinished };
}
