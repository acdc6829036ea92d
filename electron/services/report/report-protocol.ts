import type { PageSize, ReportModel } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import type { WorkerFailure } from '../worker';
import type { RenderedFormat } from './export';

/** What the report thread is started with (workerData): the model is small; the findings follow in messages. */
export interface ReportWorkerData {
  model: ReportModel;
  pageSize: PageSize;
  locale: string | null;
  timeZone: string | null;
}

export type ToReportWorker =
  /** A slice of the visible findings, in order (a million findings are never one message: see report-thread.ts). */
  | { type: 'findings'; chunk: Finding[] }
  | { type: 'html'; id: number }
  | { type: 'write'; id: number; format: RenderedFormat; path: string };

export type FromReportWorker =
  | { type: 'html'; id: number; html: string }
  | { type: 'written'; id: number }
  | { type: 'failed'; id: number; error: WorkerFailure };
