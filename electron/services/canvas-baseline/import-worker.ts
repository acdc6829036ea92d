/**
 * A Canvas provisioning report (up to millions of rows) parsed and stored on its own thread and its own SQLite
 * connection, so the Electron main thread keeps answering the window while a baseline is imported or fetched.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../snapshots/db';
import type { SnapshotStore } from '../snapshots';
import { toWorkerFailure } from '../worker';
import { importProvisioningZip } from './import-zip';
import { BaselineStore } from './store';
import type { BaselineImportJob, FromBaselineImportWorker, ToBaselineImportWorker } from './import-protocol';

const port = parentPort;
if (port === null) throw new Error('import-worker.ts must run in a worker thread');

const job = workerData as BaselineImportJob;
const abort = new AbortController();
port.on('message', (m: ToBaselineImportWorker) => {
  if (m.type === 'abort') abort.abort();
});

const post = (m: FromBaselineImportWorker) => port.postMessage(m);
const db = openDatabase(job.dbPath);
try {
  // The baseline store only needs the connection (`.db`).
  const store = new BaselineStore({ db } as unknown as SnapshotStore);
  const result = await importProvisioningZip(store, job.zipPath, {
    profileId: job.profileId,
    canvasUrl: job.canvasUrl,
    rootAccountId: job.rootAccountId,
    signal: abort.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
    ...(job.maxErrors !== null ? { maxErrors: job.maxErrors } : {}),
  });
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'failed', error: toWorkerFailure(err) });
} finally {
  db.close();
}
