import type { PullProgressEvent } from '../../../shared/pull/progress';
import type { Profile } from '../../../shared/profiles/profile';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { ServiceError } from '../../../shared/errors';
import { resolveOneRosterTarget, type OneRosterTarget, type Services } from '../container';
import { createPullClient } from './client-factory';
import { pullSnapshot, resumePull } from './engine';
import { acquirePullLock } from './pull-lock';
import type { PullResult } from './types';

/**
 * The pull workflow for the app and the CLI alike: profile → client → cross-process lock → resume checks →
 * engine. Callers only say what to pull and how to show progress (docs/architecture.md "Where each workflow lives").
 */

/** A resolved target (CLI flags, possibly an unsaved profile) or a saved profile's id or name. */
export type PullSource = OneRosterTarget | string;

interface CommonRequest {
  /** Overrides the profile's concurrency (CLI `--concurrency`). */
  concurrency?: number;
  /**
   * Runs once the district is known, before its secret is read: the app refuses a second job for it and
   * (re)starts a demo provider here.
   */
  prepare?: (profile: Profile) => Promise<void>;
}

export interface NewPullRequest extends CommonRequest {
  kind: 'pull';
  source: PullSource;
  delta?: boolean;
  pageSize?: number;
}

export interface ResumePullRequest extends CommonRequest {
  kind: 'resume';
  snapshotId: string;
  /** Where to continue; default the snapshot's own profile (required for a pull made without one). */
  source?: PullSource;
}

export type PullRequest = NewPullRequest | ResumePullRequest;

/** A pull ready to run: its lock is held until `run` settles (or `release` is called instead). */
export interface StartedPull {
  /** The district's name, for messages. */
  label: string;
  /** The saved district the snapshot belongs to (null for an ad-hoc CLI pull). */
  profileId: string | null;
  run(signal: AbortSignal, onProgress: (e: PullProgressEvent) => void): Promise<PullResult>;
  release(): Promise<void>;
}

type PullServices = Pick<Services, 'dataDir' | 'snapshots' | 'profiles' | 'vault'>;

/**
 * Checks the request, resolves the target and takes the pull lock; refusals (no snapshot, not resumable,
 * no secret, `pull_busy`) are thrown here, before any work starts. The app starts a job with `run`.
 */
export async function startPull(services: PullServices, request: PullRequest): Promise<StartedPull> {
  const old = request.kind === 'resume' ? resumableSnapshot(services, request.snapshotId) : null;
  const given = request.source ?? old?.profileId ?? null;
  if (given === null) {
    throw new ServiceError(
      'snapshot_not_resumable',
      'This pull was made without a saved district, so where to continue it must be given again.',
      { detail: { snapshotId: old?.id ?? null, reason: 'no_profile' } },
    );
  }
  if (typeof given === 'string') await request.prepare?.(await services.profiles.resolve(given));
  // Read after `prepare`: the demo provider may have moved port.
  const target = typeof given === 'string' ? await resolveOneRosterTarget(services, given) : given;
  const settings = target.profile.oneroster;
  const concurrency = request.concurrency ?? settings.concurrency;
  const lockKey = old?.profileId ?? (target.saved ? target.profile.id : `ad-hoc ${target.baseUrl}`);
  const label = target.profile.name;
  const release = await acquirePullLock(services.dataDir, lockKey, label);
  const common = {
    store: services.snapshots,
    client: createPullClient({ ...target, timeoutMs: settings.timeoutMs }, { concurrency }),
    concurrency,
    baseUrl: target.baseUrl,
    authKind: target.auth.kind,
    // A resume given an ad-hoc target keeps the snapshot's own label.
    ...(request.kind === 'pull' || target.saved ? { label } : {}),
  };
  return {
    label,
    profileId: old?.profileId ?? (target.saved ? target.profile.id : null),
    release,
    async run(signal, onProgress) {
      try {
        if (request.kind === 'resume')
          return await resumePull(request.snapshotId, { ...common, signal, onProgress });
        return await pullSnapshot({
          ...common,
          profileId: target.saved ? target.profile.id : null,
          pageSize: request.pageSize ?? settings.pageSize,
          delta: request.delta === true,
          signal,
          onProgress,
        });
      } finally {
        await release();
      }
    },
  };
}

/** `startPull` and `run` in one go (the CLI, which waits for the pull). */
export async function runPull(
  services: PullServices,
  request: PullRequest,
  signal: AbortSignal,
  onProgress: (e: PullProgressEvent) => void,
): Promise<PullResult> {
  const pull = await startPull(services, request);
  return pull.run(signal, onProgress);
}

/** The snapshot a resume continues: an API pull that failed or was cancelled. */
export function resumableSnapshot(services: Pick<Services, 'snapshots'>, snapshotId: string): SnapshotMeta {
  const old = services.snapshots.get(snapshotId);
  if (old === null) {
    throw new ServiceError('snapshot_not_found', `There is no snapshot ${snapshotId}.`, {
      detail: { snapshotId },
    });
  }
  if (old.source !== 'api') {
    throw new ServiceError('snapshot_not_resumable', 'An imported CSV snapshot cannot be resumed.', {
      detail: { snapshotId, reason: 'imported', status: old.status },
    });
  }
  if (old.status !== 'failed' && old.status !== 'cancelled') {
    throw new ServiceError(
      'snapshot_not_resumable',
      `This snapshot is ${old.status}; only a failed or cancelled pull can be resumed.`,
      { detail: { snapshotId, reason: 'status', status: old.status } },
    );
  }
  return old;
}
