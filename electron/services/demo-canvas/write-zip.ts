import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { PROVISIONING_COLUMNS, type ProvisioningFile } from '../../../shared/canvas/baseline';
import { csvField, csvLine } from '../canvas-csv/csv-line';
import type { BaselineRows } from './generate-baseline';

/** Report columns Canvas also writes that the import ignores (kept so the zip looks like the real thing). */
const EXTRA_COLUMNS: Partial<Record<ProvisioningFile, string[]>> = {
  users: ['pronouns'],
  sections: ['canvas_account_id', 'account_id'],
  enrollments: ['role_id', 'limit_section_privileges'],
};

/** One report cell: booleans as Canvas writes them (true/false), quoting by the shared CSV writer. */
export function csvValue(v: unknown): string {
  return csvField(String(v ?? ''));
}

function* csvLines(columns: readonly string[], rows: Iterable<Record<string, unknown>>): Generator<string> {
  yield csvLine(columns);
  for (const row of rows) yield csvLine(columns.map((c) => String(row[c] ?? '')));
}

/** Writes files (name → lines) into a zip, streaming each file. */
export async function writeZip(path: string, files: Record<string, Iterable<string>>): Promise<void> {
  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  for (const [name, lines] of Object.entries(files)) zip.addReadStream(Readable.from(lines), name);
  zip.end();
  await once(out, 'close');
}

export interface ProvisioningZipOptions {
  /** Parts to write; default all six plus xlist when any section is crosslisted. */
  parts?: ProvisioningFile[];
}

/** The baseline as Canvas's provisioning_csv report zip: one CSV per part, xlist.csv for crosslisted sections. */
export async function writeProvisioningZip(
  baseline: BaselineRows,
  path: string,
  opts: ProvisioningZipOptions = {},
): Promise<void> {
  const xlist = baseline.sections
    .filter((s) => s.canvas_nonxlist_course_id !== '')
    .map((s) => ({
      canvas_xlist_course_id: s.canvas_course_id,
      xlist_course_id: s.course_id,
      canvas_section_id: s.canvas_section_id,
      section_id: s.section_id,
      status: 'active',
      canvas_nonxlist_course_id: s.canvas_nonxlist_course_id,
      nonxlist_course_id: s.nonxlist_course_id,
    }));
  const rowsOf: Record<ProvisioningFile, Array<Record<string, unknown>>> = {
    accounts: baseline.accounts,
    terms: baseline.terms,
    courses: baseline.courses,
    sections: baseline.sections,
    users: baseline.users,
    enrollments: baseline.enrollments,
    xlist,
  };
  const parts =
    opts.parts ??
    ([
      'accounts',
      'terms',
      'courses',
      'sections',
      'users',
      'enrollments',
      ...(xlist.length ? ['xlist'] : []),
    ] as ProvisioningFile[]);
  const files: Record<string, Iterable<string>> = {};
  for (const part of parts) {
    files[`${part}.csv`] = csvLines(
      [...PROVISIONING_COLUMNS[part], ...(EXTRA_COLUMNS[part] ?? [])],
      rowsOf[part],
    );
  }
  await writeZip(path, files);
}
