import type { Readable } from 'node:stream';
import type { BundleFile } from './bundle';
import { readCsvRows, type CsvReadStats } from './csv-rows';
import type { ProblemList } from './problems';

/** manifest.csv: `propertyName,value` rows, e.g. `file.users,bulk`, `oneroster.version,1.1`. */
export type Manifest = Record<string, string>;

export async function readManifest(input: Readable, problems: ProblemList): Promise<Manifest> {
  const manifest: Manifest = {};
  const stats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  let header = true;
  for await (const batch of readCsvRows(input, stats)) {
    for (const row of batch) {
      if (row.error !== undefined) {
        problems.add({
          file: 'manifest.csv',
          line: row.line,
          severity: 'error',
          code: row.error.code,
          message: `manifest.csv: ${row.error.message}`,
        });
        continue;
      }
      if (header) {
        header = false;
        const [a, b] = row.fields.map((f) => f.trim().toLowerCase());
        if (a === 'propertyname' && b === 'value') continue;
        problems.add({
          file: 'manifest.csv',
          line: row.line,
          severity: 'warning',
          code: 'manifest_header',
          message:
            'manifest.csv should start with the header "propertyName,value"; the first row was read as a property',
        });
      }
      const [name, value] = row.fields;
      if (name !== undefined && name.trim() !== '') manifest[name.trim()] = (value ?? '').trim();
    }
  }
  return manifest;
}

/** 'bulk' | 'delta' | 'absent' | undefined (not listed). */
export function manifestMode(manifest: Manifest, key: string): string | undefined {
  const found = Object.keys(manifest).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : manifest[found]!.toLowerCase();
}

/**
 * Reads manifest.csv, or decides it is unreadable: the file cannot be read to the end, or not one row of it
 * is a `propertyName,value` pair this app knows (`file.*`, `oneroster.*`, `manifest.version`…).
 */
export async function readManifestSafely(
  file: BundleFile,
  problems: ProblemList,
): Promise<{ manifest: Manifest | null; state: 'present' | 'unreadable' }> {
  let manifest: Manifest;
  try {
    manifest = await readManifest(await file.open(), problems);
  } catch {
    return { manifest: null, state: 'unreadable' };
  }
  const known = Object.keys(manifest).some((k) => /^(file|oneroster|manifest|source)\./i.test(k));
  if (!known) {
    problems.add({
      file: 'manifest.csv',
      severity: 'error',
      code: 'manifest_unreadable',
      message:
        'manifest.csv holds no property this app knows (file.users, oneroster.version, …); it was ignored',
    });
    return { manifest: null, state: 'unreadable' };
  }
  return { manifest, state: 'present' };
}
