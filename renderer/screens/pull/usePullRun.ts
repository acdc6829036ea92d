import { useCallback, useState } from 'react';
import { PullJobEvent, PullJobResult } from '../../../shared/ipc/channels/pull';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useCancelJob, useJob, useLatestJobEvent } from '../../app/jobs';
import { setJobSlot, useAdoptRunningJob, useJobSlot } from '../../app/jobSlots';

export interface PullRunView {
  jobId: string | undefined;
  running: boolean;
  /** The latest progress (the whole picture: every event carries all collections). */
  progress: PullJobEvent | undefined;
  result: PullJobResult | undefined;
  /** A failure before or outside the snapshot (e.g. no secret, provider unreachable before the first page). */
  error: IpcError | undefined;
  start(delta: boolean): Promise<void>;
  resume(snapshotId: string): Promise<void>;
  cancel(): Promise<void>;
  clearError(): void;
}

const findActivePull = (profileId: string) => call('pull:active', { profileId });

/** The pull the window follows for one district: started here, or found running in main (after a reload). */
export function usePullRun(profileId: string): PullRunView {
  const jobId = useJobSlot('pull', profileId)?.jobId;
  const job = useJob(jobId);
  const [error, setError] = useState<IpcError | undefined>();
  // Busy from the click on, not only once main has answered with a job id.
  const [starting, setStarting] = useState(false);

  useAdoptRunningJob('pull', profileId, findActivePull);

  const progress = useLatestJobEvent(job, PullJobEvent);

  const parsedResult = job?.done?.ok ? PullJobResult.safeParse(job.done.result) : undefined;
  const result = parsedResult?.success ? parsedResult.data : undefined;
  const jobError = job?.done && !job.done.ok ? job.done.error : undefined;

  const begin = useCallback(
    async (starting: Promise<{ jobId: string }>) => {
      setError(undefined);
      setStarting(true);
      try {
        const { jobId: id } = await starting;
        setJobSlot('pull', profileId, id);
      } catch (err) {
        setError(toDisplayError(err));
      } finally {
        setStarting(false);
      }
    },
    [profileId],
  );

  const start = useCallback(
    (delta: boolean) => begin(call('pull:start', { profileId, delta })),
    [begin, profileId],
  );
  const resume = useCallback((snapshotId: string) => begin(call('pull:resume', { snapshotId })), [begin]);

  const cancel = useCancelJob(jobId, setError);

  return {
    jobId,
    // A job found through pull:active may not have sent an event yet: it is running until its job:done arrives.
    running: starting || (jobId !== undefined && job?.done === undefined),
    progress,
    result,
    error: error ?? jobError,
    start,
    resume,
    cancel,
    clearError: () => setError(undefined),
  };
}
