/**
 * The rule modules of one evaluation, on their own thread and their own read-only SQLite connection, while
 * the planner runs on the calling thread: the two halves of an evaluation use two cores (WAL lets both read the
 * same file at once), and in the app the Electron main thread is not blocked while the rules run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { runRuleModules } from '../rules/runner';
import type { FromRulesWorker, RulesJob } from './rules-protocol';

const port = parentPort;
if (port === null) throw new Error('rules-worker.ts must run in a worker thread');

/** Read-only: the snapshot is complete (immutable) and this thread never writes, so no migrations or guards. */
function openReader(dbPath: string): Database.Database {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // No mmap (unlike the store's connection): the planner's connection already maps the file, and a second
  // mapping counts against the process's memory again (≈ +260 MB peak RSS on the large district, no faster).
  db.pragma('mmap_size = 0');
  return db;
}

const job = workerData as RulesJob;
let message: FromRulesWorker;
let db: Database.Database | null = null;
try {
  db = openReader(job.dbPath);
  message = { type: 'done', run: runRuleModules(db, job.snapshotId, job.options) };
} catch (err) {
  const e = err as { code?: unknown; message?: unknown; hint?: unknown };
  message = {
    type: 'failed',
    error: {
      code: typeof e?.code === 'string' ? e.code : null,
      message: typeof e?.message === 'string' ? e.message : String(err),
      hint: typeof e?.hint === 'string' ? e.hint : null,
    },
  };
} finally {
  db?.close();
}
port.postMessage(message);
