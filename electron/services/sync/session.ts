import type { Profile } from '../../../shared/profiles/profile';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncHistoryEntry, SyncProgress } from '../../../shared/sync/types';
import { ServiceError } from '../../../shared/errors';
import { join } from 'node:path';
import { CanvasClient, resolveCanvasTarget, type CanvasTarget } from '../canvas-api';
import type { ChangeSisIdRow } from '../canvas-csv';
import { acceptedChangeSisIdRows } from '../conversion/change-sis-id';
import type { ConversionSession } from '../conversion/session';
import type { EvaluationCache } from '../evaluate-cache';
import type { JobManager } from '../jobs';
import { downloadErrorFile } from './canvas-import';
import type { SyncHistoryStore } from './history';
import { isSyncRunning } from './lock';
import type { CanvasReport } from './read-messages';
import { sendSync } from './prepare-sync';
import { resumeSync, type PollOptions, type SyncOutcome } from './run';
import {
  batchTermCheck,
  currentEvaluation,
  entryView,
  evaluationFacts,
  planOf,
  prepareFromCaches,
  refusalsFor,
  type SyncServices,
} from './session-context';
import { simulateSync } from './simulate';

export const SYNC_JOB = 'sync';

export interface SyncSessionDeps {
  jobs: JobManager;
  evaluations: EvaluationCache;
  conversions: ConversionSession;
  history: SyncHistoryStore;
  /** Before talking to a demo profile's Canvas: make sure the bundled double runs and the profile points at it. */
  prepareCanvas: (profile: Profile) => Promise<void>;
  /** Polling cadence (tests make it fast). */
  poll?: PollOptions;
}

/**
 * The app's one-off sync workflow over its caches (the evaluation and conversion the screens show): guard rails
 * (checked again on start, with the typed district name), the simulation, the job that sends the zip and follows
 * Canvas, abort, resume, history. The steps themselves are the ones `preflight sync` runs (prepare-sync.ts,
 * run.ts); this class only takes the ingredients from the caches. The Canvas token never leaves the process.
 */
export class SyncSession {
  constructor(
    private readonly services: SyncServices,
    private readonly deps: SyncSessionDeps,
  ) {}

  /** A job of this window, or another process's sync (the CLI) holding the district's lock. */
  running(profileId: string): boolean {
    return this.activeJob(profileId) !== null || isSyncRunning(this.services.dataDir, profileId);
  }

  /**
   * Whether a new sync must wait: the same answer `preflight sync` gets (SyncHistoryStore.busy: a sync holds the
   * lock, or one was sent and its outcome is still unknown), or this window's job is starting.
   */
  private async busy(profileId: string): Promise<boolean> {
    return this.activeJob(profileId) !== null || (await this.deps.history.busy(profileId));
  }

  activeJob(profileId: string): string | null {
    return this.deps.jobs.runningJob(SYNC_JOB, profileId) ?? null;
  }

  /** The guard rails and context before anything is sent, for the district's saved import mode. */
  async preflight(profile: Profile) {
    const { services, deps } = this;
    const view = currentEvaluation(services, deps.evaluations, profile.id);
    const tokenStored = await this.tokenStored(profile.id);
    const plan = view?.input.canvasPlan;
    const importMode = services.settings.getImportMode(profile.id);
    const prepared = await prepareFromCaches(services, deps, profile.id, importMode, false);
    return {
      districtName: profile.name,
      canvas: profile.canvas
        ? { baseUrl: profile.canvas.baseUrl, rootAccountId: profile.canvas.rootAccountId, tokenStored }
        : null,
      importMode,
      evaluation: evaluationFacts(services, view),
      terms: plan ? plan.terms.map((t) => ({ id: t.term_id, name: t.name })) : [],
      refusals: refusalsFor(profile, prepared, tokenStored, await this.busy(profile.id), null),
      checks: prepared?.checks ?? [],
      activeJobId: this.activeJob(profile.id),
    };
  }

  /** What the import would do under `importMode`; `save` makes it the district's mode (its findings follow). */
  async simulate(profile: Profile, importMode: ImportMode, save: boolean, allowPendingRemaps: boolean) {
    const { services, deps } = this;
    const plan = planOf(currentEvaluation(services, deps.evaluations, profile.id));
    // Batch mode without its term cannot be simulated against a baseline (nor saved as the district's mode);
    // the plan view still shows what would be created.
    const complete = !(importMode.mode === 'batch' && importMode.termId.trim() === '');
    if (save && complete) {
      await services.settings.setImportMode(profile.id, importMode);
      await deps.conversions.changed(profile.id);
    }
    const prepared = await prepareFromCaches(services, deps, profile.id, importMode, allowPendingRemaps);
    const tokenStored = await this.tokenStored(profile.id);
    return {
      ...(prepared?.simulation ?? simulateSync({ plan, importMode })),
      checks: prepared?.checks ?? [],
      refusals: refusalsFor(profile, prepared, tokenStored, await this.busy(profile.id), null),
      prediction: prepared?.prediction ?? { basis: 'plan' as const, counts: {}, skips: [] },
    };
  }

  /** Checks every guard rail for the mode actually sent (and the typed name), then sends and follows as a job. */
  async start(
    profile: Profile,
    importMode: ImportMode,
    confirmName: string,
    allowPendingRemaps: boolean,
  ): Promise<{ jobId: string }> {
    const { services, deps } = this;
    batchTermCheck(importMode);
    const prepared = await prepareFromCaches(services, deps, profile.id, importMode, allowPendingRemaps);
    const tokenStored = await this.tokenStored(profile.id);
    const refusals = refusalsFor(profile, prepared, tokenStored, await this.busy(profile.id), confirmName);
    if (refusals.length > 0 || prepared === null) {
      const first = refusals[0]!;
      throw new ServiceError(first.code, first.message, first.hint);
    }
    const target = await this.canvasTarget(profile.id);
    return this.startJob(profile.id, (signal, onProgress) =>
      sendSync(prepared, {
        client: this.clientOf(target),
        rootAccountId: target.rootAccountId,
        profileId: profile.id,
        history: deps.history,
        outDir: join(services.dataDir, 'sync', 'outgoing'),
        signal,
        onProgress,
        ...(deps.poll ? { poll: deps.poll } : {}),
      }),
    );
  }

  /** Cancels this window's sync job (Canvas is asked to abort the import too). */
  abort(profileId: string): boolean {
    const jobId = this.deps.jobs.runningJob(SYNC_JOB, profileId);
    return jobId !== undefined && this.deps.jobs.cancel(jobId);
  }

  /** Follows again the district's import that was sent but whose outcome is unknown. */
  async resume(profileId: string): Promise<{ jobId: string }> {
    if (this.running(profileId)) {
      throw new ServiceError(
        'sync_running',
        'A sync for this district is already being followed.',
        'Wait for it to finish, or abort it.',
      );
    }
    const unfinished = await this.deps.history.unfinished(profileId);
    if (!unfinished) {
      throw new ServiceError(
        'sync_nothing_to_resume',
        'There is no unfinished sync to resume for this district.',
        'Start a new sync instead.',
      );
    }
    return this.follow(profileId, await this.canvasTarget(profileId), unfinished.id);
  }

  async status(profileId: string): Promise<{ jobId: string | null; unfinished: SyncHistoryEntry | null }> {
    const unfinished = await this.deps.history.unfinished(profileId);
    return { jobId: this.activeJob(profileId), unfinished: unfinished ? entryView(unfinished) : null };
  }

  /** Every sync of the district, newest first, as the window may see it (entryView). */
  async history(profileId: string): Promise<SyncHistoryEntry[]> {
    return (await this.deps.history.list(profileId)).reverse().map(entryView);
  }

  /** Canvas's error file of one sync, downloaded with the district's token (its URL never leaves here). */
  async errorFile(profileId: string, entryId: string): Promise<{ name: string; text: string }> {
    const entry = await this.deps.history.get(profileId, entryId);
    const file = entry?.result?.errorFile;
    if (!entry || !file) {
      throw new ServiceError(
        'no_error_file',
        'Canvas did not produce an error file for this sync.',
        'The warnings and errors listed on the screen are all there is.',
      );
    }
    const target = await this.canvasTarget(profileId);
    const text = await downloadErrorFile(this.clientOf(target), file.url);
    const name = file.name.replace(/[^\w.-]+/g, '_') || `sis_errors_attachment_${entry.importId}.csv`;
    return { name, text };
  }

  /** On app start: follow again every import that was sent but whose outcome is unknown (app closed, network lost). */
  async resumeUnfinished(): Promise<void> {
    const { services, deps } = this;
    for (const profile of await services.profiles.list()) {
      const unfinished = await deps.history.unfinished(profile.id);
      if (!unfinished || this.running(profile.id) || profile.canvas === null) continue;
      try {
        await this.follow(profile.id, await this.canvasTarget(profile.id), unfinished.id);
      } catch (err) {
        services.logger.warn('Could not resume an unfinished sync', {
          profileId: profile.id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  private async tokenStored(profileId: string): Promise<boolean> {
    return (await this.services.vault.status(profileId))['canvas.token'] === true;
  }

  private async canvasTarget(profileId: string): Promise<CanvasTarget> {
    const profile = await this.services.profiles.get(profileId);
    if (profile.canvas !== null) await this.deps.prepareCanvas(profile);
    return resolveCanvasTarget(this.services, await this.services.profiles.get(profileId));
  }

  // The profile's network (proxy override, CA file), like verify, pull and baseline fetch.
  private clientOf(target: CanvasTarget): CanvasClient {
    return new CanvasClient({
      baseUrl: target.baseUrl,
      token: target.token,
      http: target.http,
      logger: this.services.logger.child('sync'),
    });
  }

  /** The accepted remaps sent with (or alongside) this snapshot's plan; none without a matching conversion. */
  private async remapsFor(profileId: string, snapshotId: string | undefined): Promise<ChangeSisIdRow[]> {
    const entry = await this.deps.conversions.current(profileId).catch(() => null);
    return entry && entry.snapshot.id === snapshotId ? acceptedChangeSisIdRows(entry.result) : [];
  }

  private startJob(
    profileId: string,
    run: (signal: AbortSignal, emit: (p: SyncProgress) => void) => Promise<SyncOutcome>,
  ): { jobId: string } {
    const { jobId } = this.deps.jobs.start({ kind: SYNC_JOB, key: profileId }, async ({ signal, emit }) => {
      const outcome = await run(signal, (p) => emit(p));
      return { entry: entryView(outcome.entry) };
    });
    return { jobId };
  }

  private async follow(profileId: string, target: CanvasTarget, entryId: string): Promise<{ jobId: string }> {
    const view = currentEvaluation(this.services, this.deps.evaluations, profileId);
    const sent = await this.deps.history.get(profileId, entryId);
    // Rows map back to records only when the evaluated plan is the one that was sent; the conversion thread
    // builds its files from the same snapshot and options, and reads Canvas's answer either way (never this
    // thread: ~1 s on the large district).
    const sentPlan = view?.input.canvasPlan && sent?.options.snapshotId === view.snapshotId;
    const files = sentPlan
      ? {
          snapshotId: view.snapshotId,
          mapping: view.input.options,
          remaps: await this.remapsFor(profileId, view.snapshotId),
          timeZone: null, // where a row is does not depend on the zone its dates are written in
        }
      : null;
    const readMessages = (report: CanvasReport) => this.deps.conversions.readSyncMessages(files, report);
    return this.startJob(profileId, (signal, onProgress) =>
      resumeSync({
        client: this.clientOf(target),
        rootAccountId: target.rootAccountId,
        profileId,
        history: this.deps.history,
        signal,
        onProgress,
        readMessages,
        ...(this.deps.poll ? { poll: this.deps.poll } : {}),
        entryId,
      }),
    );
  }
}
