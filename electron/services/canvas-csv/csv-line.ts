import { stringify, type Options } from 'csv-stringify/sync';

/**
 * RFC 4180 output for Canvas SIS CSV, through csv-stringify: a value is quoted when it holds a comma, a double
 * quote, CR or LF (embedded quotes doubled), and also when it has leading/trailing spaces, so no reader trims them.
 * Records end with LF (Canvas's Ruby CSV reader detects the row separator; LF is what its samples use).
 */
const OPTIONS: Options = { quoted_match: [/^\s/, /\s$/], record_delimiter: 'unix', eof: true };

/** Several records at once (one stringifier per chunk, not per row: a million enrollments stay cheap). */
export function csvLines(records: ReadonlyArray<readonly string[]>): string {
  return records.length === 0 ? '' : stringify(records as string[][], OPTIONS);
}

/** One record, LF-terminated. */
export function csvLine(values: readonly string[]): string {
  return csvLines([values]);
}

/** One value, quoted when needed. */
export function csvField(value: string): string {
  return csvLine([value]).slice(0, -1);
}
