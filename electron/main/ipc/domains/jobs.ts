import type { JobManager } from '../../../services/jobs';
import type { HandlerGroup } from '../types';

/** jobs:cancel — any running job by id (verify, pull, evaluate, baseline, sync); false when none is running. */
export function jobHandlers(jobs: JobManager): HandlerGroup<'jobs:cancel'> {
  return { 'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }) };
}
