import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import type { Finding } from '../../../shared/rules/finding';
import { VerifyEvent, VerifyReport, type VerifyCheck } from '../../../shared/verify/report';
import { call, toDisplayError } from '../../api/client';
import { useCancelJob, useJob } from '../../app/jobs';
import { setJobSlot, useJobSlot } from '../../app/jobSlots';

export interface VerifyRunView {
  running: boolean;
  phase: string | undefined;
  checks: VerifyCheck[];
  findings: Finding[];
  report: VerifyReport | null;
  error: IpcError | undefined;
  loadingLast: boolean;
  start(): Promise<void>;
  cancel(): Promise<void>;
  clearError(): void;
}

/** Verify state for one profile: the live job (events as they stream) or the last saved report. */
export function useVerifyRun(profileId: string): VerifyRunView {
  const jobId = useJobSlot('verify', profileId)?.jobId;
  const job = useJob(jobId);
  const [last, setLast] = useState<{ profileId: string; report: VerifyReport | null } | undefined>();
  const [error, setError] = useState<IpcError | undefined>();

  useEffect(() => {
    let live = true;
    call('verify:last', { profileId }).then(
      (report) => live && setLast({ profileId, report }),
      (err: unknown) => live && (setLast({ profileId, report: null }), setError(toDisplayError(err))),
    );
    return () => {
      live = false;
    };
  }, [profileId]);

  const streamed = useMemo(() => {
    const checks = new Map<string, VerifyCheck>();
    const findings: Finding[] = [];
    let phase: string | undefined;
    for (const raw of job?.events ?? []) {
      const parsed = VerifyEvent.safeParse(raw);
      if (!parsed.success) continue;
      const e = parsed.data;
      if (e.type === 'phase') phase = e.message;
      else if (e.type === 'check') checks.set(e.check.id, e.check);
      else findings.push(e.finding);
    }
    return { checks: [...checks.values()], findings, phase };
  }, [job?.events]);

  const running = job !== undefined && job.done === undefined;
  const finished = job?.done?.ok ? VerifyReport.safeParse(job.done.result) : undefined;
  const jobReport = finished?.success ? finished.data : undefined;
  const jobError = job?.done && !job.done.ok ? job.done.error : undefined;
  const lastReport = last?.profileId === profileId ? last.report : null;
  const report = running ? null : (jobReport ?? (jobError ? null : lastReport));

  const start = useCallback(async () => {
    setError(undefined);
    try {
      const { jobId: id } = await call('verify:start', { profileId });
      setJobSlot('verify', profileId, id);
    } catch (err) {
      setError(toDisplayError(err));
    }
  }, [profileId]);

  const cancel = useCancelJob(jobId, setError);

  return {
    running,
    phase: streamed.phase,
    checks: report ? report.summary.checks : streamed.checks,
    findings: report ? report.findings : streamed.findings,
    report,
    error: error ?? jobError,
    loadingLast: last?.profileId !== profileId,
    start,
    cancel,
    clearError: () => setError(undefined),
  };
}
