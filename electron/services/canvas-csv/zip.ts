import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { PlanRows } from '../../../shared/plan/types';
import { planToCsvFiles, type CanvasCsvOptions, type ChangeSisIdRow } from './files';
import { CHANGE_SIS_ID_COLUMNS } from '../../../shared/conversion/types';
import { csvLine } from './csv-line';

export interface WrittenZip {
  path: string;
  bytes: number;
  /** Files in zip order with their data-row counts. */
  files: Array<{ name: string; rows: number }>;
}

/** Text chunks as UTF-8 bytes (no BOM: Canvas would read it as part of the first header name). */
function utf8(chunks: Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      for (const c of chunks) yield Buffer.from(c, 'utf8');
    })(),
  );
}

/** Writes to `<path>.partial` then renames, so a crash never leaves a half zip under the real name. */
async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.partial`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The SIS import zip for a plan (and accepted remaps), streamed file by file. */
export async function writeCanvasZip(
  plan: PlanRows,
  opts: CanvasCsvOptions,
  path: string,
): Promise<WrittenZip> {
  const files = planToCsvFiles(plan, opts);
  await writeAtomically(path, async (tmp) => {
    const zip = new yazl.ZipFile();
    const out = createWriteStream(tmp, { mode: 0o600 });
    zip.outputStream.pipe(out);
    for (const f of files) zip.addReadStream(utf8(f.chunks()), f.name);
    zip.end();
    await once(out, 'close');
  });
  return {
    path,
    bytes: (await stat(path)).size,
    files: files.map((f) => ({ name: f.name, rows: f.rows.length })),
  };
}

/** change_sis_id.csv on its own (docs/architecture.md "Data flow": the district imports it before the first sync). */
export async function writeChangeSisIdCsv(rows: readonly ChangeSisIdRow[], path: string): Promise<number> {
  await writeAtomically(path, async (tmp) => {
    const lines = (function* () {
      yield csvLine(CHANGE_SIS_ID_COLUMNS);
      for (const r of rows) yield csvLine(CHANGE_SIS_ID_COLUMNS.map((c) => r[c] ?? ''));
    })();
    await pipeline(utf8(lines), createWriteStream(tmp, { mode: 0o600 }));
  });
  return rows.length;
}
