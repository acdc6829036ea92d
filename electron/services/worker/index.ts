export { startWorker, toWorkerFailure, type WorkerFailure, type WorkerName } from './harness';
export { WORKER_ENTRIES } from './entries';
