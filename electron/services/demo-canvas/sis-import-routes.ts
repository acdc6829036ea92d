import { randomBytes } from 'node:crypto';
import { validateCanvasCsvZip, type CanvasCsvValidation } from '../canvas-csv';
import { csvLine } from '../canvas-csv/csv-line';
import { readImportZip, type ImportFile } from '../canvas-import-model';
import type { BaselineRows } from './generate-baseline';
import { applyImport, type AppliedImport } from './importer/apply-import';
import type { CanvasRequest, CanvasResponse, CanvasRoute } from './route';

/**
 * SIS imports for the Canvas double (docs/canvas-importer.md): POST a zip (multipart `attachment` or a raw body), poll
 * it through created → importing → imported | imported_with_messages | failed | failed_with_messages | aborted,
 * abort it, download its error file. With a Canvas (`canvas`), the import is applied to it row by row as Canvas's
 * importer does (importer/): skipped rows become warnings with Canvas's messages, counts are the rows applied, batch
 * mode deletes and change_threshold aborts. Without one, only the zip's file checks run and every valid row
 * counts. Everything received is recorded so tests can assert what was sent.
 */

export interface SisImportKnobs {
  /** End every import `failed` (no messages), as when Canvas's job crashes. */
  fail?: boolean;
  /** Extra messages Canvas "finds" while importing, as [file, message, row]. */
  extraErrors?: Array<[string, string, number]>;
  extraWarnings?: Array<[string, string, number]>;
  /** GETs of an import before it finishes; default 3 (each one advances progress). */
  pollsToFinish?: number;
  /** The next N GETs of an import answer 503 (a flaky proxy). */
  failPolls?: number;
}

export interface ReceivedImport {
  id: number;
  accountId: string;
  form: 'multipart' | 'raw';
  /** Every parameter (query string and form fields). */
  params: Record<string, string>;
  fileName: string;
  zip: Buffer;
  validation: CanvasCsvValidation;
}

interface ImportRecord {
  received: ReceivedImport;
  state: string;
  progress: number;
  polls: number;
  createdAt: string;
  endedAt: string | null;
  errors: Array<[string, string, number]>;
  warnings: Array<[string, string, number]>;
  errorFile: { id: number; verifier: string } | null;
  /** The zip's files (when the double applies imports to a Canvas). */
  files: ImportFile[] | null;
  applied: AppliedImport | null;
}

export interface SisImportState {
  rootAccountId: string;
  knobs: SisImportKnobs;
  /** SIS term ids Canvas already has (batch_mode_term_id must name one); imported terms are added. */
  knownTermIds: Set<string>;
  /** The Canvas imports are applied to (the rows the read routes serve), when the double models Canvas. */
  canvas: BaselineRows | null;
  /** Fields edited in the Canvas UI per object of `canvas` (sticky: kept unless override_sis_stickiness). */
  stuck: WeakMap<object, Set<string>>;
  /** Diffing: the files of each data set's last successful import (what the next import is diffed against). */
  diffingBases: Map<string, ImportFile[]>;
  received: ReceivedImport[];
  imports: Map<number, ImportRecord>;
  nextId: number;
}

export function createSisImportState(
  opts: {
    rootAccountId?: string;
    knobs?: SisImportKnobs;
    knownTermIds?: Iterable<string>;
    canvas?: BaselineRows;
  } = {},
): SisImportState {
  return {
    rootAccountId: opts.rootAccountId ?? '1',
    knobs: opts.knobs ?? {},
    knownTermIds: new Set(opts.knownTermIds ?? []),
    canvas: opts.canvas ?? null,
    stuck: new WeakMap(),
    diffingBases: new Map(),
    received: [],
    imports: new Map(),
    nextId: 101,
  };
}

const MAX_MESSAGES = 24;
const FINISHED = new Set(['imported', 'imported_with_messages', 'failed', 'failed_with_messages', 'aborted']);
const COUNT_KEYS = [
  'accounts',
  'terms',
  'abstract_courses',
  'courses',
  'sections',
  'xlists',
  'users',
  'enrollments',
  'groups',
  'group_memberships',
  'grade_publishing_results',
  'user_observers',
  'change_sis_ids',
  'admins',
  'logins',
] as const;

const bad = (status: number, message: string): CanvasResponse => ({
  status,
  body: { errors: [{ message }] },
});

async function readUpload(
  req: CanvasRequest,
): Promise<
  | { form: 'multipart' | 'raw'; params: Record<string, string>; fileName: string; zip: Buffer }
  | CanvasResponse
> {
  const params: Record<string, string> = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': type } }).formData();
    } catch {
      return bad(400, 'The multipart body could not be read.');
    }
    let file: File | null = null;
    for (const [key, value] of form) {
      if (typeof value === 'string') params[key] = value;
      else if (key === 'attachment') file = value;
    }
    if (file === null)
      return bad(400, 'No attachment was given (expected a multipart field named "attachment").');
    return { form: 'multipart', params, fileName: file.name, zip: Buffer.from(await file.arrayBuffer()) };
  }
  const charset = /charset=([^;]+)/i.exec(type)?.[1]?.trim().toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return bad(400, 'Invalid content type, UTF-8 required');
  if (
    !/^(application\/zip|application\/octet-stream|text\/csv|text\/plain)/i.test(type) ||
    req.body.length === 0
  )
    return bad(400, 'No attachment was given (send a multipart "attachment" or a raw zip body).');
  return { form: 'raw', params, fileName: `upload.${params.extension ?? 'zip'}`, zip: req.body };
}

/** Parameter checks Canvas makes before it queues the import (docs/canvas-importer.md). */
function checkParams(p: Record<string, string>, state: SisImportState): string | null {
  const on = (k: string) => p[k] === 'true' || p[k] === '1';
  if ((p.import_type ?? 'instructure_csv') !== 'instructure_csv')
    return `Unknown import_type ${p.import_type}.`;
  if (p.change_threshold !== undefined) {
    const n = Number(p.change_threshold);
    if (!Number.isInteger(n) || n < 1 || n > 100)
      return 'change_threshold must be an integer between 1 and 100.';
  }
  if (on('multi_term_batch_mode') && p.change_threshold === undefined)
    return 'change_threshold is required to use multi term_batch mode.';
  if (on('batch_mode') && p.diffing_data_set_identifier) return 'Batch mode and diffing cannot be combined.';
  if (on('batch_mode') && !on('multi_term_batch_mode')) {
    const term = p.batch_mode_term_id ?? '';
    const sis = /^sis_term_id:(.+)$/.exec(term)?.[1];
    const known = state.canvas
      ? state.canvas.terms.some((t) => t.status !== 'deleted' && t.term_id === sis)
      : state.knownTermIds.has(sis ?? '');
    if (sis === undefined || !known)
      return 'Batch mode specified, but the given batch_mode_term_id cannot be found.';
  }
  if (p.diffing_drop_status && !['deleted', 'completed', 'inactive'].includes(p.diffing_drop_status))
    return `Invalid diffing_drop_status ${p.diffing_drop_status}.`;
  if ((p.diffing_data_set_identifier ?? '').length > 128) return 'diffing_data_set_identifier is too long.';
  return null;
}

function counts(r: ImportRecord): Record<string, number> {
  const c: Record<string, number> = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0]));
  if (r.applied) {
    for (const [key, n] of Object.entries(r.applied.counts)) c[key] = n;
  } else if (r.state === 'imported' || r.state === 'imported_with_messages') {
    for (const [kind, n] of Object.entries(r.received.validation.counts)) {
      const key = kind === 'change_sis_id' ? 'change_sis_ids' : kind;
      c[key] = (c[key] ?? 0) + n;
    }
  }
  return {
    batch_courses_deleted: 0,
    batch_sections_deleted: 0,
    batch_enrollments_deleted: 0,
    ...c,
    error_count: r.errors.length,
    warning_count: r.warnings.length,
  };
}

/** Canvas keeps 24 messages per list on the object, then points at the error file. */
function capped(list: Array<[string, string, number]>, what: string): Array<[string, string]> {
  const out = list.slice(0, MAX_MESSAGES).map(([f, m]) => [f, m] as [string, string]);
  if (list.length > MAX_MESSAGES)
    out.push([
      '',
      `There were ${list.length - MAX_MESSAGES} more ${what} not shown. Please download the error file.`,
    ]);
  return out;
}

function json(r: ImportRecord, origin: string): Record<string, unknown> {
  const p = r.received.params;
  const on = (k: string) => p[k] === 'true' || p[k] === '1';
  const done = FINISHED.has(r.state);
  return {
    id: r.received.id,
    created_at: r.createdAt,
    started_at: r.state === 'created' ? null : r.createdAt,
    ended_at: r.endedAt,
    updated_at: new Date().toISOString(),
    workflow_state: r.state,
    progress: r.progress,
    data: { import_type: 'instructure_csv', supplied_batches: ['user'], counts: done ? counts(r) : null },
    statistics: null,
    processing_warnings: done && r.warnings.length ? capped(r.warnings, 'warnings') : null,
    processing_errors: done && r.errors.length ? capped(r.errors, 'errors') : null,
    errors_attachment: r.errorFile
      ? {
          id: r.errorFile.id,
          display_name: `sis_errors_attachment_${r.received.id}.csv`,
          filename: `sis_errors_attachment_${r.received.id}.csv`,
          'content-type': 'text/csv',
          url: `${origin}/files/${r.errorFile.id}/download?download_frd=1&verifier=${r.errorFile.verifier}`,
        }
      : null,
    batch_mode: on('batch_mode') || null,
    batch_mode_term_id: p.batch_mode_term_id ?? null,
    multi_term_batch_mode: on('multi_term_batch_mode'),
    override_sis_stickiness: on('override_sis_stickiness') || null,
    add_sis_stickiness: on('add_sis_stickiness') || null,
    clear_sis_stickiness: on('clear_sis_stickiness') || null,
    diffing_data_set_identifier: p.diffing_data_set_identifier ?? null,
    diffing_drop_status: p.diffing_drop_status ?? null,
    change_threshold: p.change_threshold === undefined ? null : Number(p.change_threshold),
    csv_attachments: [{ display_name: r.received.fileName }],
  };
}

/** One poll's worth of progress; the last poll settles the outcome. */
function advance(r: ImportRecord, state: SisImportState): void {
  if (FINISHED.has(r.state)) return;
  r.polls++;
  const total = Math.max(1, state.knobs.pollsToFinish ?? 3);
  if (r.polls < total) {
    r.state = 'importing';
    r.progress = Math.min(99, Math.round((r.polls / total) * 100));
    return;
  }
  const v = r.received.validation;
  // With a Canvas, row problems come from applying the rows; the file checks still decide what cannot be read.
  for (const p of v.problems)
    if (!r.files || p.fatal)
      (p.severity === 'error' ? r.errors : r.warnings).push([p.file, p.message, p.row]);
  if (r.files && state.canvas && !v.fatal && !state.knobs.fail) {
    const dataSet = r.received.params.diffing_data_set_identifier ?? '';
    const previous = dataSet ? (state.diffingBases.get(dataSet) ?? null) : null;
    r.applied = applyImport(state.canvas, r.files, r.received.params, state.stuck, previous);
    // An import diffed against the last one (or the data set's first) becomes the next one's base.
    if (dataSet && !r.applied.aborted && (previous === null || r.applied.diffed))
      state.diffingBases.set(dataSet, r.files);
    r.warnings.push(...r.applied.warnings);
    r.errors.push(...r.applied.errors);
  }
  r.errors.push(...(state.knobs.extraErrors ?? []));
  r.warnings.push(...(state.knobs.extraWarnings ?? []));
  if (state.knobs.fail) r.state = 'failed';
  else if (v.fatal) r.state = 'failed_with_messages';
  else if (r.applied?.aborted) r.state = 'aborted';
  else r.state = r.errors.length || r.warnings.length ? 'imported_with_messages' : 'imported';
  r.progress = 100;
  r.endedAt = new Date().toISOString();
  if (r.errors.length || r.warnings.length)
    r.errorFile = { id: 9000 + r.received.id, verifier: randomBytes(8).toString('hex') };
  if (r.state.startsWith('imported')) {
    // Terms this import created now exist for later batch-mode imports.
    for (const t of v.termIds) state.knownTermIds.add(t);
  }
}

function errorFileCsv(r: ImportRecord): Buffer {
  let text = csvLine(['sis_import_id', 'file', 'message', 'row']);
  for (const [file, message, row] of [...r.errors, ...r.warnings])
    text += csvLine([String(r.received.id), file, message, row > 0 ? String(row) : '']);
  return Buffer.from(text, 'utf8');
}

export function sisImportRoutes(state: SisImportState): CanvasRoute[] {
  const isRoot = (id: string) => id === state.rootAccountId || id === 'self';
  const find = (id: string) => state.imports.get(Number(id));
  const notFound = bad(404, 'The specified resource does not exist.');
  return [
    {
      method: 'POST',
      path: /^\/api\/v1\/accounts\/([^/]+)\/sis_imports\/?$/,
      async handle(req, [accountId]) {
        if (!isRoot(accountId!)) return bad(400, 'SIS imports can only be executed on root accounts');
        const upload = await readUpload(req);
        if ('status' in upload) return upload;
        const problem = checkParams(upload.params, state);
        if (problem) return { status: 400, body: { message: problem, errors: [{ message: problem }] } };
        const id = state.nextId++;
        const received: ReceivedImport = {
          id,
          accountId: accountId!,
          ...upload,
          validation: await validateCanvasCsvZip(upload.zip),
        };
        state.received.push(received);
        const record: ImportRecord = {
          received,
          state: 'created',
          progress: 0,
          polls: 0,
          createdAt: new Date().toISOString(),
          endedAt: null,
          errors: [],
          warnings: [],
          errorFile: null,
          files: state.canvas ? await readImportZip(upload.zip).catch(() => null) : null,
          applied: null,
        };
        state.imports.set(id, record);
        return { status: 200, body: json(record, req.url.origin) };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/sis_imports\/(\d+)\/?$/,
      handle(req, [accountId, id]) {
        const r = find(id!);
        if (!isRoot(accountId!) || !r) return notFound;
        if ((state.knobs.failPolls ?? 0) > 0) {
          state.knobs.failPolls!--;
          return bad(503, 'Service Unavailable');
        }
        advance(r, state);
        return { status: 200, body: json(r, req.url.origin) };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/sis_imports\/?$/,
      handle(req, [accountId]) {
        if (!isRoot(accountId!)) return notFound;
        const list = [...state.imports.values()].reverse().map((r) => json(r, req.url.origin));
        return { status: 200, body: { sis_imports: list } };
      },
    },
    {
      method: 'PUT',
      path: /^\/api\/v1\/accounts\/([^/]+)\/sis_imports\/(\d+)\/abort\/?$/,
      handle(req, [accountId, id]) {
        const r = find(id!);
        if (!isRoot(accountId!) || !r) return notFound;
        if (!FINISHED.has(r.state)) {
          r.state = 'aborted';
          r.endedAt = new Date().toISOString();
        }
        return { status: 200, body: json(r, req.url.origin) };
      },
    },
    {
      method: 'GET',
      path: /^\/files\/(\d+)\/download\/?$/,
      handle(req, [fileId]) {
        const r = [...state.imports.values()].find((x) => x.errorFile?.id === Number(fileId));
        // Report downloads share /files/:id/download: a file that is not an SIS error file is theirs.
        if (!r || req.url.searchParams.get('verifier') !== r.errorFile!.verifier) return null;
        return {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="sis_errors_attachment_${r.received.id}.csv"`,
          },
          body: errorFileCsv(r),
        };
      },
    },
  ];
}
