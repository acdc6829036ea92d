/**
 * Conversions on their own thread and their own read-only SQLite connection, so the Electron main thread keeps
 * answering the window while a district (up to 1M enrollments) is matched against its Canvas baseline. The plan
 * and the baseline index are kept between requests: an accept/reject or an import-mode change reuses both.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Plan } from '../../../shared/plan/types';
import { openBaselineStore, type BaselineStore } from '../canvas-baseline';
import { locateRow, planToCsvFiles, writeCanvasZip } from '../canvas-csv';
import { buildPlan } from '../plan';
import type { SnapshotStore } from '../snapshots';
import { openReadOnlyDatabase } from '../snapshots/read-only';
import { rowsPerFile, type FileRows } from '../sync/compare';
import { readCanvasMessages } from '../sync/read-messages';
import { toWorkerFailure } from '../worker';
import { evaluateConversion } from './evaluate-conversion';
import { indexBaseline, type BaselineIndex } from './index-baseline';
import { predictSyncImport } from './sync-prediction';
import type {
  ConversionRequest,
  ConversionWorkerData,
  FromConversionWorker,
  SyncFilesRequest,
  SyncMessagesRequest,
  SyncPredictionRequest,
  SyncZipRequest,
  ToConversionWorker,
} from './conversion-protocol';

const port = parentPort;
if (port === null) throw new Error('conversion-worker.ts must run in a worker thread');

const { dbPath } = workerData as ConversionWorkerData;
const db = openReadOnlyDatabase(dbPath);
// The baseline store only reads through `.db`; this thread has no SnapshotStore (that one migrates and writes).
const baselines: BaselineStore = openBaselineStore({ db } as unknown as SnapshotStore);

/** The last plan and baseline index only: each can be hundreds of MB on a large district. */
let kept: { key: string; plan: Plan } | null = null;
let keptIndex: { id: string; index: BaselineIndex } | null = null;

function planFor(req: Pick<ConversionRequest, 'snapshotId' | 'mapping'>): Plan {
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
    return { type: 'failed', id, error: toWorkerFailure(err) };
  }
}

function predict(id: number, req: SyncPredictionRequest): FromConversionWorker {
  try {
    const { snapshotId: _s, mapping: _m, ...rest } = req;
    return {
      type: 'predicted',
      id,
      output: predictSyncImport({ plan: planFor(req), baselineStore: baselines, ...rest }),
    };
  } catch (err) {
    return { type: 'failed', id, error: toWorkerFailure(err) };
  }
}

async function zip(id: number, req: SyncZipRequest): Promise<FromConversionWorker> {
  try {
    const opts = { changeSisIdRows: req.remaps, timeZone: req.timeZone };
    return { type: 'zipped', id, zip: await writeCanvasZip(planFor(req), opts, req.zipPath) };
  } catch (err) {
    return { type: 'failed', id, error: toWorkerFailure(err) };
  }
}

/** Rows per file of the last files counted: the Sync screen asks again on every import-mode change. */
let keptCounts: { key: string; files: FileRows } | null = null;

function filesOf(req: SyncFilesRequest) {
  return planToCsvFiles(planFor(req), { changeSisIdRows: req.remaps, timeZone: req.timeZone });
}

function count(id: number, req: SyncFilesRequest): FromConversionWorker {
  try {
    const key = `${req.snapshotId}\u0000${JSON.stringify(req.mapping)}\u0000${JSON.stringify(req.remaps)}`;
    if (keptCounts?.key !== key) keptCounts = { key, files: rowsPerFile(filesOf(req)) };
    return { type: 'counted', id, files: keptCounts.files };
  } catch (err) {
    return { type: 'failed', id, error: toWorkerFailure(err) };
  }
}

function readMessages(id: number, req: SyncMessagesRequest): FromConversionWorker {
  try {
    // The files are built only when Canvas named a row to locate.
    const sent = req.files;
    let files: ReturnType<typeof filesOf> | undefined;
    const locate = sent && ((file: string, row: number) => locateRow((files ??= filesOf(sent)), file, row));
    return { type: 'read', id, messages: readCanvasMessages(req.report, locate) };
  } catch (err) {
    return { type: 'failed', id, error: toWorkerFailure(err) };
  }
}

port.on('message', (m: ToConversionWorker) => {
  if (m.type === 'forget') {
    kept = null;
    keptIndex = null;
    keptCounts = null;
    return;
  }
  if (m.type === 'predict') {
    const { type: _type, id, ...req } = m;
    port.postMessage(predict(id, req));
    return;
  }
  if (m.type === 'count') {
    const { type: _type, id, ...req } = m;
    port.postMessage(count(id, req));
    return;
  }
  if (m.type === 'messages') {
    const { type: _type, id, ...req } = m;
    port.postMessage(readMessages(id, req));
    return;
  }
  if (m.type === 'zip') {
    const { type: _type, id, ...req } = m;
    // The host sends the next request only after this answer, so nothing runs beside the write.
    void zip(id, req).then((answer) => port.postMessage(answer));
    return;
  }
  const { type: _type, id, ...req } = m;
  port.postMessage(convert(id, req));
});
