import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_FILES, type CsvColumn } from '../electron/services/csv-import/columns';
import {
  generateDistrict,
  type DistrictSpec,
  type GeneratedDistrict,
} from '../electron/services/demo-provider';

/** Columns the OneRoster 1.2 binding added: a 1.1 bundle (what this writes) does not have them. */
const V12_COLUMNS = new Set([
  'userMasterIdentifier',
  'preferredFirstName',
  'preferredMiddleName',
  'preferredLastName',
  'pronouns',
  'primaryOrgSourcedId',
  'resourceSourcedIds',
]);

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const idOf = (ref: unknown): string =>
  typeof ref === 'object' && ref !== null ? String((ref as { sourcedId?: unknown }).sourcedId ?? '') : '';

/** One record field as its 1.1 CSV value (the inverse of csv-import/row-to-json.ts). */
function cell(column: CsvColumn, record: Record<string, unknown>): string {
  const v = record[column.kind.key];
  if (v === undefined || v === null) return '';
  switch (column.kind.type) {
    case 'text':
    case 'userId':
      return quote(String(v));
    case 'list':
      return quote(Array.isArray(v) ? v.join(',') : String(v));
    case 'ref':
      return quote(idOf(v));
    case 'refs':
      return quote(Array.isArray(v) ? v.map(idOf).join(',') : '');
    case 'userIds':
      return quote(
        Array.isArray(v)
          ? v.map((u: { type?: unknown; identifier?: unknown }) => `{${u.type}:${u.identifier}}`).join(',')
          : '',
      );
  }
}

/**
 * Writes a generated demo district as a OneRoster 1.1 CSV bundle folder (manifest.csv + one file per
 * collection), streaming record by record so the large district (1M enrollments) needs no memory. For the CSV
 * import's tests and bench:import. Metadata extensions are left out.
 */
export function writeDistrictCsv(
  dir: string,
  spec: DistrictSpec | GeneratedDistrict = { preset: 'small' },
): { dir: string; district: GeneratedDistrict; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const district = 'tables' in spec ? spec : generateDistrict(spec);
  const ctx = { baseUrl: '' };
  let bytes = 0;
  const manifest = ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1'];
  for (const def of CSV_FILES) {
    const table = district.tables[def.collection as keyof typeof district.tables];
    if (table === undefined) continue;
    manifest.push(`${def.manifestKey},bulk`);
    const columns = def.columns.filter((c) => !V12_COLUMNS.has(c.name));
    const fd = openSync(join(dir, def.file), 'w');
    try {
      let chunk = columns.map((c) => c.name).join(',') + '\n';
      for (let i = 0; i < table.size; i++) {
        const record = table.build(i, ctx);
        chunk += columns.map((c) => cell(c, record)).join(',') + '\n';
        if (chunk.length > 1 << 20) {
          bytes += writeSync(fd, chunk);
          chunk = '';
        }
      }
      bytes += writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  }
  const fd = openSync(join(dir, 'manifest.csv'), 'w');
  bytes += writeSync(fd, manifest.join('\n') + '\n');
  closeSync(fd);
  return { dir, district, bytes };
}
