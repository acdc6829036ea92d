export {
  startWorker,
  toWorkerFailure,
  fromWorkerFailure,
  type WorkerFailure,
  type WorkerName,
} from './harness';
export { WORKER_ENTRIES } from './entries';
