/**
 * The pull's write thread: inserts the pages the pull fetched and prepared (parsed, normalised, hashed: see
 * snapshots/prepare.ts), on its own SQLite connection, so HTTP, parsing (parse-worker.ts) and SQLite (here) run
 * at once and the calling thread never blocks on a page write. Ops come from the pull itself or, for a pull with
 * a parse thread, from that thread (`open.ops`); acknowledgements always go to the pull. A big CSV import writes
 * through it too (csv-import/import-writes.ts): its adds carry no page key but each record's file:line.
 *
 * Pages are applied in one open transaction that is committed every COMMIT_ROWS rows or COMMIT_MS, and when the
 * pull asks (`commit`: before it reads the ledger, at the end): a commit writes every page the transaction
 * dirtied (table and seven indexes) to the WAL, so per-page commits cost ~40% of this thread's time (CPU profile
 * of the medium district). Each page still goes in with its ledger row, so a crash loses only whole pages since
 * the last commit, which a resume fetches again.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { openDatabase } from '../snapshots/db';
import { countIssues, countRecords } from '../snapshots/summary';
import { SnapshotWriter } from '../snapshots/writer';
import { toWorkerFailure } from '../worker';
import { lineLocations, tallyAdd } from './write-protocol';
import type { AddTallies, FromWorker, ToWorker, WriteOp } from './write-protocol';

const COMMIT_ROWS = 50_000;
const COMMIT_MS = 1_000;

const port = parentPort;
if (port === null) throw new Error('write-worker.ts must run in a worker thread');

let input: MessagePort = port;
let db: Database.Database | null = null;
let snapshotId = '';
let failed = false;
const writers = new Map<SnapshotCollection, SnapshotWriter>();
/** The open transaction: since when, how many rows, up to which op. */
let tx: { since: number; rows: number } | null = null;
/** The last op applied (in the open transaction or committed). */
let appliedSeq = 0;
let idleCommit: NodeJS.Timeout | null = null;
/** What the adds did so far (a CSV import's per-file counts come from here); sent with `written`. */
const added: AddTallies = {};
let addedChanged = false;

function writerOf(collection: SnapshotCollection): SnapshotWriter {
  let w = writers.get(collection);
  if (w === undefined) {
    w = new SnapshotWriter(db!, snapshotId, collection);
    writers.set(collection, w);
  }
  return w;
}

function apply(op: WriteOp): number {
  const w = writerOf(op.collection);
  if (op.op === 'add') {
    const at = op.at;
    // Its own savepoint inside the open transaction (better-sqlite3 nests transactions that way).
    const r = w.addPrepared(op.batch, op.pageKey, at === undefined ? undefined : lineLocations(at));
    tallyAdd(added, op.collection, r);
    addedChanged = true;
    return op.batch.received;
  }
  if (op.op === 'reject') w.reject(op.raw, op.reason, op.location);
  else if (op.op === 'layout') w.setRawLayout(op.layout);
  else w.markPageDone(op.pageKey, op.info);
  return 1;
}

function commit(): void {
  if (idleCommit !== null) clearTimeout(idleCommit);
  idleCommit = null;
  if (tx !== null) {
    tx = null;
    db!.exec('COMMIT');
  }
  post({ type: 'committed', seq: appliedSeq });
}

/** Keeps the whole pages applied before the failure (each page is its own savepoint), then stops for good. */
function fail(err: unknown): void {
  failed = true;
  if (idleCommit !== null) clearTimeout(idleCommit);
  if (tx !== null) {
    tx = null;
    try {
      db!.exec('COMMIT');
    } catch {
      if (db!.inTransaction) db!.exec('ROLLBACK');
    }
  }
  post({ type: 'failed', error: toWorkerFailure(err), added });
}

function guarded(job: () => void): void {
  try {
    if (!failed) job();
  } catch (err) {
    fail(err);
  }
}

function handle(first: ToWorker): void {
  if (first.type === 'close') {
    try {
      if (!failed) commit();
    } finally {
      db?.close();
      // nothing else keeps the thread alive: it exits
      if (input !== port) input.close();
      port!.close();
    }
    return;
  }
  let closing = false;
  let counting = false;
  let commitAsked = first.type === 'commit';
  if (first.type === 'count') {
    guarded(() => {
      commit();
      // Copy the WAL into the database here: else the pull's own next commit (finishing the snapshot) would,
      // on its thread (~0.1 s for the medium district's last WAL).
      db!.pragma('wal_checkpoint(PASSIVE)');
      post({
        type: 'counted',
        counted: { counts: countRecords(db!, snapshotId), issues: countIssues(db!, snapshotId) },
      });
    });
    return;
  }
  try {
    if (failed) return;
    if (first.type === 'open') {
      db = openDatabase(first.dbPath, 'writer');
      snapshotId = first.snapshotId;
      if (first.ops !== undefined) {
        input = first.ops;
        input.on('message', (m: ToWorker) => handle(m));
      }
      return;
    }
    // Take everything already queued behind this message.
    const batches: Array<Extract<ToWorker, { type: 'ops' }>> = first.type === 'ops' ? [first] : [];
    for (let m = receiveMessageOnPort(input); m !== undefined; m = receiveMessageOnPort(input)) {
      const next = m.message as ToWorker;
      if (next.type === 'ops') batches.push(next);
      else if (next.type === 'commit') commitAsked = true;
      else if (next.type === 'count') {
        // Answered after these ops (below): it is the last thing a pull asks.
        counting = true;
        commitAsked = true;
      } else closing = true; // only 'close' can follow ops
    }
    if (batches.length > 0) {
      if (tx === null) {
        db!.exec('BEGIN');
        tx = { since: Date.now(), rows: 0 };
      }
      for (const b of batches) {
        for (const op of b.ops) tx.rows += apply(op);
        appliedSeq = b.seq;
      }
      post({ type: 'written', seq: appliedSeq, ...(addedChanged ? { added } : {}) });
      addedChanged = false;
    }
    const due = tx !== null && (tx.rows >= COMMIT_ROWS || Date.now() - tx.since >= COMMIT_MS);
    if (commitAsked || closing || due) commit();
    else if (tx !== null && idleCommit === null) idleCommit = setTimeout(() => guarded(commit), COMMIT_MS);
  } catch (err) {
    fail(err);
  } finally {
    if (counting) handle({ type: 'count' });
    if (closing) handle({ type: 'close' });
  }
}

function post(m: FromWorker): void {
  port!.postMessage(m);
}

port.on('message', (m: ToWorker) => handle(m));
