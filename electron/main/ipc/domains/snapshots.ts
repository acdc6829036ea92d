import { resolve } from 'node:path';
import type { BundleKind, ImportJobEvent } from '../../../../shared/ipc/channels/snapshots';
import type { SnapshotDiff } from '../../../../shared/snapshots/diff';
import type { SnapshotMeta } from '../../../../shared/snapshots/snapshot';
import { ServiceError } from '../../../../shared/errors';
import { importCsvBundleInWorker } from '../../../services/csv-import';
import { diffSnapshots, listChanges } from '../../../services/diff/diff';
import type { JobManager } from '../../../services/jobs';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

export const IMPORT_JOB = 'import';

/** Shows the native "open" dialog (Electron's `dialog` in the app; a fixture path in tests). Null = cancelled. */
export type OpenCsvBundle = (kind: BundleKind) => Promise<string | null>;

export interface SnapshotHandlerOptions {
  openCsvBundle: OpenCsvBundle;
}

/** Diff counts are a handful of joins over whole snapshots: keep a few, so paging a drill-down does not redo them. */
const DIFF_CACHE_SIZE = 8;

function notFound(): ServiceError {
  return new ServiceError(
    'snapshot_not_found',
    'This snapshot no longer exists.',
    'Refresh the list of snapshots and choose another one.',
  );
}

export function snapshotHandlers(
  services: HandlerServices,
  jobs: JobManager,
  options: SnapshotHandlerOptions,
): HandlerGroup<
  | 'snapshots:list'
  | 'snapshots:get'
  | 'snapshots:delete'
  | 'snapshots:importCsv'
  | 'snapshots:diff'
  | 'dialog:openCsvBundle'
> {
  /** Paths the user picked in the dialog during this run: the only ones an import may read. */
  const picked = new Set<string>();
  const diffs = new Map<string, SnapshotDiff>();

  function requireSnapshot(id: string): SnapshotMeta {
    const meta = services.snapshots.get(id);
    if (meta === null) throw notFound();
    return meta;
  }

  function requireComplete(id: string): SnapshotMeta {
    const meta = requireSnapshot(id);
    if (meta.status !== 'complete') {
      throw new ServiceError(
        'snapshot_incomplete',
        `Only complete snapshots can be compared; this one is ${meta.status}.`,
        meta.status === 'running'
          ? 'Wait for the pull to finish.'
          : 'Resume the pull (or pull again) and compare the complete snapshot.',
      );
    }
    return meta;
  }

  function cachedDiff(a: string, b: string): SnapshotDiff {
    const key = `${a}\u0000${b}`;
    const hit = diffs.get(key);
    if (hit) return hit;
    const diff = diffSnapshots(services.snapshots, a, b);
    diffs.set(key, diff);
    // Maps iterate in insertion order: the first key is the oldest entry.
    if (diffs.size > DIFF_CACHE_SIZE) diffs.delete(diffs.keys().next().value as string);
    return diff;
  }

  return {
    'snapshots:list': async ({ profileId }) => ({
      snapshots: services.snapshots.list(profileId === undefined ? {} : { profileId }),
    }),
    'snapshots:get': async ({ id }) => requireSnapshot(id),
    'snapshots:delete': async ({ id }) => {
      const meta = requireSnapshot(id);
      if (meta.status === 'running') {
        throw new ServiceError(
          'snapshot_in_use',
          'This snapshot is still being written.',
          'Cancel the pull or import first, then delete it.',
        );
      }
      if (!services.snapshots.delete(id)) throw notFound();
      for (const key of [...diffs.keys()]) if (key.includes(id)) diffs.delete(key);
      return { deleted: true as const };
    },
    'dialog:openCsvBundle': async ({ kind }) => {
      const path = await options.openCsvBundle(kind);
      if (path === null) return { path: null };
      const full = resolve(path);
      picked.add(full);
      return { path: full };
    },
    'snapshots:importCsv': async ({ profileId, path }) => {
      await requireProfile(services, profileId);
      const full = resolve(path);
      if (!picked.has(full)) {
        throw new ServiceError(
          'bundle_not_chosen',
          'That CSV bundle was not chosen in this window.',
          'Click "Import CSV" and choose the zip file or folder again.',
        );
      }
      if (jobs.runningJob(IMPORT_JOB, profileId)) {
        throw new ServiceError(
          'job_busy',
          'An import is already running for this district.',
          'Wait for it to finish, or cancel it first.',
        );
      }
      const { jobId } = jobs.start({ kind: IMPORT_JOB, key: profileId }, ({ signal, emit }) =>
        // On its own thread: parsing and inserting a large bundle must not stall the window.
        importCsvBundleInWorker(services.snapshots.dbPath, full, {
          profileId,
          signal,
          onProgress: (p) => emit({ type: 'import:progress', ...p } satisfies ImportJobEvent),
        }),
      );
      return { jobId };
    },
    'snapshots:diff': async ({ a, b, collection, change, offset, limit }) => {
      if (a === b) {
        throw new ServiceError(
          'same_snapshot',
          'Choose two different snapshots to compare.',
          'Pick an older snapshot as "Before" and a newer one as "After".',
        );
      }
      requireComplete(a);
      requireComplete(b);
      const diff = cachedDiff(a, b);
      const page =
        collection === undefined
          ? null
          : listChanges(services.snapshots, {
              from: a,
              to: b,
              collection,
              offset,
              limit,
              ...(change ? { change } : {}),
            });
      return { diff, page };
    },
  };
}
