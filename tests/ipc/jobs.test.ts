import { describe, expect, it } from 'vitest';
import { JobManager, type JobDoneOut, type JobEventOut } from '../../electron/services/jobs';
import { ServiceError } from '../../shared/errors';

function recorder() {
  const events: JobEventOut[] = [];
  const done: JobDoneOut[] = [];
  return {
    events,
    done,
    sink: { event: (m: JobEventOut) => events.push(m), done: (m: JobDoneOut) => done.push(m) },
  };
}

describe('JobManager', () => {
  it('forwards events and the result, tagged with job id and kind', async () => {
    const r = recorder();
    const jobs = new JobManager(r.sink);
    const job = jobs.start({ kind: 'verify', key: 'p1' }, async ({ emit }) => {
      emit({ step: 1 });
      await new Promise((res) => setTimeout(res, 5));
      emit({ step: 2 });
      return 'report';
    });
    expect(await job.done).toEqual({ ok: true, result: 'report' });
    expect(r.events).toEqual([
      { jobId: job.jobId, kind: 'verify', event: { step: 1 } },
      { jobId: job.jobId, kind: 'verify', event: { step: 2 } },
    ]);
    expect(r.done).toEqual([{ jobId: job.jobId, kind: 'verify', ok: true, result: 'report' }]);
  });

  it('runs one job per (kind, key) at a time', async () => {
    const jobs = new JobManager(recorder().sink);
    let release!: () => void;
    const first = jobs.start(
      { kind: 'verify', key: 'p1' },
      () => new Promise<void>((res) => (release = res)),
    );
    expect(() => jobs.start({ kind: 'verify', key: 'p1' }, async () => undefined)).toThrow(
      expect.objectContaining({ code: 'job_busy' }),
    );
    // Another profile, or another kind, may run alongside.
    await jobs.start({ kind: 'verify', key: 'p2' }, async () => undefined).done;
    await jobs.start({ kind: 'pull', key: 'p1' }, async () => undefined).done;
    expect(jobs.runningJob('verify', 'p1')).toBe(first.jobId);
    release();
    await first.done;
    expect(jobs.runningJob('verify', 'p1')).toBeUndefined();
    await jobs.start({ kind: 'verify', key: 'p1' }, async () => undefined).done;
  });

  it('cancels through the AbortSignal and reports code "cancelled"', async () => {
    const r = recorder();
    const jobs = new JobManager(r.sink);
    const job = jobs.start(
      { kind: 'pull' },
      ({ signal }) => new Promise((_res, rej) => signal.addEventListener('abort', () => rej(signal.reason))),
    );
    expect(jobs.cancel(job.jobId)).toBe(true);
    expect(await job.done).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(jobs.cancel(job.jobId)).toBe(false);
    expect(r.done[0]).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('maps failures: user-facing errors as they are, bugs as a generic internal error', async () => {
    const jobs = new JobManager(recorder().sink);
    const expected = new ServiceError('CONN-REACH', 'Server not reachable', {
      hint: 'Check the URL',
      detail: { status: 503 },
    });
    expect(await jobs.start({ kind: 'a' }, async () => Promise.reject(expected)).done).toEqual({
      ok: false,
      error: {
        code: 'CONN-REACH',
        message: 'Server not reachable',
        hint: 'Check the URL',
        detail: { status: 503 },
      },
    });
    // Only ServiceErrors are expected failures: any other coded Error (a Node system error) is a bug here.
    const system = Object.assign(new Error('ENOENT: /home/x/secret-path'), { code: 'ENOENT', hint: 'h' });
    expect(await jobs.start({ kind: 'c' }, async () => Promise.reject(system)).done).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    const bug = await jobs.start({ kind: 'b' }, async () =>
      Promise.reject(new TypeError('x is undefined at /src/file.ts:3')),
    ).done;
    expect(bug).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(bug)).not.toContain('/src/file.ts');
  });

  it('keeps running when the sink throws (e.g. the window closed)', async () => {
    const jobs = new JobManager({
      event: () => {
        throw new Error('window gone');
      },
      done: () => {
        throw new Error('window gone');
      },
    });
    const job = jobs.start({ kind: 'verify' }, async ({ emit }) => {
      emit('x');
      return 1;
    });
    expect(await job.done).toEqual({ ok: true, result: 1 });
  });
});
