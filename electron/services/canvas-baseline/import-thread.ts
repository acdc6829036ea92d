import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { BaselineImportJob, FromBaselineImportWorker, ToBaselineImportWorker } from './import-protocol';
import {
  importProvisioningZip,
  type ImportProvisioningOptions,
  type ImportProvisioningResult,
} from './import-zip';
import type { BaselineStore } from './store';

const stopped = (message: string, cause?: unknown) =>
  new ServiceError(
    'baseline_import_failed',
    `Storing the Canvas report stopped: ${message}`,
    'Import or fetch the baseline again; if it keeps failing, check that the data folder is writable.',
    cause === undefined ? undefined : { cause },
  );

/**
 * importProvisioningZip on a baseline import thread (import-worker.ts) with its own connection to the store's
 * database file: same baseline, same result; progress and cancellation cross as messages. An in-memory
 * database has no file another connection could open, so it is imported here.
 */
export async function importProvisioningZipInWorker(
  store: BaselineStore,
  zipPath: string,
  opts: ImportProvisioningOptions = {},
): Promise<ImportProvisioningResult> {
  const dbPath = store.db.name;
  if (store.db.memory || dbPath === '') return importProvisioningZip(store, zipPath, opts);
  if (opts.signal?.aborted) return importProvisioningZip(store, zipPath, opts); // throws its cancellation
  const job: BaselineImportJob = {
    dbPath,
    zipPath,
    profileId: opts.profileId ?? null,
    canvasUrl: opts.canvasUrl ?? null,
    rootAccountId: opts.rootAccountId ?? null,
    maxErrors: opts.maxErrors ?? null,
  };
  const worker = startWorker('baseline-import', job);
  const onAbort = () => worker.postMessage({ type: 'abort' } satisfies ToBaselineImportWorker);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await new Promise<ImportProvisioningResult>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      worker.on('message', (m: FromBaselineImportWorker) => {
        if (m.type === 'progress') opts.onProgress?.(m.progress);
        else if (m.type === 'done') settle(() => resolve(m.result));
        else settle(() => reject(fromWorkerFailure(m.error, stopped)));
      });
      worker.once('error', (err) => settle(() => reject(stopped(err.message, err))));
      worker.once('exit', (code) =>
        settle(() => reject(stopped(`the import thread exited (code ${code}) before it answered.`))),
      );
    });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
