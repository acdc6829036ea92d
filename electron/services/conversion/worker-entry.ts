/**
 * Conversions on their own thread and their own read-only SQLite connection, so the Electron main thread keeps
 * answering the window while a district (up to 1M enrollments) is matched against its Canvas baseline. The plan
 * and the baseline index are kept between requests: an accept/reject or an import-mode change reuses both.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Plan } from '../../../shared/plan/types';
import { openBaselineStore, type BaselineStore } from '../canvas-baseline';
import { buildPlan } from '../plan';
import type { SnapshotStore } from '../snapshots';
import { evaluateConversion } from './evaluate-conversion';
import { indexBaseline, type BaselineIndex } from './index-baseline';
import type {
  ConversionRequest,
  ConversionWorkerData,
  FromConversionWorker,
  ToConversionWorker,
} from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('worker-entry.ts must run in a worker thread');

/** Read-only: complete snapshots and baselines are immutable and this thread never writes (no migrations, guards). */
function openReader(dbPath: string): Database.Database {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // No mmap: main's connection already maps the file, and a second mapping counts against the process again.
  db.pragma('mmap_size = 0');
  return db;
}

const { dbPath } = workerData as ConversionWorkerData;
const db = openReader(dbPath);
// The baseline store only reads through `.db`; this thread has no SnapshotStore (that one migrates and writes).
const baselines: BaselineStore = openBaselineStore({ db } as unknown as SnapshotStore);

/** The last plan and baseline index only: each can be hundreds of MB on a large district. */
let kept: { key: string; plan: Plan } | null = null;
let keptIndex: { id: string; index: BaselineIndex } | null = null;

function planFor(req: ConversionRequest): Plan {
  const key = `${req.snapshotId}\u0000${JSON.stringify(req.mapping)}`;
  if (kept?.key !== key) {
    kept = null; // let the old plan go before the new one is built
    kept = { key, plan: buildPlan(db, req.snapshotId, req.mapping) };
  }
  return kept.plan;
}

function indexFor(baselineId: string): BaselineIndex {
  if (keptIndex?.id !== baselineId) {
    keptIndex = null;
    keptIndex = { id: baselineId, index: indexBaseline(baselines, baselineId) };
  }
  return keptIndex.index;
}

function convert(id: number, req: ConversionRequest): FromConversionWorker {
  try {
    // evaluateConversion checks the baseline exists and is complete before the index is read.
    const meta = baselines.get(req.baselineId);
    const index = meta?.status === 'complete' ? indexFor(req.baselineId) : undefined;
    const result = evaluateConversion({
      plan: planFor(req),
      baselineStore: baselines,
      baselineId: req.baselineId,
      snapshotId: req.snapshotId,
      decisions: req.decisions,
      importMode: req.importMode,
      ...(index ? { index } : {}),
    });
    return { type: 'done', id, result };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; hint?: unknown };
    return {
      type: 'failed',
      id,
      error: {
        code: typeof e?.code === 'string' ? e.code : null,
        message: typeof e?.message === 'string' ? e.message : String(err),
        hint: typeof e?.hint === 'string' ? e.hint : null,
      },
    };
  }
}

port.on('message', (m: ToConversionWorker) => {
  if (m.type === 'forget') {
    kept = null;
    keptIndex = null;
    return;
  }
  const { type: _type, id, ...req } = m;
  port.postMessage(convert(id, req));
});
