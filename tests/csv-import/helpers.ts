import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';

export const SAMPLE_DIR = '/work/shared/data/oneroster-samples/edfi-grand-bend-1.1';

/** Writes a bundle folder: file name → content (string, or bytes for encoding tests). */
export function writeBundle(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Zips entries (zip path → content) with yazl. */
export async function writeZip(path: string, entries: Record<string, string | Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries))
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return path;
}

/** The CSV files of a folder, for zipping under a prefix. */
export function folderEntries(dir: string, prefix = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(dir))
    if (name.endsWith('.csv')) out[`${prefix}${name}`] = readFileSync(join(dir, name));
  return out;
}

export const csvLine = (fields: string[]) => fields.join(',');
