/**
 * A CSV bundle import on its own thread and its own connection: unzipping, parsing and inserting a million rows
 * never runs on the Electron main thread, which only forwards progress (import-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotStore } from '../snapshots/store';
import { toWorkerFailure } from '../worker';
import { importCsvBundle } from './import';
import type { FromImportWorker, ImportJob, ToImportWorker } from './import-protocol';

const port = parentPort;
if (port === null) throw new Error('import-worker.ts must run in a worker thread');

const job = workerData as ImportJob;
const controller = new AbortController();
port.on('message', (m: ToImportWorker) => {
  if (m.type === 'cancel') controller.abort();
});
const post = (m: FromImportWorker) => port.postMessage(m);

// Not openSnapshotStore: that one marks other running snapshots interrupted, and the pulls of this very
// process (whose pid is alive) must stay untouched anyway.
const store = new SnapshotStore(job.dbPath);
try {
  const result = await importCsvBundle(store, job.path, {
    profileId: job.profileId,
    ...(job.label === undefined ? {} : { label: job.label }),
    ...(job.writeThreadFrom === undefined ? {} : { writeThreadFrom: job.writeThreadFrom }),
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'failed', error: toWorkerFailure(err) });
} finally {
  store.close();
  port.close();
}
