import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { boundedLines, MAX_LINE_CHARS } from './bounded-lines';

/**
 * Streams a CSV file as rows with their starting line numbers, so that one broken row is reported and skipped
 * instead of derailing the rest of the file. Lines are first framed into records (a quoted value may span
 * lines), then parsed by csv-parse a chunk at a time; a chunk that fails is re-parsed row by row to find the
 * culprit. csv-parse's own skip-on-error cannot resynchronise after a bad quote, hence the framing.
 */

export type CsvRow =
  | {
      line: number;
      text: string;
      fields: string[];
      error?: undefined;
      warning?: { code: string; message: string };
    }
  | { line: number; text: string; fields?: undefined; error: { code: string; message: string } };

export interface CsvReadStats {
  /** Lines containing U+FFFD: the file is not valid UTF-8 (e.g. saved as Windows-1252). */
  replacementCharLines: number;
  firstReplacementLine: number | null;
}

/** A quoted value longer than this many lines is taken to be an unclosed quote. */
const MAX_LINES_PER_RECORD = 100;
const CHUNK_RECORDS = 1000;

interface Framed {
  line: number;
  text: string;
}

/** Tracks whether a line ends inside a quoted value (RFC 4180: quotes open only at the start of a value). */
function endsInQuote(line: string, startsInQuote: boolean): boolean {
  let inQuote = startsInQuote;
  let fieldStart = !startsInQuote;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (inQuote) {
      if (ch === 34 /* " */) {
        if (line.charCodeAt(i + 1) === 34) i++;
        else inQuote = false;
      }
    } else if (ch === 34 && fieldStart) {
      inQuote = true;
      fieldStart = false;
    } else {
      fieldStart = ch === 44; /* , */
    }
  }
  return inQuote;
}

class Framer {
  private pending: Framed[] = [];
  private inQuote = false;
  /** Values in the header row (the first record), once known. */
  private width = 0;
  private emitted = 0;
  readonly out: Array<
    Framed | { line: number; text: string; unclosed: true } | { line: number; text: string; tooLong: number }
  > = [];

  /** A line too long to hold: whatever was pending is given up, and the line is reported on its own. */
  pushTooLong(line: number, prefix: string, length: number): void {
    this.end();
    this.out.push({ line, text: prefix, tooLong: length });
  }

  push(line: number, text: string): void {
    if (this.pending.length === 0 && text.indexOf('"') === -1) {
      if (text.trim() !== '') this.emit({ line, text });
      return;
    }
    if (this.pending.length === 0 && text.trim() === '') return;
    this.pending.push({ line, text });
    this.inQuote = endsInQuote(text, this.inQuote);
    if (!this.inQuote) this.flushPending();
    else if (this.pending.length > MAX_LINES_PER_RECORD) this.giveUpOnFirstLine();
  }

  end(): void {
    while (this.pending.length > 0) this.giveUpOnFirstLine();
  }

  private emit(record: Framed): void {
    if (this.emitted++ === 0) this.width = valuesIn(record.text) ?? 0;
    this.out.push(record);
  }

  private flushPending(): void {
    const first = this.pending[0]!;
    const text = this.pending.map((p) => p.text).join('\n');
    // A value spanning lines must read as one whole row; otherwise an unclosed quote was "closed" by a quote on
    // a later line, and taking the lines together would swallow good rows.
    if (this.pending.length > 1) {
      const values = valuesIn(text);
      if (values === null || values < this.width) {
        this.giveUpOnFirstLine();
        return;
      }
    }
    this.emit({ line: first.line, text });
    this.pending = [];
  }

  /** The first pending line opened a quote that never closed: report it alone and re-read the lines after it. */
  private giveUpOnFirstLine(): void {
    const [first, ...rest] = this.pending;
    this.out.push({ line: first!.line, text: first!.text, unclosed: true });
    this.pending = [];
    this.inQuote = false;
    for (const p of rest) this.push(p.line, p.text);
  }
}

/** Number of values when `text` is exactly one valid CSV row, else null. */
function valuesIn(text: string): number | null {
  try {
    const rows = parse(text, STRICT) as string[][];
    return rows.length === 1 ? rows[0]!.length : null;
  } catch {
    return null;
  }
}

const STRICT = { relax_column_count: true, skip_empty_lines: false } as const;
const RELAXED = { ...STRICT, relax_quotes: true } as const;

const MESSAGES: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE:
    'a quoted value is followed by other characters before the next comma (a stray " in the value?)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed (a missing " ?)',
  INVALID_OPENING_QUOTE: 'a " appears inside a value that is not quoted',
  unclosed_quote: 'a quoted value is opened but not closed on this or the following lines (a missing " ?)',
};

function csvError(code: string): { code: string; message: string } {
  return { code: 'bad_quoting', message: MESSAGES[code] ?? `the row is not valid CSV (${code})` };
}

function tooLongError(length: number): { code: string; message: string } {
  const mb = (n: number) => `${Math.round(n / 1e5) / 10} MB`;
  return {
    code: 'line_too_long',
    message: `the line is ${mb(length)}${length >= MAX_LINE_CHARS ? ' or more' : ''} long, over the ${mb(MAX_LINE_CHARS)} a CSV row can be; it was skipped`,
  };
}

function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? 'unknown';
}

/**
 * One record on its own: strict first; a stray quote (`5'11"`, `"Bob" Smith`) is then read literally with a
 * warning rather than losing the row; only what cannot be read at all is an error.
 */
function parseOne(r: Framed): CsvRow {
  let strictCode: string;
  try {
    const rows = parse(r.text, STRICT) as string[][];
    if (rows.length === 1) return { line: r.line, text: r.text, fields: rows[0]! };
    strictCode = 'multiple';
  } catch (err) {
    strictCode = errorCode(err);
  }
  try {
    const rows = parse(r.text, RELAXED) as string[][];
    if (rows.length === 1) {
      const { message } = csvError(strictCode);
      return {
        line: r.line,
        text: r.text,
        fields: rows[0]!,
        warning: { code: 'bad_quoting', message: `${message}; the quote was kept as part of the value` },
      };
    }
  } catch {
    // Unreadable even when relaxed.
  }
  return { line: r.line, error: csvError(strictCode), text: r.text };
}

/**
 * The values of one record's text that was read without a warning (a row's `text`), the same way it was read:
 * the stored raw of an imported row is that text (csv-import/stored-row.ts). Null when it is not one valid row.
 */
export function splitCsvRecord(text: string): string[] | null {
  if (plain(text)) return text.split(',');
  const fields = splitQuoted(text);
  if (fields !== null) return fields;
  try {
    const rows = parse(text, STRICT) as string[][];
    return rows.length === 1 ? rows[0]! : null;
  } catch {
    return null;
  }
}

/** No quote and no line break (a framed record has one only inside quotes, but the stored text is checked too). */
function plain(text: string): boolean {
  return text.indexOf('"') === -1 && text.indexOf('\n') === -1 && text.indexOf('\r') === -1;
}

/**
 * The values of a record whose quoting is regular (a quote only opens a value, `""` inside, the closing quote
 * followed by a comma or the end), as csv-parse reads it; null for anything else, which csv-parse then reads
 * (and reports) as before.
 */
function splitQuoted(text: string): string[] | null {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return null;
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      if (i === n) return out;
      if (text.charCodeAt(i) !== 44 /* , */) return null;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = text.slice(i, end);
      if (!plain(value)) return null;
      out.push(value);
      if (comma === -1) return out;
      i = comma + 1;
    }
  }
}

function parseChunk(records: Framed[]): CsvRow[] {
  // Most rows quote nothing or quote regularly: those are split here, exactly as csv-parse (these options)
  // would, at a fraction of its cost per row; a chunk with anything else goes to csv-parse whole.
  const fast: CsvRow[] = [];
  for (const r of records) {
    const fields = plain(r.text) ? r.text.split(',') : splitQuoted(r.text);
    if (fields === null) break;
    fast.push({ line: r.line, text: r.text, fields });
  }
  if (fast.length === records.length) return fast;
  try {
    const rows = parse(records.map((r) => r.text).join('\n'), STRICT) as string[][];
    if (rows.length === records.length)
      return rows.map((fields, i) => ({ line: records[i]!.line, text: records[i]!.text, fields }));
  } catch {
    // Fall through: find the broken row(s) one by one.
  }
  return records.map(parseOne);
}

/** Yields rows in batches; the first row is the header. */
export async function* readCsvRows(
  input: Readable,
  stats: CsvReadStats,
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<CsvRow[]> {
  const lines = boundedLines(input, maxLineChars);
  const framer = new Framer();
  let lineNo = 0;
  const drain = function* (all: boolean): Generator<CsvRow[]> {
    while (framer.out.length >= CHUNK_RECORDS || (all && framer.out.length > 0)) {
      const taken = framer.out.splice(0, CHUNK_RECORDS);
      const rows: CsvRow[] = [];
      let run: Framed[] = [];
      for (const f of taken) {
        if ('unclosed' in f) {
          if (run.length) rows.push(...parseChunk(run));
          run = [];
          rows.push({ line: f.line, error: csvError('unclosed_quote'), text: f.text });
        } else if ('tooLong' in f) {
          if (run.length) rows.push(...parseChunk(run));
          run = [];
          rows.push({ line: f.line, error: tooLongError(f.tooLong), text: `${f.text}…` });
        } else run.push(f);
      }
      if (run.length) rows.push(...parseChunk(run));
      yield rows;
    }
  };
  try {
    for await (const raw of lines) {
      lineNo++;
      if (typeof raw !== 'string') {
        framer.pushTooLong(lineNo, raw.prefix, raw.length);
        yield* drain(false);
        continue;
      }
      let text = raw;
      if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.indexOf('\uFFFD') !== -1) {
        stats.replacementCharLines++;
        stats.firstReplacementLine ??= lineNo;
      }
      framer.push(lineNo, text);
      yield* drain(false);
    }
    framer.end();
    yield* drain(true);
  } finally {
    // Stopped early (cancel, error): release the file.
    await lines.return(undefined);
    input.destroy();
  }
}
