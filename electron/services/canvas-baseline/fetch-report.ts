import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { BaselineMeta, BaselineProblem, BaselineType } from '../../../shared/canvas/baseline';
import type { CanvasClient } from '../canvas-api';
import { canvasError } from '../canvas-api';
import { isServiceError, ServiceError } from '../../../shared/errors';
import { fetchCancelled, isCancellation, throwIfAborted, type ProgressFn } from './fetch-common';
import { importProvisioningZipInWorker } from './import-thread';
import type { BaselineStore } from './store';

/**
 * Reads the Canvas baseline through the provisioning_csv account report (docs/canvas-importer.md): start it with every
 * part and deleted objects, poll until Canvas has built it, download the zip to a temporary file, import it.
 * Far fewer requests than the read APIs, so preferred for large accounts.
 */
export interface FetchViaReportOptions {
  store: BaselineStore;
  client: CanvasClient;
  rootAccountId: string;
  profileId?: string | null;
  canvasUrl: string;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** First wait between polls (default 2 s); it grows by half each poll up to maxPollIntervalMs (default 30 s). */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Give up when Canvas has not finished the report by then; default 3 hours. */
  reportTimeoutMs?: number;
  /** Where the zip is downloaded (a fresh folder inside it, removed afterwards); default the OS temp folder. */
  tempDir?: string;
}

export interface FetchViaReportResult extends BaselineMeta {
  /** Rows of the report that could not be stored (first 1000), and how many there were. */
  problems: BaselineProblem[];
  problemCount: number;
}

const PARAMETERS = {
  accounts: true,
  terms: true,
  courses: true,
  sections: true,
  users: true,
  enrollments: true,
  xlist: true,
  include_deleted: true,
};

interface Report {
  id?: unknown;
  status?: unknown;
  progress?: unknown;
  file_url?: unknown;
  attachment?: { url?: unknown } | null;
  message?: unknown;
}

export async function fetchBaselineViaReport(opts: FetchViaReportOptions): Promise<FetchViaReportResult> {
  const { client, signal } = opts;
  const emit: ProgressFn = (p) => opts.onProgress?.(p);
  throwIfAborted(signal);
  const dir = await mkdtemp(join(opts.tempDir ?? tmpdir(), 'preflight-canvas-report-'));
  try {
    const url = await runReport(opts, emit);
    const zip = join(dir, 'provisioning.zip');
    await download(client, url, zip, emit, signal);
    throwIfAborted(signal);
    // Parsing and storing a large report is seconds of CPU: on the import thread, not the caller's.
    const result = await importProvisioningZipInWorker(opts.store, zip, {
      profileId: opts.profileId ?? null,
      canvasUrl: opts.canvasUrl,
      rootAccountId: opts.rootAccountId,
      ...(signal ? { signal } : {}),
      onProgress: (p) =>
        emit({
          phase: 'import',
          ...(p.kind !== 'xlist' ? { type: p.kind as BaselineType } : {}),
          rows: p.rows,
          pages: 0,
        }),
    });
    const meta = opts.store.get(result.baselineId)!;
    return { ...meta, problems: result.errors, problemCount: result.errorCount };
  } catch (err) {
    if (isCancellation(err, signal) || isServiceError(err, 'baseline_import_cancelled')) {
      throw fetchCancelled();
    }
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts the report and polls it; resolves to the file's URL. */
async function runReport(opts: FetchViaReportOptions, emit: ProgressFn): Promise<string> {
  const { client, signal } = opts;
  const sig = signal ? { signal } : {};
  const base = `/api/v1/accounts/${encodeURIComponent(opts.rootAccountId)}/reports/provisioning_csv`;
  let report: Report;
  try {
    report =
      (await client.request<Report>('POST', base, { body: { parameters: PARAMETERS }, ...sig })).data ?? {};
  } catch (err) {
    if (isServiceError(err, 'canvas_not_found')) {
      throw canvasError(
        'canvas_not_found',
        `Canvas has no account ${opts.rootAccountId} to run the report on.`,
        {
          hint: 'Check the root account id in the profile (usually 1).',
        },
      );
    }
    if (isServiceError(err, 'canvas_forbidden')) {
      throw canvasError(
        'canvas_forbidden',
        `${err.message.replace(/\.$/, '')} (starting the provisioning report).`,
        {
          hint: 'The token\'s user needs the "Reports - manage" permission on the root account; or read through the API instead.',
          detail: { step: 'provisioning_report' },
        },
      );
    }
    throw err;
  }
  const id = String(report.id ?? '');
  if (!/^\d+$/.test(id))
    throw canvasError('canvas_bad_response', 'Canvas did not answer the report request with a report.');
  const deadline = Date.now() + (opts.reportTimeoutMs ?? 3 * 3600_000);
  let wait = opts.pollIntervalMs ?? 2000;
  for (;;) {
    const status = String(report.status ?? '');
    emit({ phase: 'report', rows: 0, pages: 0, percent: Number(report.progress ?? 0) || 0 });
    if (status === 'complete') {
      const url = report.attachment?.url ?? report.file_url;
      if (typeof url !== 'string' || url === '') {
        throw canvasError('canvas_bad_response', `Canvas finished provisioning report ${id} without a file.`);
      }
      return url;
    }
    if (status === 'error' || status === 'aborted' || status === 'deleted') {
      const said =
        typeof report.message === 'string' && report.message ? `: "${report.message.slice(0, 300)}"` : '';
      throw new ServiceError(
        'canvas_report_failed',
        `Canvas could not build provisioning report ${id} (status ${status}${said}).`,
        { detail: { reportId: id, status } },
      );
    }
    if (Date.now() > deadline) {
      throw new ServiceError(
        'canvas_report_timeout',
        `Canvas has not finished provisioning report ${id} in time (last progress ${String(report.progress ?? 0)}%).`,
        {
          hint: 'Canvas builds reports in a queue that can be slow; try again later or read through the API instead.',
        },
      );
    }
    await sleep(wait, signal);
    wait = Math.min(opts.maxPollIntervalMs ?? 30_000, Math.round(wait * 1.5));
    report = (await client.request<Report>('GET', `${base}/${id}`, sig)).data ?? {};
  }
}

async function download(
  client: CanvasClient,
  url: string,
  path: string,
  emit: ProgressFn,
  signal?: AbortSignal,
): Promise<void> {
  const res = await client.download(url, signal ? { signal } : {});
  if (res.body === null) throw canvasError('canvas_bad_response', 'Canvas sent an empty report file.');
  let bytes = 0;
  let lastEmit = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes - lastEmit >= 1 << 20) {
        lastEmit = bytes;
        emit({ phase: 'download', rows: 0, pages: 0, bytes });
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>),
      counter,
      createWriteStream(path),
      ...(signal ? [{ signal }] : []),
    );
  } catch (err) {
    if (signal?.aborted) throw fetchCancelled();
    throw canvasError('canvas_unreachable', 'The download of the provisioning report broke off.', {
      cause: err instanceof Error ? { name: err.name, message: err.message } : undefined,
    });
  }
  emit({ phase: 'download', rows: 0, pages: 0, bytes });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(fetchCancelled());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(fetchCancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
