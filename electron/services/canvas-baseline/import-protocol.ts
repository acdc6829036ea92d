import type { WorkerFailure } from '../worker';
import type { ImportProgress, ImportProvisioningResult } from './import-zip';

/** What the baseline import thread is started with (workerData): the database it writes and the report file. */
export interface BaselineImportJob {
  dbPath: string;
  zipPath: string;
  profileId: string | null;
  canvasUrl: string | null;
  rootAccountId: string | null;
  maxErrors: number | null;
}

export type ToBaselineImportWorker = { type: 'abort' };

export type FromBaselineImportWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ImportProvisioningResult }
  | { type: 'failed'; error: WorkerFailure };
