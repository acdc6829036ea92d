import { useCallback, useEffect, useState } from 'react';
import { BaselineJobEvent, BaselineJobResult, type BaselineVia } from '../../../shared/ipc/channels/baseline';
import type { ConversionState } from '../../../shared/ipc/channels/conversion';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useCancelJob, useJob, useLatestJobEvent } from '../../app/jobs';
import { setJobSlot, useAdoptRunningJob, useJobSlot } from '../../app/jobSlots';

const findActiveBaselineJob = (profileId: string) => call('baseline:active', { profileId });

export interface ConversionView {
  /** undefined while the first load runs. */
  state: ConversionState | undefined;
  error: IpcError | undefined;
  /** A baseline job is running for the district. */
  running: boolean;
  progress: BaselineJobEvent | undefined;
  /** The last finished job's result (report problems to mention). */
  lastResult: BaselineJobResult | undefined;
  fetch(via: BaselineVia): Promise<void>;
  importZip(): Promise<void>;
  cancel(): Promise<void>;
  reload(): void;
  clearError(): void;
}

/** The district's conversion state, and the baseline job (started here, or found running in main). */
export function useConversion(profileId: string): ConversionView {
  const jobId = useJobSlot('baseline', profileId)?.jobId;
  const job = useJob(jobId);
  const [state, setState] = useState<ConversionState | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [bump, setBump] = useState(0);
  const finished = job?.done;

  // Loads on open, when a job ends, and on reload().
  useEffect(() => {
    let live = true;
    call('conversion:summary', { profileId }).then(
      (s) => live && setState(s),
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, finished, bump]);

  useAdoptRunningJob('baseline', profileId, findActiveBaselineJob);

  // A failed job says why; a cancelled one says nothing (the user asked for it).
  const [dismissedJob, setDismissedJob] = useState<string | undefined>();
  const jobError =
    finished && !finished.ok && finished.error?.code !== 'cancelled' && jobId !== dismissedJob
      ? finished.error
      : undefined;

  const progress = useLatestJobEvent(job, BaselineJobEvent);
  const parsedResult = finished?.ok ? BaselineJobResult.safeParse(finished.result) : undefined;

  const begin = useCallback(
    async (starting: () => Promise<{ jobId: string } | null>) => {
      setError(undefined);
      setDismissedJob(jobId);
      try {
        const started = await starting();
        if (started) setJobSlot('baseline', profileId, started.jobId);
      } catch (err) {
        setError(toDisplayError(err));
      }
    },
    [profileId, jobId],
  );

  const fetch = useCallback(
    (via: BaselineVia) => begin(() => call('baseline:fetch', { profileId, via })),
    [begin, profileId],
  );
  const importZip = useCallback(
    () =>
      begin(async () => {
        const { path } = await call('dialog:openBaselineZip', {});
        return path === null ? null : call('baseline:importZip', { profileId, path });
      }),
    [begin, profileId],
  );
  const cancel = useCancelJob(jobId, setError);

  return {
    state,
    error: error ?? jobError,
    running: job !== undefined && job.done === undefined,
    progress: job?.done ? undefined : progress,
    lastResult: parsedResult?.success ? parsedResult.data : undefined,
    fetch,
    importZip,
    cancel,
    reload: useCallback(() => setBump((b) => b + 1), []),
    clearError: useCallback(() => {
      setError(undefined);
      setDismissedJob(jobId);
    }, [jobId]),
  };
}
