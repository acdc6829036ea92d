import type { BaselineCounts } from '../../../shared/canvas/baseline';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { BaselineCountJob, FromBaselineCountWorker } from './fetch-count-protocol';
import type { BaselineStore } from './store';

const stopped = (message: string, cause?: unknown) =>
  new ServiceError(
    'baseline_fetch_failed',
    `Counting the fetched Canvas baseline stopped: ${message}`,
    'Fetch the baseline again; if it keeps failing, check that the data folder is readable.',
    cause === undefined ? undefined : { cause },
  );

/**
 * BaselineStore.counts of a baseline, computed on a baseline count thread (fetch-count-worker.ts) with its own
 * connection: same counts, none of the SQLite work on the calling thread. An in-memory database has no file
 * another connection could open, so it is counted here.
 */
export async function countBaselineInWorker(
  store: BaselineStore,
  baselineId: string,
): Promise<BaselineCounts> {
  const dbPath = store.db.name;
  if (store.db.memory || dbPath === '') return store.counts(baselineId);
  const worker = startWorker('baseline-count', { dbPath, baselineId } satisfies BaselineCountJob);
  try {
    return await new Promise<BaselineCounts>((resolve, reject) => {
      worker.once('message', (m: FromBaselineCountWorker) => {
        if (m.type === 'counted') resolve(m.counts);
        else reject(fromWorkerFailure(m.error, stopped));
      });
      worker.once('error', (err) => reject(stopped(err.message, err)));
      worker.once('exit', (code) =>
        reject(stopped(`the count thread exited (code ${code}) before it answered.`)),
      );
    });
  } finally {
    await worker.terminate();
  }
}
