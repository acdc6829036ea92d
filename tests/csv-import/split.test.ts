import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitCsvRecord } from '../../electron/services/csv-import/csv-rows';

/**
 * The import splits unquoted and regularly quoted rows itself (csv-parse costs several times more per row);
 * what it gives must be exactly what csv-parse gives, and anything csv-parse refuses must not be split.
 */
const STRICT = { relax_column_count: true, skip_empty_lines: false } as const;
const PIECES = ['a', 'b', ',', '"', '""', ' ', '\n', '\r\n', 'é', '{x:1}'];

function viaCsvParse(text: string): string[] | null {
  try {
    const rows = parse(text, STRICT) as string[][];
    return rows.length === 1 ? rows[0]! : null;
  } catch {
    return null;
  }
}

describe('splitting a CSV record', () => {
  it('agrees with csv-parse on every short record made of commas, quotes, spaces and line breaks', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let split = 0;
    const mismatches: string[] = [];
    for (let k = 0; k < 3_000; k++) {
      let text = '';
      const len = 1 + Math.floor(random() * 10);
      for (let j = 0; j < len; j++) text += PIECES[Math.floor(random() * PIECES.length)];
      const got = splitCsvRecord(text);
      if (JSON.stringify(got) !== JSON.stringify(viaCsvParse(text))) mismatches.push(JSON.stringify(text));
      if (got !== null) split++;
    }
    expect(mismatches).toEqual([]);
    expect(split).toBeGreaterThan(500);
  });

  it('reads quoted lists, escaped quotes and empty values', () => {
    for (const text of [
      'u1,"{LDAP:12},{SIS:34}",,x',
      '"Lincoln High, ""North""",school,',
      '"",""',
      'a,"b\nc"',
    ]) {
      expect(splitCsvRecord(text)).toEqual(viaCsvParse(text));
    }
  });
});
