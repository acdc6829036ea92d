import type { PullJobResult } from '../../../../shared/ipc/channels/pull';
import type { PullProgressEvent } from '../../../../shared/pull/progress';
import type { Profile } from '../../../../shared/profiles/profile';
import { ServiceError } from '../../../../shared/errors';
import { resolveOneRosterTarget } from '../../../services/container';
import type { JobManager } from '../../../services/jobs';
import { createPullClient, pullSnapshot, resumePull, type PullResult } from '../../../services/pull';
import { acquirePullLock } from '../../../services/pull/pull-lock';
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
  const prepare = options.prepare ?? (async () => undefined);

  /** The profile with its secret, refreshed after `prepare` (the demo provider may have moved port). */
  async function targetFor(profileId: string) {
    await prepare(await requireProfile(services, profileId));
    const profile = await requireProfile(services, profileId);
    const status = await services.vault.status(profileId);
    if (!status['oneroster.clientSecret']) {
      throw new ServiceError(
        'secret_missing',
        `No client secret is stored for "${profile.name}".`,
        'Open Districts, select this district and save its client secret.',
      );
    }
    return resolveOneRosterTarget(services, profile);
  }

  function busyCheck(profileId: string): void {
    if (jobs.runningJob(PULL_JOB, profileId)) {
      throw new ServiceError(
        'job_busy',
        'A pull is already running for this district.',
        'Wait for it to finish, or cancel it first.',
      );
    }
  }

  /**
   * Starts the pull job holding the profile's cross-process pull lock (the one `preflight pull` takes), so a
   * pull already running in a command or another window is refused with the same message; released when the job ends.
   */
  async function startJob(
    profileId: string,
    label: string,
    run: (signal: AbortSignal, onProgress: (e: PullProgressEvent) => void) => Promise<PullResult>,
  ) {
    const release = await acquirePullLock(services.dataDir, profileId, label);
    try {
      const { jobId } = jobs.start({ kind: PULL_JOB, key: profileId }, async ({ signal, emit }) => {
        const forward = latestOnly((e) => emit(e));
        try {
          return pullJobResult(await run(signal, forward.push));
        } finally {
          forward.flush();
          await release();
        }
      });
      return { jobId };
    } catch (err) {
      await release();
      throw err;
    }
  }

  return {
    'pull:start': async ({ profileId, delta }) => {
      busyCheck(profileId);
      const target = await targetFor(profileId);
      const settings = target.profile.oneroster;
      return startJob(profileId, target.profile.name, (signal, onProgress) =>
        pullSnapshot({
          store: services.snapshots,
          client: createPullClient(
            { ...target, timeoutMs: settings.timeoutMs },
            { concurrency: settings.concurrency },
          ),
          profileId,
          pageSize: settings.pageSize,
          concurrency: settings.concurrency,
          delta,
          signal,
          onProgress,
          baseUrl: target.baseUrl,
          authKind: target.auth.kind,
          label: target.profile.name,
        }),
      );
    },
    'pull:resume': async ({ snapshotId }) => {
      const old = services.snapshots.get(snapshotId);
      if (old === null) {
        throw new ServiceError(
          'snapshot_not_found',
          'This snapshot no longer exists.',
          'Refresh the list of snapshots.',
        );
      }
      if (old.profileId === null) {
        throw new ServiceError(
          'snapshot_not_resumable',
          'This pull was made without a saved district, so the app does not know where to continue it.',
          'Resume it from the command line with `preflight resume`, giving the server again.',
        );
      }
      if (old.source !== 'api' || (old.status !== 'failed' && old.status !== 'cancelled')) {
        throw new ServiceError(
          'snapshot_not_resumable',
          old.source !== 'api'
            ? 'An imported CSV snapshot cannot be resumed.'
            : `This snapshot is ${old.status}; only a failed or cancelled pull can be resumed.`,
          old.source !== 'api' ? 'Import the bundle again.' : 'Start a new pull instead.',
        );
      }
      const profileId = old.profileId;
      busyCheck(profileId);
      const target = await targetFor(profileId);
      const settings = target.profile.oneroster;
      return startJob(profileId, target.profile.name, (signal, onProgress) =>
        resumePull(snapshotId, {
          store: services.snapshots,
          client: createPullClient(
            { ...target, timeoutMs: settings.timeoutMs },
            { concurrency: settings.concurrency },
          ),
          concurrency: settings.concurrency,
          signal,
          onProgress,
          baseUrl: target.baseUrl,
          authKind: target.auth.kind,
          label: target.profile.name,
        }),
      );
    },
    'pull:active': async ({ profileId }) => ({ jobId: jobs.runningJob(PULL_JOB, profileId) ?? null }),
  };
}
