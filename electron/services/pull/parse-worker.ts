/**
 * A big pull's parse thread: reads each fetched page's body (JSON, envelope), keeps its records until the pull
 * says whether to store them, prepares them as rows (snapshots/prepare.ts: tolerant parse, redaction, hash) and
 * sends them on to the write thread. So the calling thread (the app's main process) only moves bytes, and the
 * parsing and the SQLite writes run on the two other threads at once. Protocol: parse-protocol.ts.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { oneRosterFacts, isOneRosterError } from '../oneroster/errors';
import { readEnvelope } from '../oneroster/envelope';
import { prepareRecords } from '../snapshots/prepare';
import { tableSpec } from '../snapshots/tables';
import { toWorkerFailure } from '../worker';
import type { FromParser, ParseOp, ToParser } from './parse-protocol';
import { summarise } from './pulled-page';
import type { ToWorker, WriteOp } from './write-protocol';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');

let writer: MessagePort | null = null;
let failed = false;
/** Pages read but not yet stored or dropped, by the pull's reference. */
const held = new Map<number, unknown[]>();

function toWriteOp(op: ParseOp): WriteOp {
  if (op.op !== 'add-parsed') return op;
  const records = held.get(op.ref);
  if (records === undefined) throw new Error(`page ${op.ref} is not held by the parse thread`);
  held.delete(op.ref);
  return {
    op: 'add',
    collection: op.collection,
    batch: prepareRecords(tableSpec(op.collection), records),
    pageKey: op.pageKey,
  };
}

function handle(m: ToParser): void {
  if (m.type === 'close') {
    // The write thread is closed by the pull itself, once everything sent to it is committed.
    held.clear();
    writer?.close();
    port!.close();
    return;
  }
  if (failed) return;
  try {
    if (m.type === 'open') writer = m.writer;
    else if (m.type === 'drop') held.delete(m.ref);
    else if (m.type === 'parse') parse(m.ref, m.path, m.url, m.body);
    else if (m.type === 'commit' || m.type === 'count') forward(m);
    else forward({ type: 'ops', seq: m.seq, ops: m.ops.map(toWriteOp) });
  } catch (err) {
    failed = true;
    post({ type: 'failed', error: toWorkerFailure(err) });
  }
}

function parse(ref: number, path: string, url: string, body: Uint8Array): void {
  try {
    const env = readEnvelope(
      Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
      path,
      url,
    );
    held.set(ref, env.records);
    post({ type: 'parsed', ref, summary: summarise(env) });
  } catch (err) {
    if (!isOneRosterError(err) || err.code !== 'envelope') throw err;
    const facts = oneRosterFacts(err);
    post({
      type: 'unreadable',
      ref,
      error: {
        message: err.message,
        ...(facts?.codeMinor !== undefined ? { codeMinor: facts.codeMinor } : {}),
        ...(facts?.description !== undefined ? { description: facts.description } : {}),
      },
    });
  }
}

function forward(m: ToWorker): void {
  writer?.postMessage(m);
}

function post(m: FromParser): void {
  port!.postMessage(m);
}

port.on('message', (m: ToParser) => handle(m));
