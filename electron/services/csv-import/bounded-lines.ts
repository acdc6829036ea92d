import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * Longest line kept, in characters. A CSV row of a roster is a few hundred characters; a line past this is
 * broken input (a file with no line breaks, a zip bomb) and must not be held in memory whole.
 */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** A line that was too long: its first characters (for the report) and how long it was when given up. */
export interface TooLongLine {
  prefix: string;
  length: number;
}

const PREFIX = 200;

/**
 * Splits a byte stream into lines (LF, CRLF or a lone CR, like readline) without ever holding more than
 * `maxChars` of one line: a longer line is consumed to its end and yielded as a TooLongLine.
 */
export async function* boundedLines(
  input: Readable,
  maxChars = MAX_LINE_CHARS,
): AsyncGenerator<string | TooLongLine> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let size = 0;
  let skipping: TooLongLine | null = null;
  let afterCr = false;

  const add = (piece: string): void => {
    if (skipping !== null) {
      skipping.length += piece.length;
      return;
    }
    if (size + piece.length > maxChars) {
      skipping = { prefix: (parts.join('') + piece).slice(0, PREFIX), length: size + piece.length };
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const take = (): string | TooLongLine => {
    const out = skipping ?? (parts.length === 1 ? parts[0]! : parts.join(''));
    parts = [];
    size = 0;
    skipping = null;
    return out;
  };

  function* split(text: string): Generator<string | TooLongLine> {
    let start = 0;
    if (afterCr && text.charCodeAt(0) === 10) start = 1; // the LF of a CRLF split across chunks
    afterCr = false;
    const breaks = /[\r\n]/g;
    breaks.lastIndex = start;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
      let i = m.index;
      const ch = text.charCodeAt(i);
      add(text.slice(start, i));
      yield take();
      if (ch === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else afterCr = true;
      }
      start = i + 1;
      breaks.lastIndex = start;
    }
    if (start < text.length) add(text.slice(start));
  }

  for await (const chunk of input) {
    yield* split(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  }
  yield* split(decoder.end());
  if (size > 0 || skipping !== null) yield take();
}
