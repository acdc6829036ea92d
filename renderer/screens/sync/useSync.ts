import { useCallback, useEffect, useState } from 'react';
import type { SyncPreflight, syncChannels } from '../../../shared/ipc/channels/sync';
import type { z } from 'zod';
import type { IpcError } from '../../../shared/ipc/define';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { SyncProgress, type SyncHistoryEntry } from '../../../shared/sync/types';
import { call, toDisplayError } from '../../api/client';
import { useJob, useLatestJobEvent } from '../../app/jobs';
import { setJobSlot, useJobSlot } from '../../app/jobSlots';

/** Loads `load()` on open and whenever `key` changes; `reload()` forces it. */
function useLoaded<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [bump, setBump] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      },
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
    // `load` closes over the same inputs as `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, bump]);
  const reload = useCallback(() => setBump((n) => n + 1), []);
  return { data, error, reload };
}

export function usePreflight(profileId: string, key: string) {
  return useLoaded<SyncPreflight>(() => call('sync:preflight', { profileId }), `${profileId}|${key}`);
}

export function useHistory(profileId: string, key: string) {
  return useLoaded<{ entries: SyncHistoryEntry[] }>(
    () => call('sync:history', { profileId }),
    `${profileId}|${key}`,
  );
}

export function useUnfinished(profileId: string, key: string) {
  return useLoaded(() => call('sync:status', { profileId }), `${profileId}|${key}`);
}

/** The simulation with its checklist and prediction, for exactly one import mode. */
export type SimulationAnswer = z.infer<(typeof syncChannels)['sync:simulate']['output']>;

/**
 * The simulation, guard-rail checklist and predicted skips for the mode on screen (the mode that would be sent),
 * debounced while the user types (each call saves the mode).
 */
export function useSimulation(
  profileId: string,
  mode: ImportMode | undefined,
  enabled: boolean,
  allowPendingRemaps = false,
  reloadKey = '',
) {
  const [answer, setAnswer] = useState<{ key: string; simulation?: SimulationAnswer; error?: IpcError }>();
  const [shown, setShown] = useState<SimulationAnswer | undefined>();
  const modeKey = `${JSON.stringify(mode ?? null)}|${allowPendingRemaps}|${reloadKey}`;
  useEffect(() => {
    if (!mode || !enabled) return;
    let live = true;
    const t = setTimeout(() => {
      call('sync:simulate', { profileId, importMode: mode, save: true, allowPendingRemaps }).then(
        (simulation) => {
          if (!live) return;
          setAnswer({ key: modeKey, simulation });
          setShown(simulation);
        },
        (err: unknown) => live && setAnswer({ key: modeKey, error: toDisplayError(err) }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // modeKey stands for mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId, modeKey, enabled]);
  const fresh = answer?.key === modeKey;
  return {
    /** The simulation of exactly the mode on screen (what may be confirmed), else undefined. */
    simulation: fresh ? answer.simulation : undefined,
    /** The latest simulation shown (possibly of the previous mode while the new one loads). */
    shown,
    error: fresh ? answer.error : undefined,
    loading: enabled && !fresh,
  };
}

/** The sync job this window follows for the district (started here, elsewhere, or resumed on app start). */
export function useSyncRun(profileId: string, activeJobId: string | null | undefined) {
  const slot = useJobSlot('sync', profileId);
  const job = useJob(slot?.jobId);
  const [error, setError] = useState<IpcError | undefined>();
  const [abortingJob, setAbortingJob] = useState<string | undefined>();

  useEffect(() => {
    if (activeJobId) setJobSlot('sync', profileId, activeJobId);
  }, [profileId, activeJobId]);

  const progress = useLatestJobEvent(job, SyncProgress);

  const running = job !== undefined && job.done === undefined;
  const aborting = running && abortingJob !== undefined && abortingJob === slot?.jobId;

  const start = useCallback(
    async (importMode: ImportMode, confirmName: string, allowPendingRemaps = false) => {
      setError(undefined);
      try {
        const { jobId } = await call('sync:start', {
          profileId,
          importMode,
          confirmName,
          allowPendingRemaps,
        });
        setJobSlot('sync', profileId, jobId);
        return true;
      } catch (err) {
        setError(toDisplayError(err));
        return false;
      }
    },
    [profileId],
  );
  const jobId = slot?.jobId;
  const abort = useCallback(async () => {
    setAbortingJob(jobId);
    try {
      await call('sync:abort', { profileId });
    } catch (err) {
      setAbortingJob(undefined);
      setError(toDisplayError(err));
    }
  }, [profileId, jobId]);
  const resume = useCallback(async () => {
    setError(undefined);
    try {
      const { jobId } = await call('sync:resume', { profileId });
      setJobSlot('sync', profileId, jobId);
    } catch (err) {
      setError(toDisplayError(err));
    }
  }, [profileId]);

  return {
    jobId: slot?.jobId,
    /** When the window first saw the job (undefined before a job exists). */
    since: slot?.seenAt,
    running,
    progress,
    done: job?.done,
    aborting,
    error,
    clearError: () => setError(undefined),
    start,
    abort,
    resume,
  };
}
