/**
 * The rule modules of one evaluation, on their own thread and their own read-only SQLite connection, while
 * the planner runs on the calling thread: the two halves of an evaluation use two cores (WAL lets both read the
 * same file at once), and in the app the Electron main thread is not blocked while the rules run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { runRuleModules } from '../rules/runner';
import { openReadOnlyDatabase } from '../snapshots/read-only';
import { toWorkerFailure } from '../worker';
import type { FromRulesWorker, RulesJob } from './rules-protocol';

const port = parentPort;
if (port === null) throw new Error('rules-worker.ts must run in a worker thread');

const job = workerData as RulesJob;
let message: FromRulesWorker;
let db: Database.Database | null = null;
try {
  db = openReadOnlyDatabase(job.dbPath);
  message = { type: 'done', run: runRuleModules(db, job.snapshotId, job.options) };
} catch (err) {
  message = { type: 'failed', error: toWorkerFailure(err) };
} finally {
  db?.close();
}
port.postMessage(message);
