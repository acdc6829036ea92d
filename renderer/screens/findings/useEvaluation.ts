import { useCallback, useEffect, useState } from 'react';
import { EvaluateJobEvent } from '../../../shared/ipc/channels/evaluate';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useCancelJob, useJob, useLatestJobEvent } from '../../app/jobs';
import { setJobSlot, useAdoptRunningJob, useJobSlot } from '../../app/jobSlots';

const findActiveEvaluation = (profileId: string) => call('evaluate:active', { profileId });

export type SummaryResponse = ChannelOutput<'findings:summary'>;

export interface EvaluationState {
  /** undefined while loading. */
  data: SummaryResponse | undefined;
  error: IpcError | undefined;
  running: boolean;
  progress: EvaluateJobEvent | undefined;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** Fetches the summary again (after a rule settings change). */
  reload(): void;
  clearError(): void;
}

/** The district's latest evaluation summary, and the evaluation job (started here or elsewhere). */
export function useEvaluation(profileId: string): EvaluationState {
  const jobId = useJobSlot('evaluate', profileId)?.jobId;
  const job = useJob(jobId);
  const [data, setData] = useState<SummaryResponse | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [bump, setBump] = useState(0);
  const [dismissedJob, setDismissedJob] = useState<string | undefined>();
  // Busy from the click on (within a frame), not only once main has answered with a job id.
  const [starting, setStarting] = useState(false);
  const finished = job?.done;

  // Loads on open, when a job ends, and on reload().
  useEffect(() => {
    let live = true;
    call('findings:summary', { profileId }).then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, finished, bump]);

  useAdoptRunningJob('evaluate', profileId, findActiveEvaluation);

  const jobError =
    finished && !finished.ok && finished.error?.code !== 'cancelled' && jobId !== dismissedJob
      ? finished.error
      : undefined;

  const progress = useLatestJobEvent(job, EvaluateJobEvent);

  const start = useCallback(async () => {
    setError(undefined);
    setStarting(true);
    try {
      const started = await call('evaluate:start', { profileId });
      setJobSlot('evaluate', profileId, started.jobId);
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setStarting(false);
    }
  }, [profileId]);

  const cancel = useCancelJob(jobId, setError);

  const reload = useCallback(() => setBump((b) => b + 1), []);

  return {
    data,
    error: error ?? jobError,
    running: starting || (job !== undefined && job.done === undefined),
    progress,
    start,
    cancel,
    reload,
    clearError: () => {
      setError(undefined);
      setDismissedJob(jobId);
    },
  };
}
