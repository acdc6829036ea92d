import type { ConversionResult, RemapDecisions } from '../../../shared/conversion/types';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { ChangeSisIdRow, WrittenZip } from '../canvas-csv';
import type { FileRows } from '../sync/compare';
import type { CanvasReport, ReadMessages } from '../sync/read-messages';
import type { PredictorOutput } from '../sync/prepare-sync';
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

/**
 * The sync preview's row-level prediction for the plan of (snapshot, mapping) sent with `remaps` under `params`:
 * the one the conversion of the same mode already computed when it matches (sync-prediction.ts).
 */
export interface SyncPredictionRequest {
  snapshotId: string;
  baselineId: string;
  mapping: MappingOptions;
  remaps: ChangeSisIdRow[];
  params: Record<string, string>;
  timeZone: string | null;
}

/**
 * The sync's CSV files: the plan of (snapshot, mapping) with `remaps`, dates in `timeZone`. They are built in the
 * thread (~1 s on the large district) and need no baseline; only small answers come back.
 */
export interface SyncFilesRequest {
  snapshotId: string;
  mapping: MappingOptions;
  remaps: ChangeSisIdRow[];
  timeZone: string | null;
}

/** The sync's zip of those files, written at `zipPath` in the thread: only the path's facts come back. */
export interface SyncZipRequest extends SyncFilesRequest {
  zipPath: string;
}

/**
 * Canvas's answer to a sync: its error file parsed, and the record behind each row it names, located in the
 * sync's files (`files`); null = the files are not known (a resumed sync of another snapshot): not located.
 */
export interface SyncMessagesRequest {
  files: SyncFilesRequest | null;
  report: CanvasReport;
}

export type ToConversionWorker =
  | ({ type: 'convert'; id: number } & ConversionRequest)
  | ({ type: 'predict'; id: number } & SyncPredictionRequest)
  | ({ type: 'zip'; id: number } & SyncZipRequest)
  | ({ type: 'count'; id: number } & SyncFilesRequest)
  | ({ type: 'messages'; id: number } & SyncMessagesRequest)
  /** Drop the kept plan and baseline index (a district was removed, or its data is gone). */
  | { type: 'forget' };

export type FromConversionWorker =
  | { type: 'done'; id: number; result: ConversionResult }
  | { type: 'predicted'; id: number; output: PredictorOutput }
  | { type: 'zipped'; id: number; zip: WrittenZip }
  | { type: 'counted'; id: number; files: FileRows }
  | { type: 'read'; id: number; messages: ReadMessages }
  | { type: 'failed'; id: number; error: WorkerFailure };
