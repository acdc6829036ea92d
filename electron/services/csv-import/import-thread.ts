import type { ImportResult } from '../../../shared/snapshots/result';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { CsvImportOptions } from './import';
import type { FromImportWorker, ImportJob, ToImportWorker } from './import-protocol';

/**
 * importCsvBundle in a worker thread (import-worker.ts) with its own connection to `dbPath`: same result, same
 * progress and cancellation, but the calling thread (the Electron main thread) only receives messages.
 */
export function importCsvBundleInWorker(
  dbPath: string,
  path: string,
  options: CsvImportOptions = {},
): Promise<ImportResult> {
  const job: ImportJob = {
    dbPath,
    path,
    profileId: options.profileId ?? null,
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(options.writeThreadFrom === undefined ? {} : { writeThreadFrom: options.writeThreadFrom }),
  };
  const worker = startWorker('csv-import', job);
  const cancel = () => worker.postMessage({ type: 'cancel' } satisfies ToImportWorker);
  options.signal?.addEventListener('abort', cancel, { once: true });
  if (options.signal?.aborted) cancel();
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false;
    const stopped = (message: string, cause?: unknown) =>
      new ServiceError(
        'csv_import_failed',
        `The import stopped: ${message}`,
        'Import the bundle again; if it keeps failing, check that the data folder is writable.',
        cause === undefined ? undefined : { cause },
      );
    const fail = (error: ServiceError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    worker.on('message', (m: FromImportWorker) => {
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result);
      } else fail(fromWorkerFailure(m.error, stopped));
    });
    worker.once('error', (err) => fail(stopped(err.message, err)));
    worker.once('exit', (code) =>
      fail(stopped(`the import thread exited (code ${code}) before it answered.`)),
    );
  }).finally(() => options.signal?.removeEventListener('abort', cancel));
}
