import type { Worker } from 'node:worker_threads';
import type { ReportModel } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import {
  exportReport,
  type ExportedFile,
  type ExportOptions,
  type RenderedFormat,
  type ReportRenderer,
} from './export';
import type { HtmlOptions } from './html/render';
import type { FromReportWorker, ReportWorkerData, ToReportWorker } from './report-protocol';

/**
 * Findings per message to the report thread. Posting copies them on this thread; 5,000 findings take a few
 * milliseconds, and the event loop runs between two slices.
 */
const CHUNK = 5_000;

const stopped = (message: string, cause?: unknown) =>
  new ServiceError(
    'report_failed',
    `Writing the report stopped: ${message}`,
    'Export again; if it keeps failing, check that the folder is writable.',
    cause === undefined ? undefined : { cause },
  );

export type ReportThread = ReportRenderer & { close(): Promise<void> };

/**
 * A report thread (report-worker.ts) for one model and its findings: html/json/csv/xlsx are built there, and
 * the findings cross only when a format needs them, in slices.
 */
export function startReportThread(
  options: Pick<ExportOptions, 'model' | 'findings' | 'pageSize' | 'locale' | 'timeZone'>,
): ReportThread {
  const data: ReportWorkerData = {
    model: options.model,
    pageSize: options.pageSize ?? 'A4',
    locale: options.locale ?? null,
    timeZone: options.timeZone ?? null,
  };
  const worker: Worker = startWorker('report', data);
  const pending = new Map<number, { resolve: (m: FromReportWorker) => void; reject: (e: Error) => void }>();
  let crash: ServiceError | null = null;
  const failAll = (err: ServiceError) => {
    crash ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: FromReportWorker) => {
    const p = pending.get(m.id);
    if (p === undefined) return;
    pending.delete(m.id);
    if (m.type === 'failed') p.reject(fromWorkerFailure(m.error, stopped));
    else p.resolve(m);
  });
  worker.once('error', (err) => failAll(stopped(err.message, err)));
  worker.once('exit', (code) => failAll(stopped(`the report thread exited (code ${code}).`)));

  let nextId = 1;
  type Request = { type: 'html' } | { type: 'write'; format: RenderedFormat; path: string };
  const ask = (m: Request): Promise<FromReportWorker> => {
    if (crash) return Promise.reject(crash);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...m, id } as ToReportWorker);
    });
  };

  let sent: Promise<void> | null = null;
  const sendFindings = () =>
    (sent ??= (async () => {
      const all = options.findings;
      for (let i = 0; i < all.length; i += CHUNK) {
        worker.postMessage({ type: 'findings', chunk: all.slice(i, i + CHUNK) } satisfies ToReportWorker);
        await new Promise((r) => setImmediate(r));
      }
    })());

  return {
    async html() {
      const m = await ask({ type: 'html' });
      return m.type === 'html' ? m.html : '';
    },
    async write(format, path) {
      if (format !== 'html') await sendFindings();
      await ask({ type: 'write', format, path });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** exportReport with html/json/csv/xlsx built on a report thread (the PDF is still printed by `printer`). */
export async function exportReportInWorker(options: ExportOptions): Promise<ExportedFile[]> {
  const thread = startReportThread(options);
  try {
    return await exportReport({ ...options, renderer: thread });
  } finally {
    await thread.close();
  }
}

/** renderReportHtml on a report thread (the report preview). */
export async function renderReportHtmlInWorker(
  model: ReportModel,
  options: HtmlOptions = {},
): Promise<string> {
  const findings: readonly Finding[] = [];
  const thread = startReportThread({ model, findings, ...options });
  try {
    return await thread.html();
  } finally {
    await thread.close();
  }
}
