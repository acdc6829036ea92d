import type { ImportResult } from '../../../shared/snapshots/result';
import type { WorkerFailure } from '../worker';
import type { CsvImportProgress } from './import';

/** What the import thread is started with (workerData): the database it writes to and the bundle it reads. */
export interface ImportJob {
  dbPath: string;
  path: string;
  profileId: string | null;
  label?: string;
  /** CsvImportOptions.writeThreadFrom (a write thread started from this thread). */
  writeThreadFrom?: number;
}

export type ToImportWorker = { type: 'cancel' };

export type FromImportWorker =
  | { type: 'progress'; progress: CsvImportProgress }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; error: WorkerFailure };
