import type { Finding } from '../../../shared/rules/finding';
import { csvField } from '../canvas-csv/csv-line';
import { openTextFile } from './text-file';
import { FINDING_COLUMNS, findingRow } from './findings-table';

/**
 * Findings as CSV (RFC 4180: comma, CRLF, fields quoted when needed, quotes doubled), UTF-8 with a BOM so Excel
 * reads accents correctly. Streams row by row with back-pressure: a million findings never sit in one string.
 * Quoting is the Canvas CSV writer's; spreadsheet formula defusing is added here (these files are opened in Excel).
 */
export async function writeFindingsCsv(findings: Iterable<Finding>, path: string): Promise<void> {
  const file = openTextFile(path);
  const write = file.write;
  await write(`\uFEFF${csvLine(FINDING_COLUMNS.map((c) => c.header))}`);
  for (const f of findings) {
    const row = findingRow(f);
    await write(csvLine(FINDING_COLUMNS.map((c) => row[c.key])));
  }
  await file.close();
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map((f) => csvField(defuseFormula(f))).join(',')}\r\n`;
}

/**
 * Spreadsheet apps run a cell that starts with = + - @ as a formula, and feed data (names, ids) is not trusted:
 * such cells get a leading apostrophe (OWASP "CSV injection"). Plain negative numbers are left alone.
 */
function defuseFormula(v: string): string {
  return /^[=+\-@\t\r]/.test(v) && !/^-\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
}
