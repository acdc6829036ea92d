import { useCallback, useEffect, useMemo, useState } from 'react';
import { EvaluateJobEvent } from '../../../shared/ipc/channels/evaluate';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useJob } from '../../app/jobs';
import { setEvaluateJob, useEvaluateJobId } from './evaluateJobs';

export type SummaryResponse = ChannelOutput<'findings:summary'>;

export interface EvaluationState {
  /** undefined while loading. */
  data: SummaryResponse | undefined;
  error: IpcError | undefined;
  running: boolean;
  progress: EvaluateJobEvent | undefined;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reload(): Promise<void>;
  clearError(): void;
}

/** The district's latest evaluation summary, and the evaluation job (started here or elsewhere). */
export function useEvaluation(profileId: string): EvaluationState {
  const jobId = useEvaluateJobId(profileId);
  const job = useJob(jobId);
  const [data, setData] = useState<SummaryResponse | undefined>();
  const [error, setError] = useState<IpcError | undefined>();

  const reload = useCallback(async () => {
    try {
      setData(await call('findings:summary', { profileId }));
    } catch (err) {
      setError(toDisplayError(err));
    }
  }, [profileId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A job started before this screen opened (or from another screen) is followed too.
  useEffect(() => {
    if (jobId) return;
    let live = true;
    call('evaluate:active', { profileId }).then(
      ({ jobId: running }) => {
        if (live && running) setEvaluateJob(profileId, running);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [jobId, profileId]);

  const finished = job?.done;
  useEffect(() => {
    if (!finished) return;
    if (!finished.ok && finished.error && finished.error.code !== 'cancelled') setError(finished.error);
    void reload();
  }, [finished, reload]);

  const progress = useMemo(() => {
    const events = job?.events ?? [];
    for (let i = events.length - 1; i >= 0; i--) {
      const parsed = EvaluateJobEvent.safeParse(events[i]);
      if (parsed.success) return parsed.data;
    }
    return undefined;
  }, [job?.events]);

  const start = useCallback(async () => {
    setError(undefined);
    try {
      const started = await call('evaluate:start', { profileId });
      setEvaluateJob(profileId, started.jobId);
    } catch (err) {
      setError(toDisplayError(err));
    }
  }, [profileId]);

  const cancel = useCallback(async () => {
    if (jobId) await call('jobs:cancel', { jobId }).catch(() => undefined);
  }, [jobId]);

  return {
    data,
    error,
    running: job !== undefined && job.done === undefined,
    progress,
    start,
    cancel,
    reload,
    clearError: () => setError(undefined),
  };
}
