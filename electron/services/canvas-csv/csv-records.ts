import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { detailNumber, isServiceError, ServiceError } from '../../../shared/errors';

/**
 * Streams CSV records the way Canvas's importer reads them: strict UTF-8 (a bad byte fails the file with
 * "Invalid UTF-8") and strict quoting (a broken quote fails the file with "Malformed CSV"). Blank lines are
 * skipped; ragged rows are allowed (missing values read as blank, as in Ruby's CSV).
 */
export type CsvFileErrorCode = 'invalid_utf8' | 'malformed_csv';

/** A CSV file Canvas would fail whole: a ServiceError with the line in `detail.line`. */
export function csvFileError(code: CsvFileErrorCode, message: string, line: number): ServiceError {
  return new ServiceError(code, message, { detail: { line } });
}

/** The code, message and line of a csvFileError, or null for any other error. */
export function csvFileFailure(e: unknown): { code: CsvFileErrorCode; message: string; line: number } | null {
  if (!isServiceError(e, 'invalid_utf8', 'malformed_csv')) return null;
  return { code: e.code as CsvFileErrorCode, message: e.message, line: detailNumber(e, 'line') ?? 0 };
}

/** Newlines before the first undecodable byte of a chunk (for the line number in the message). */
function linesBeforeBadByte(chunk: Buffer | undefined): number {
  if (!chunk) return 0;
  const text = new TextDecoder('utf-8').decode(chunk);
  const bad = text.indexOf('\uFFFD');
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < bad; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  const decode = (chunk?: Buffer): string => {
    try {
      const text = chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      return text;
    } catch {
      throw csvFileError(
        'invalid_utf8',
        'Invalid UTF-8: the file is not UTF-8 text',
        lines + linesBeforeBadByte(chunk),
      );
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decode(chunk));
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, decode());
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

export async function* csvRecords(input: Readable): AsyncGenerator<string[]> {
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, bom: true });
  const piped = pipeline(input, utf8Decoder(), parser);
  piped.catch(() => undefined); // surfaced through the parser's iterator below
  try {
    for await (const record of parser) yield record as string[];
    await piped;
  } catch (e) {
    if (csvFileFailure(e)) throw e;
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 0;
      throw csvFileError('malformed_csv', `Malformed CSV (${e.message})`, line);
    }
    throw e;
  } finally {
    input.destroy();
  }
}
