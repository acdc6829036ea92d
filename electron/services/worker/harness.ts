import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { WORKER_ENTRIES, type WorkerName } from './entries';
import {
  fromErrorData,
  INTERNAL_ERROR,
  toErrorData,
  type ErrorData,
  type ServiceError,
} from '../../../shared/errors';

export type { WorkerName } from './entries';

/**
 * The one way a service starts a worker thread: `startWorker(name, data)`. `data` arrives in the thread as
 * `workerData`. In the built app this file is bundled into out/main (index.js or a chunk beside it), and the
 * entries sit in out/main as `<name>-worker.js`; in the source tree the entry is the .ts file of entries.ts,
 * loaded through boot.mjs (which registers tsx in the thread).
 */
const BOOT = 'boot.mjs';

export function startWorker(
  name: WorkerName,
  data?: unknown,
  options: { resourceLimits?: ResourceLimits } = {},
): Worker {
  const bundled = bundledEntry(name);
  if (bundled !== null) return new Worker(bundled, { workerData: data, ...options });
  const entry = pathToFileURL(join(projectRoot(), WORKER_ENTRIES[name])).href;
  return new Worker(new URL(`./${BOOT}`, import.meta.url), {
    workerData: data,
    argv: [`--preflight-worker-entry=${entry}`],
    ...options,
  });
}

function bundledEntry(name: WorkerName): URL | null {
  // Names built at run time: bundlers must not try to resolve these URLs at build time.
  const file = `${name}-worker.js`;
  for (const rel of [`./${file}`, `../${file}`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** Source tree: this file is electron/services/worker/harness.ts. */
function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
}

/** A failure as it crosses a thread: ErrorData (shared/errors.ts); code `internal` = a bug in the thread. */
export type WorkerFailure = ErrorData;

/** In the thread: what a caught error becomes before it is posted. */
export function toWorkerFailure(err: unknown): WorkerFailure {
  return toErrorData(err, 'thread');
}

/**
 * On the host: the posted failure as the error to throw. A ServiceError comes back as a ServiceError with the
 * same code, message, hint and detail; a bug in the thread (code `internal`) becomes what `bug` makes of its
 * message (the host's own "… stopped: <message>" error).
 */
export function fromWorkerFailure(
  failure: WorkerFailure,
  bug: (message: string) => ServiceError,
): ServiceError {
  return failure.code === INTERNAL_ERROR.code ? bug(failure.message) : fromErrorData(failure);
}
