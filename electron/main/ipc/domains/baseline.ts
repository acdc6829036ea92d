import { resolve } from 'node:path';
import type {
  BaselineJobEvent,
  BaselineJobResult,
  BaselineVia,
} from '../../../../shared/ipc/channels/baseline';
import type { Profile } from '../../../../shared/profiles/profile';
import { ServiceError } from '../../../../shared/errors';
import { openBaselineStore } from '../../../services/canvas-baseline';
import {
  fetchBaselineJob,
  importReportJob,
  type BaselineRun,
} from '../../../services/canvas-baseline/fetch-job';
import type { JobManager } from '../../../services/jobs';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

export const BASELINE_JOB = 'baseline';
const PROBLEMS_SHOWN = 50;

/** Shows the native "open" dialog for a provisioning report (Electron's `dialog` in the app; a path in tests). */
export type OpenBaselineZip = () => Promise<string | null>;

export interface BaselineHandlerOptions {
  openBaselineZip: OpenBaselineZip;
}

export interface BaselineHooks {
  /** Runs before a fetch, e.g. to (re)start the demo Canvas a demo profile points at. */
  prepare(profile: Profile): Promise<void>;
  /** A baseline of the district was added or deleted: cached conversions and findings are stale. */
  changed(profileId: string): void;
}

/** Fetch and import jobs (one per district, kind 'baseline'), plus listing and deleting baselines. */
export function baselineHandlers(
  services: HandlerServices,
  jobs: JobManager,
  options: BaselineHandlerOptions,
  hooks: BaselineHooks,
): HandlerGroup<
  | 'baseline:fetch'
  | 'baseline:importZip'
  | 'baseline:active'
  | 'baseline:list'
  | 'baseline:delete'
  | 'dialog:openBaselineZip'
> {
  /** Paths the user picked in the dialog during this run: the only ones an import may read. */
  const picked = new Set<string>();

  function busyCheck(profileId: string): void {
    if (jobs.runningJob(BASELINE_JOB, profileId)) {
      throw new ServiceError(
        'job_busy',
        'Canvas data is already being fetched for this district.',
        'Wait for it to finish, or cancel it first.',
      );
    }
  }

  function startJob(profileId: string, run: BaselineRun) {
    const { jobId } = jobs.start({ kind: BASELINE_JOB, key: profileId }, async ({ signal, emit }) => {
      try {
        const outcome = await run(signal, (e) =>
          emit({ type: 'baseline:progress', ...e } satisfies BaselineJobEvent),
        );
        return {
          baseline: outcome.baseline,
          problems: outcome.problems.slice(0, PROBLEMS_SHOWN),
          problemCount: outcome.problemCount,
        } satisfies BaselineJobResult;
      } finally {
        hooks.changed(profileId);
      }
    });
    return { jobId };
  }

  async function checkCanvasReady(profile: Profile): Promise<void> {
    if (profile.canvas === null) {
      throw new ServiceError(
        'canvas_not_configured',
        `"${profile.name}" has no Canvas connection yet.`,
        'Open Districts, add the Canvas URL and an access token to this district — or import a provisioning report zip instead.',
      );
    }
    const status = await services.vault.status(profile.id);
    if (!status['canvas.token']) {
      throw new ServiceError(
        'canvas_token_missing',
        `No Canvas access token is stored for "${profile.name}".`,
        'Open Districts, select this district and save its Canvas access token (it goes to the OS keychain).',
      );
    }
  }

  return {
    'baseline:fetch': async ({ profileId, via }: { profileId: string; via: BaselineVia }) => {
      busyCheck(profileId);
      await hooks.prepare(await requireProfile(services, profileId));
      // Re-read: `prepare` may have re-pointed a demo profile at a new port.
      const profile = await requireProfile(services, profileId);
      await checkCanvasReady(profile);
      return startJob(
        profileId,
        fetchBaselineJob(services, openBaselineStore(services.snapshots), profile, via),
      );
    },
    'baseline:importZip': async ({ profileId, path }) => {
      const profile = await requireProfile(services, profileId);
      const full = resolve(path);
      if (!picked.has(full)) {
        throw new ServiceError(
          'report_not_chosen',
          'That report file was not chosen in this window.',
          'Click "Import report zip…" and choose the file again.',
        );
      }
      busyCheck(profileId);
      return startJob(profileId, importReportJob(openBaselineStore(services.snapshots), full, profile));
    },
    'baseline:active': async ({ profileId }) => ({
      jobId: jobs.runningJob(BASELINE_JOB, profileId) ?? null,
    }),
    'baseline:list': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return { baselines: openBaselineStore(services.snapshots).list({ profileId }) };
    },
    'baseline:delete': async ({ id }) => {
      const store = openBaselineStore(services.snapshots);
      const meta = store.get(id);
      if (meta === null) {
        throw new ServiceError(
          'baseline_not_found',
          'This Canvas baseline no longer exists.',
          'Refresh the Conversion screen.',
        );
      }
      if (meta.status === 'running') {
        throw new ServiceError(
          'baseline_in_use',
          'This Canvas baseline is still being fetched.',
          'Cancel the fetch first, then delete it.',
        );
      }
      store.delete(id);
      if (meta.profileId !== null) hooks.changed(meta.profileId);
      return { deleted: true as const };
    },
    'dialog:openBaselineZip': async () => {
      const path = await options.openBaselineZip();
      if (path === null) return { path: null };
      const full = resolve(path);
      picked.add(full);
      return { path: full };
    },
  };
}
