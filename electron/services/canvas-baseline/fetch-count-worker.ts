/**
 * Counts a fetched baseline's rows by type and status (BaselineStore.counts) on its own thread and read-only
 * connection: on the large district that is ~1 s of SQLite work, which must not hold the Electron main thread
 * at the end of an API fetch. The rows are committed page by page, so this connection sees them all.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SnapshotStore } from '../snapshots';
import { openReadOnlyDatabase } from '../snapshots/read-only';
import { toWorkerFailure } from '../worker';
import type { BaselineCountJob, FromBaselineCountWorker } from './fetch-count-protocol';
import { BaselineStore } from './store';

const port = parentPort;
if (port === null) throw new Error('fetch-count-worker.ts must run in a worker thread');

const job = workerData as BaselineCountJob;
const post = (m: FromBaselineCountWorker) => port.postMessage(m);
const db = openReadOnlyDatabase(job.dbPath);
try {
  // The baseline store only reads through `.db` here.
  const store = new BaselineStore({ db } as unknown as SnapshotStore);
  post({ type: 'counted', counts: store.counts(job.baselineId) });
} catch (err) {
  post({ type: 'failed', error: toWorkerFailure(err) });
} finally {
  db.close();
}
