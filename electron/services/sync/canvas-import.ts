import { openAsBlob } from 'node:fs';
import type { CanvasClient } from '../canvas-api';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { importParams } from './params';

/** The SisImport object as far as the sync reads it (docs/canvas-importer.md). */
export interface SisImportJson {
  id: number | string;
  workflow_state: string;
  progress?: number | null;
  ended_at?: string | null;
  data?: { counts?: Record<string, number> | null } | null;
  processing_errors?: Array<[string, string]> | null;
  processing_warnings?: Array<[string, string]> | null;
  errors_attachment?: { url?: string; display_name?: string; filename?: string } | null;
}

const base = (rootAccountId: string) => `/api/v1/accounts/${encodeURIComponent(rootAccountId)}/sis_imports`;

/** POST the zip as multipart `attachment` with the mode's parameters. Never retried on failure (not idempotent). */
export async function postSisImport(
  client: CanvasClient,
  rootAccountId: string,
  zipPath: string,
  mode: ImportMode,
  signal?: AbortSignal,
): Promise<SisImportJson> {
  const form = new FormData();
  for (const [k, v] of Object.entries(importParams(mode))) form.append(k, v);
  // A file-backed Blob: the zip is streamed from disk, never read into memory whole.
  form.append('attachment', await openAsBlob(zipPath, { type: 'application/zip' }), 'sis_import.zip');
  const res = await client.request<SisImportJson>('POST', base(rootAccountId), {
    body: form,
    ...(signal ? { signal } : {}),
  });
  return res.data;
}

export async function getSisImport(
  client: CanvasClient,
  rootAccountId: string,
  importId: string,
  signal?: AbortSignal,
): Promise<SisImportJson> {
  const res = await client.request<SisImportJson>(
    'GET',
    `${base(rootAccountId)}/${encodeURIComponent(importId)}`,
    {
      ...(signal ? { signal } : {}),
    },
  );
  return res.data;
}

/** PUT …/abort: Canvas stops an unfinished import (later imports start 10 minutes after an abort). */
export async function abortSisImport(
  client: CanvasClient,
  rootAccountId: string,
  importId: string,
): Promise<SisImportJson> {
  const res = await client.request<SisImportJson>(
    'PUT',
    `${base(rootAccountId)}/${encodeURIComponent(importId)}/abort`,
  );
  return res.data;
}

/** The error file's text (a Canvas file download; the storage redirect is followed without the token). */
export async function downloadErrorFile(
  client: CanvasClient,
  url: string,
  signal?: AbortSignal,
): Promise<string> {
  const res = await client.download(url, signal ? { signal } : {});
  return res.text();
}
