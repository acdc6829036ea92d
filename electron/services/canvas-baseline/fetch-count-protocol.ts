import type { BaselineCounts } from '../../../shared/canvas/baseline';
import type { WorkerFailure } from '../worker';

/** What the baseline count thread is started with (workerData): the database it reads and the baseline. */
export interface BaselineCountJob {
  dbPath: string;
  baselineId: string;
}

export type FromBaselineCountWorker =
  { type: 'counted'; counts: BaselineCounts } | { type: 'failed'; error: WorkerFailure };
