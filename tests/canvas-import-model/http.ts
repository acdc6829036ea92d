import { readFileSync } from 'node:fs';
import { csvRecords } from '../../electron/services/canvas-csv/csv-records';
import { Readable } from 'node:stream';
import type { generateBaseline } from '../../electron/services/demo-canvas';
import {
  createSisImportState,
  sisImportRoutes,
  startCanvasDouble,
  type BaselineRows,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';

/** The Canvas double over HTTP, applying imports to `canvas`, and a minimal SIS import client (POST, poll, error file). */

export const TOKEN = 'agreement-token-51f0';

export async function canvasDouble(canvas: BaselineRows): Promise<RunningCanvasDouble> {
  const state = createSisImportState({ canvas, knobs: { pollsToFinish: 1 } });
  return startCanvasDouble({ baseline: canvas, token: TOKEN, extraRoutes: sisImportRoutes(state) });
}

export interface ActualImport {
  status: number;
  body: Record<string, unknown>;
  workflowState: string;
  counts: Record<string, number>;
  /** Every message from the error file: [file, message, row]. */
  messages: Array<[string, string, number]>;
}

export async function sendImport(
  url: string,
  zipPath: string,
  params: Record<string, string>,
): Promise<ActualImport> {
  const form = new FormData();
  for (const [k, v] of Object.entries(params)) form.append(k, v);
  form.append('attachment', new Blob([readFileSync(zipPath)], { type: 'application/zip' }), 'sis_import.zip');
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const post = await fetch(`${url}/api/v1/accounts/1/sis_imports`, {
    method: 'POST',
    body: form,
    headers: auth,
  });
  const created = (await post.json()) as Record<string, unknown>;
  if (post.status !== 200)
    return { status: post.status, body: created, workflowState: '', counts: {}, messages: [] };
  let body = created;
  for (
    let i = 0;
    i < 10 &&
    !['imported', 'imported_with_messages', 'failed', 'failed_with_messages', 'aborted'].includes(
      String(body.workflow_state),
    );
    i++
  ) {
    body = (await (
      await fetch(`${url}/api/v1/accounts/1/sis_imports/${String(created.id)}`, { headers: auth })
    ).json()) as Record<string, unknown>;
  }
  const messages: Array<[string, string, number]> = [];
  const attachment = body.errors_attachment as { url: string } | null;
  if (attachment) {
    const csv = Buffer.from(await (await fetch(attachment.url, { headers: auth })).arrayBuffer());
    let header = true;
    for await (const r of csvRecords(Readable.from([csv]))) {
      if (header) {
        header = false;
        continue;
      }
      messages.push([r[1]!, r[2]!, Number(r[3] || 0)]);
    }
  }
  const data = body.data as { counts: Record<string, number> };
  return { status: 200, body, workflowState: String(body.workflow_state), counts: data.counts, messages };
}

/** A generated district's Canvas as plain rows (what the double serves and imports into). */
export function canvasRows(b: ReturnType<typeof generateBaseline>): BaselineRows {
  return structuredClone({
    accounts: b.accounts,
    terms: b.terms,
    courses: b.courses,
    sections: b.sections,
    users: b.users,
    enrollments: b.enrollments,
  });
}
