/**
 * The pull's write thread: inserts the pages the pull fetched and prepared (parsed, normalised, hashed: see
 * snapshots/prepare.ts), on its own SQLite connection, so HTTP + parsing (main thread) and SQLite (here) use
 * two cores and the main thread never blocks on a page write. Everything that is queued when the thread gets to it is written in one transaction (each page
 * still with its ledger row), so a busy pull makes fewer, larger commits.
 */
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { openDatabase } from '../snapshots/db';
import { SnapshotWriter } from '../snapshots/writer';
import { toWorkerFailure } from '../worker';
import type { FromWorker, ToWorker, WriteOp } from './write-protocol';

const port = parentPort;
if (port === null) throw new Error('write-worker.ts must run in a worker thread');

let db: Database.Database | null = null;
let snapshotId = '';
let failed = false;
const writers = new Map<SnapshotCollection, SnapshotWriter>();

function writerOf(collection: SnapshotCollection): SnapshotWriter {
  let w = writers.get(collection);
  if (w === undefined) {
    w = new SnapshotWriter(db!, snapshotId, collection);
    writers.set(collection, w);
  }
  return w;
}

function apply(op: WriteOp): void {
  const w = writerOf(op.collection);
  if (op.op === 'add') w.addPrepared(op.batch, op.pageKey);
  else if (op.op === 'reject') w.reject(op.raw, op.reason, op.location);
  else w.markPageDone(op.pageKey, op.info);
}

function handle(first: ToWorker): void {
  if (first.type === 'close') {
    db?.close();
    port!.close(); // nothing else keeps the thread alive: it exits
    return;
  }
  let closing = false;
  try {
    if (failed) return;
    if (first.type === 'open') {
      db = openDatabase(first.dbPath, 'writer');
      snapshotId = first.snapshotId;
      return;
    }
    // Take everything already queued behind this message: one commit for all of it.
    const batches: Array<Extract<ToWorker, { type: 'ops' }>> = [first];
    for (let m = receiveMessageOnPort(port!); m !== undefined; m = receiveMessageOnPort(port!)) {
      const next = m.message as ToWorker;
      if (next.type === 'ops') batches.push(next);
      else closing = true; // only 'close' can follow ops
    }
    db!.transaction(() => {
      for (const b of batches) for (const op of b.ops) apply(op);
    })();
    post({ type: 'written', seq: batches[batches.length - 1]!.seq });
  } catch (err) {
    failed = true;
    post({ type: 'failed', error: toWorkerFailure(err) });
  } finally {
    if (closing) handle({ type: 'close' });
  }
}

function post(m: FromWorker): void {
  port!.postMessage(m);
}

port.on('message', (m: ToWorker) => handle(m));
