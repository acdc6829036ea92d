import type { ConversionResult, RemapDecisions } from '../../../shared/conversion/types';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { WorkerFailure } from '../worker';

/** What the conversion thread is started with (workerData): the snapshot database it opens read-only. */
export interface ConversionWorkerData {
  dbPath: string;
}

/** One conversion: the plan is built in the thread from (snapshot, mapping), so it never crosses threads. */
export interface ConversionRequest {
  snapshotId: string;
  baselineId: string;
  mapping: MappingOptions;
  decisions: RemapDecisions;
  importMode: ImportMode;
}

export type ToConversionWorker =
  | ({ type: 'convert'; id: number } & ConversionRequest)
  /** Drop the kept plan and baseline index (a district was removed, or its data is gone). */
  | { type: 'forget' };

export type FromConversionWorker =
  | { type: 'done'; id: number; result: ConversionResult }
  | { type: 'failed'; id: number; error: WorkerFailure };
