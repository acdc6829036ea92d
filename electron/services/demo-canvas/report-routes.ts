import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvisioningFile } from '../../../shared/canvas/baseline';
import type { BaselineRows } from './generate-baseline';
import { notFound } from './paging';
import type { CanvasRequest, CanvasResponse, CanvasRoute } from './route';
import { writeProvisioningZip } from './write-zip';

/**
 * The provisioning_csv account report (docs/canvas-importer.md): start, poll (running with progress until `delayMs` has
 * passed, then complete), download. The download URL redirects to an unauthenticated blob URL, like Canvas's
 * file storage, so clients must not need (or send) the token there.
 */

export interface ReportOptions {
  /** How long a report "runs" before it is complete; default 300 ms. */
  delayMs?: number;
  /** Every report ends in status 'error' (permission or server trouble on Canvas's side). */
  fail?: boolean;
}

export interface ReportStats {
  started: number;
  polls: number;
  downloads: number;
  /** Blob downloads that carried an Authorization header (must stay 0). */
  blobWithAuth: number;
}

interface Report {
  id: number;
  startedAt: number;
  parameters: Record<string, boolean>;
  zip: Promise<string> | null;
  verifier: string;
}

const PARTS: ProvisioningFile[] = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'xlist',
];

/** `{parameters:{users:true}}` (JSON) or `parameters[users]=true` (form). */
export function reportParameters(req: CanvasRequest): Record<string, boolean> {
  const text = req.body.toString('utf8');
  const out: Record<string, boolean> = {};
  const yes = (v: unknown): boolean => v === true || v === 1 || v === 'true' || v === '1' || v === 'on';
  if (String(req.headers['content-type'] ?? '').includes('json')) {
    try {
      const p = (JSON.parse(text) as { parameters?: Record<string, unknown> }).parameters ?? {};
      for (const [k, v] of Object.entries(p)) out[k] = yes(v);
    } catch {
      // an unreadable body starts an empty report, as Canvas does
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(text)) {
    const m = /^parameters\[(\w+)\]$/.exec(k);
    if (m) out[m[1]!] = yes(v);
  }
  return out;
}

/** Rows the report lists: without include_deleted, deleted objects and concluded courses/enrollments are left out. */
function reportRows(rows: BaselineRows, includeDeleted: boolean): BaselineRows {
  if (includeDeleted) return rows;
  const live = (s: string): boolean => s !== 'deleted';
  const current = (s: string): boolean => live(s) && s !== 'concluded' && s !== 'completed';
  return {
    accounts: rows.accounts.filter((r) => live(r.status)),
    terms: rows.terms.filter((r) => live(r.status)),
    courses: rows.courses.filter((r) => current(r.status)),
    sections: rows.sections.filter((r) => live(r.status)),
    users: rows.users.filter((r) => live(r.status)),
    enrollments: rows.enrollments.filter((r) => current(r.status)),
  };
}

export function reportRoutes(
  rows: BaselineRows,
  rootId: string,
  opts: ReportOptions = {},
): { routes: CanvasRoute[]; stats: ReportStats; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'canvas-double-reports-'));
  const reports = new Map<number, Report>();
  const stats: ReportStats = { started: 0, polls: 0, downloads: 0, blobWithAuth: 0 };
  const delayMs = opts.delayMs ?? 300;
  let nextId = 1;

  const isRoot = (raw: string): boolean => {
    const id = decodeURIComponent(raw);
    return id === rootId || id === 'self';
  };

  const build = (r: Report): Promise<string> => {
    r.zip ??= (async () => {
      const path = join(dir, `provisioning-${r.id}.zip`);
      const parts = PARTS.filter((p) => r.parameters[p]);
      await writeProvisioningZip(reportRows(rows, r.parameters.include_deleted === true), path, { parts });
      return path;
    })();
    return r.zip;
  };

  const json = async (r: Report, origin: string): Promise<Record<string, unknown>> => {
    const elapsed = Date.now() - r.startedAt;
    const base = {
      id: r.id,
      report: 'provisioning_csv',
      parameters: r.parameters,
      created_at: new Date(r.startedAt).toISOString(),
    };
    if (opts.fail && elapsed >= delayMs) {
      return {
        ...base,
        status: 'error',
        progress: 100,
        file_url: null,
        message: 'Generating the report failed.',
      };
    }
    if (elapsed < delayMs) {
      const progress = Math.min(99, Math.floor((elapsed / delayMs) * 100));
      return {
        ...base,
        status: progress === 0 ? 'created' : 'running',
        progress,
        file_url: null,
        current_line: progress * 10,
      };
    }
    await build(r);
    const download = `${origin}/files/${r.id}/download?download_frd=1&verifier=${r.verifier}`;
    return {
      ...base,
      status: 'complete',
      progress: 100,
      file_url: `${origin}/accounts/${rootId}/files/${r.id}/download`,
      attachment: {
        id: r.id,
        filename: 'provisioning.zip',
        display_name: 'provisioning.zip',
        url: download,
        'content-type': 'application/zip',
      },
    };
  };

  const routes: CanvasRoute[] = [
    {
      method: 'POST',
      path: /^\/api\/v1\/accounts\/([^/]+)\/reports\/provisioning_csv$/,
      async handle(req, [raw]) {
        if (!isRoot(raw!)) return notFound();
        const r: Report = {
          id: nextId++,
          startedAt: Date.now(),
          parameters: reportParameters(req),
          zip: null,
          verifier: randomBytes(12).toString('hex'),
        };
        reports.set(r.id, r);
        stats.started++;
        return { status: 200, body: await json(r, req.url.origin) };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/reports\/provisioning_csv\/(\d+)$/,
      async handle(req, [raw, id]) {
        const r = reports.get(Number(id));
        if (!isRoot(raw!) || r === undefined) return notFound();
        stats.polls++;
        return { status: 200, body: await json(r, req.url.origin) };
      },
    },
    {
      method: 'GET',
      path: /^\/(?:accounts\/[^/]+\/)?files\/(\d+)\/download$/,
      handle(req, [id]): CanvasResponse {
        const r = reports.get(Number(id));
        if (r === undefined || r.zip === null) return notFound();
        stats.downloads++;
        // Canvas hands file downloads to its storage service on another URL, signed, without the token.
        return { status: 302, headers: { Location: `${req.url.origin}/blob/${r.id}?sig=${r.verifier}` } };
      },
    },
    {
      method: 'GET',
      path: /^\/blob\/(\d+)$/,
      async handle(req, [id]): Promise<CanvasResponse> {
        if (req.headers.authorization !== undefined) stats.blobWithAuth++;
        const r = reports.get(Number(id));
        if (r === undefined || r.zip === null || req.url.searchParams.get('sig') !== r.verifier) {
          return { status: 403, body: { errors: [{ message: 'bad signature' }] } };
        }
        return {
          status: 200,
          headers: { 'Content-Type': 'application/zip' },
          body: await readFile(await r.zip),
        };
      },
    },
  ];
  return { routes, stats, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Paths served without the bearer token (signed blob URLs). */
export const PUBLIC_PATH = /^\/blob\//;
