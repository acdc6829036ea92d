import type { PullJobResult } from '../../../../shared/ipc/channels/pull';
import type { Profile } from '../../../../shared/profiles/profile';
import { ServiceError } from '../../../../shared/errors';
import type { JobManager } from '../../../services/jobs';
import type { PullResult } from '../../../services/pull';
import { startPull, type PullRequest } from '../../../services/pull/pull-session';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { latestOnly } from '../../../services/jobs/latest-only';
import { requireProfile } from './profiles';

export const PULL_JOB = 'pull';

/** What the window shows after a pull: the snapshot outcome, the delta story and the provider notes. */
export function pullJobResult(result: PullResult): PullJobResult {
  const { facts } = result;
  const delta = facts.delta.requested
    ? {
        used: facts.delta.used,
        since: facts.delta.since,
        ...(facts.delta.fallbackReason ? { fallbackReason: facts.delta.fallbackReason } : {}),
      }
    : null;
  return {
    snapshotId: result.snapshotId,
    status: result.status,
    counts: result.counts,
    issues: result.issues,
    error: result.error,
    delta,
    notes: facts.problems.map((p) => p.message),
    received: Object.values(facts.collections).reduce((n, c) => n + (c?.received ?? 0), 0),
    durationMs: facts.durationMs,
  };
}

export interface PullHandlerOptions {
  /** Runs before each pull, e.g. to (re)start the demo provider a demo profile points at. */
  prepare?: (profile: Profile) => Promise<void>;
}

/** Pull jobs: at most one per district (JobManager key = profile id); cancel goes through `jobs:cancel`. */
export function pullHandlers(
  services: HandlerServices,
  jobs: JobManager,
  options: PullHandlerOptions = {},
): HandlerGroup<'pull:start' | 'pull:resume' | 'pull:active'> {
  /** Refuses a second pull job for the district, then lets `prepare` (re)start a demo provider. */
  async function prepare(profile: Profile): Promise<void> {
    if (jobs.runningJob(PULL_JOB, profile.id)) {
      throw new ServiceError('job_busy', 'A pull is already running for this district.', {
        detail: { profile: profile.name },
        hint: 'Wait for it to finish, or cancel it first.',
      });
    }
    await options.prepare?.(profile);
  }

  /**
   * Runs the pull as a job holding the profile's cross-process pull lock (the one `preflight pull` takes), so a
   * pull already running in a command or another window is refused with the same message; released when the job ends.
   */
  async function startJob(request: PullRequest) {
    const pull = await startPull(services, { ...request, prepare });
    try {
      const { jobId } = jobs.start(
        { kind: PULL_JOB, key: pull.profileId ?? '' },
        async ({ signal, emit }) => {
          const forward = latestOnly((e) => emit(e));
          try {
            return pullJobResult(await pull.run(signal, forward.push));
          } finally {
            forward.flush();
          }
        },
      );
      return { jobId };
    } catch (err) {
      await pull.release();
      throw err;
    }
  }

  return {
    'pull:start': async ({ profileId, delta }) => {
      await requireProfile(services, profileId);
      return startJob({ kind: 'pull', source: profileId, delta });
    },
    'pull:resume': async ({ snapshotId }) => startJob({ kind: 'resume', snapshotId }),
    'pull:active': async ({ profileId }) => ({ jobId: jobs.runningJob(PULL_JOB, profileId) ?? null }),
  };
}
