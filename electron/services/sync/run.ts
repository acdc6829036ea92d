import { userInfo } from 'node:os';
import type { ImportMode } from '../../../shared/sync/import-mode';
import {
  FINISHED_STATES,
  SUCCESS_STATES,
  type SyncHistoryEntry,
  type SyncProgress,
  type SyncResult,
} from '../../../shared/sync/types';
import type { CanvasClient } from '../canvas-api';
import { isServiceError, ServiceError } from '../../../shared/errors';
import {
  abortSisImport,
  downloadErrorFile,
  getSisImport,
  postSisImport,
  type SisImportJson,
} from './canvas-import';
import { comparePrediction } from './compare';
import type { NewHistoryEntry, SyncHistoryStore } from './history';
import type { Locate } from './messages';
import { readCanvasMessages, type ReadCanvasMessages } from './read-messages';

/**
 * Sends a SIS import zip to Canvas and follows it to the end (docs/architecture.md "Data flow"). The import id is written to the
 * history as soon as Canvas answers the POST, before polling, so a crash, a closed laptop or a dropped network
 * never loses the import: `resumeSync` picks it up again. Polling backs off; aborting the signal aborts the
 * import in Canvas (PUT …/abort). One sync per profile at a time (history lock).
 */

export interface PollOptions {
  /** First wait between polls; default 2 s, growing by `factor` up to `maxIntervalMs` (default 30 s). */
  intervalMs?: number;
  maxIntervalMs?: number;
  factor?: number;
  /** Consecutive failed polls (network, 5xx) before giving up and leaving the import to resume; default 6. */
  maxFailures?: number;
}

interface Common {
  client: CanvasClient;
  rootAccountId: string;
  profileId: string;
  history: SyncHistoryStore;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** Maps Canvas's file + row to the OneRoster record (from the plan's CSV files); null = no mapping. */
  locate?: Locate | null;
  /** Reads Canvas's messages and error file elsewhere (the app: the conversion thread); instead of `locate`. */
  readMessages?: ReadCanvasMessages | null;
  poll?: PollOptions;
}

export interface RunSyncOptions extends Common {
  zipPath: string;
  importMode: ImportMode;
  /** Who started it (default: the OS user). */
  by?: string;
  meta: SyncHistoryEntry['options'];
  /** The checklist, acknowledged blockers and prediction as they stood when sent (compared after Canvas finished). */
  record?: Pick<NewHistoryEntry, 'guardRails' | 'acknowledgedBlockers' | 'prediction'>;
}

export interface SyncOutcome {
  entry: SyncHistoryEntry;
  result: SyncResult;
}

const TRANSIENT = new Set([
  'canvas_unreachable',
  'canvas_server_error',
  'canvas_throttled',
  'canvas_bad_response',
]);
const isCancel = (e: unknown) => isServiceError(e, 'canvas_cancelled');

function errorInfo(e: unknown): NonNullable<SyncHistoryEntry['error']> {
  if (e instanceof ServiceError)
    return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ServiceError('canvas_cancelled', 'Cancelled.'));
    const onAbort = () => {
      clearTimeout(t);
      reject(new ServiceError('canvas_cancelled', 'Cancelled.'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function runSync(opts: RunSyncOptions): Promise<SyncOutcome> {
  const lock = opts.history.lock(opts.profileId);
  try {
    let entry = await opts.history.begin({
      profileId: opts.profileId,
      by: opts.by ?? safeUser(),
      startedAt: new Date().toISOString(),
      canvasUrl: opts.client.baseUrl.origin,
      rootAccountId: opts.rootAccountId,
      importMode: opts.importMode,
      options: opts.meta,
      ...(opts.record ?? {}),
    });
    report(opts, {
      phase: 'posting',
      importId: null,
      workflowState: '',
      progress: 0,
      polls: 0,
      retrying: null,
    });
    let created: SisImportJson;
    try {
      created = await postSisImport(
        opts.client,
        opts.rootAccountId,
        opts.zipPath,
        opts.importMode,
        opts.signal,
      );
    } catch (e) {
      await opts.history.update(opts.profileId, entry.id, {
        status: 'not_sent',
        endedAt: new Date().toISOString(),
        error: errorInfo(e),
      });
      throw e;
    }
    entry = await opts.history.update(opts.profileId, entry.id, {
      importId: String(created.id),
      status: 'polling',
    });
    return await follow(opts, entry, created);
  } finally {
    lock.release();
  }
}

/** Picks up the newest import that was sent but not seen to the end (or `entryId`), and follows it. */
export async function resumeSync(opts: Common & { entryId?: string }): Promise<SyncOutcome> {
  const lock = opts.history.lock(opts.profileId);
  try {
    const entry =
      opts.entryId !== undefined
        ? await opts.history.get(opts.profileId, opts.entryId)
        : await opts.history.unfinished(opts.profileId);
    if (!entry || entry.importId === null) {
      throw new ServiceError(
        'sync_nothing_to_resume',
        'There is no unfinished sync to resume for this district.',
        'Start a new sync instead.',
      );
    }
    const updated = await opts.history.update(opts.profileId, entry.id, { status: 'polling', error: null });
    return await follow(opts, updated, null);
  } finally {
    lock.release();
  }
}

function report(opts: Common, p: SyncProgress): void {
  opts.onProgress?.(p);
}

async function follow(
  opts: Common,
  entry: SyncHistoryEntry,
  first: SisImportJson | null,
): Promise<SyncOutcome> {
  const importId = entry.importId!;
  let imp: SisImportJson;
  try {
    imp = await poll(opts, importId, first);
  } catch (e) {
    if (isCancel(e)) imp = await abort(opts, importId);
    else {
      await opts.history.update(opts.profileId, entry.id, { status: 'interrupted', error: errorInfo(e) });
      // How to follow it again (and renew the token) is worded at the edges: sync_poll_interrupted.
      throw new ServiceError(
        'sync_poll_interrupted',
        `Lost track of Canvas import ${importId} while waiting for it: ${e instanceof ServiceError ? e.message : String(e)}`,
        {
          hint: 'The import keeps running in Canvas; follow it again when the connection is back.',
          detail: { importId, ...(e instanceof ServiceError ? { cause: e.code } : {}) },
          cause: e,
        },
      );
    }
  }
  const result = await finish(opts, importId, imp);
  const done = await opts.history.update(opts.profileId, entry.id, {
    status: 'finished',
    endedAt: result.endedAt ?? new Date().toISOString(),
    result,
    error: null,
    // Closing the loop: every difference from the preview is a missed prediction, kept with the sync.
    predictionCheck: entry.prediction ? comparePrediction(entry.prediction, result) : null,
  });
  report(opts, {
    phase: 'done',
    importId,
    workflowState: result.workflowState,
    progress: result.progress,
    polls: 0,
    retrying: null,
  });
  return { entry: done, result };
}

async function poll(opts: Common, importId: string, first: SisImportJson | null): Promise<SisImportJson> {
  const o = opts.poll ?? {};
  let interval = o.intervalMs ?? 2000;
  const max = o.maxIntervalMs ?? 30_000;
  const factor = o.factor ?? 1.5;
  let failures = 0;
  let polls = 0;
  let imp = first;
  for (;;) {
    if (imp !== null) {
      report(opts, {
        phase: 'polling',
        importId,
        workflowState: imp.workflow_state,
        progress: imp.progress ?? 0,
        polls,
        retrying: null,
      });
      if (FINISHED_STATES.includes(imp.workflow_state)) return imp;
      await sleep(interval, opts.signal);
      interval = Math.min(max, interval * factor);
    }
    try {
      imp = await getSisImport(opts.client, opts.rootAccountId, importId, opts.signal);
      polls++;
      failures = 0;
    } catch (e) {
      if (isCancel(e) || !(e instanceof ServiceError) || !TRANSIENT.has(e.code)) throw e;
      if (++failures > (o.maxFailures ?? 6)) throw e;
      report(opts, {
        phase: 'polling',
        importId,
        workflowState: imp?.workflow_state ?? '',
        progress: imp?.progress ?? 0,
        polls,
        retrying: e.message,
      });
      imp = null;
      await sleep(Math.min(max, interval * failures), opts.signal);
    }
  }
}

async function abort(opts: Common, importId: string): Promise<SisImportJson> {
  report(opts, { phase: 'aborting', importId, workflowState: '', progress: 0, polls: 0, retrying: null });
  const after = await abortSisImport(opts.client, opts.rootAccountId, importId);
  return FINISHED_STATES.includes(after.workflow_state)
    ? after
    : getSisImport(opts.client, opts.rootAccountId, importId);
}

async function finish(opts: Common, importId: string, imp: SisImportJson): Promise<SyncResult> {
  const attachment = imp.errors_attachment ?? null;
  let text: string | null = null;
  let fileNote: string | null = null;
  if (attachment?.url) {
    report(opts, {
      phase: 'downloading_errors',
      importId,
      workflowState: imp.workflow_state,
      progress: imp.progress ?? 100,
      polls: 0,
      retrying: null,
    });
    try {
      text = await downloadErrorFile(opts.client, attachment.url);
    } catch (e) {
      // The result stands without row numbers; the link still lets the user download the file.
      fileNote = e instanceof ServiceError ? e.message : String(e);
    }
  }
  const canvasReport = {
    processingErrors: imp.processing_errors ?? [],
    processingWarnings: imp.processing_warnings ?? [],
    errorFile: text,
  };
  const mapped = opts.readMessages
    ? await opts.readMessages(canvasReport)
    : readCanvasMessages(canvasReport, opts.locate ?? null);
  fileNote ??= mapped.unreadable;
  return {
    importId,
    workflowState: imp.workflow_state,
    ok: SUCCESS_STATES.includes(imp.workflow_state),
    progress: imp.progress ?? 0,
    counts: imp.data?.counts ?? {},
    errors: mapped.errors,
    warnings: mapped.warnings,
    errorFile: attachment?.url
      ? {
          name: attachment.display_name ?? attachment.filename ?? `sis_errors_attachment_${importId}.csv`,
          url: attachment.url,
          rows: mapped.fileRows,
          messages: fileNote
            ? [
                {
                  severity: 'message',
                  file: '',
                  message: `The error file could not be read: ${fileNote}`,
                  row: null,
                  entity: null,
                },
              ]
            : mapped.fileMessages,
        }
      : null,
    canvasLink: `${opts.client.baseUrl.origin}/accounts/${encodeURIComponent(opts.rootAccountId)}/sis_import`,
    endedAt: imp.ended_at ?? null,
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
