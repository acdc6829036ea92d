import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedLines } from '../../electron/services/csv-import/bounded-lines';
import { importCsvBundle } from '../../electron/services/csv-import';
import { SnapshotStore } from '../../electron/services/snapshots/store';
import { csv, COLUMNS_1_1, district, manifest } from './dialect-bundles';

/** Bad input stays bad input: endless lines and zip bombs end in a clear problem on that file (issue 11). */

const root = mkdtempSync(join(tmpdir(), 'preflight-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `total` bytes of `byte`, streamed in 1 MiB chunks (never held whole). */
function filler(total: number, byte = 0x61): Readable {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) this.push(null);
      else {
        const n = Math.min(left, chunk.length);
        left -= n;
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      }
    },
  });
}

async function zipWith(path: string, huge: { name: string; bytes: number; byte?: number }): Promise<string> {
  const d = district(true);
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text), name);
  add('manifest.csv', manifest('1.1', Object.fromEntries(Object.keys(d).map((k) => [k, 'bulk']))));
  for (const [name, rows] of Object.entries(d)) {
    if (`${name}.csv` !== huge.name) add(`${name}.csv`, csv(COLUMNS_1_1[name]!, rows));
  }
  zip.addReadStream(filler(huge.bytes, huge.byte), huge.name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return path;
}

describe('bounded line reading', () => {
  it('splits LF, CRLF and lone CR (also across chunks) and gives up on an over-long line without holding it', async () => {
    const input = Readable.from([
      Buffer.from('a,b\r'),
      Buffer.from('\nc,d\re,f\n'),
      Buffer.from('x'.repeat(5000)),
      Buffer.from('\ng'),
    ]);
    const lines: unknown[] = [];
    for await (const l of boundedLines(input, 1000)) lines.push(l);
    expect(lines).toEqual(['a,b', 'c,d', 'e,f', { prefix: 'x'.repeat(200), length: 5000 }, 'g']);
  });

  it('a 256 MB line with no break is consumed to its end and reported, never built in memory', async () => {
    const before = process.memoryUsage().rss;
    const out: unknown[] = [];
    for await (const l of boundedLines(filler(256 * 1024 * 1024), 1024 * 1024)) out.push(l);
    expect(out).toEqual([{ prefix: 'a'.repeat(200), length: 256 * 1024 * 1024 }]);
    // Far less than the line itself (512 MB as a JS string).
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
  });
});

describe('CSV import limits', () => {
  it('a zip whose users.csv is one 40 MB line: that file is reported, the rest imports, the feed is not ready', async () => {
    const path = await zipWith(join(root, 'one-line.zip'), { name: 'users.csv', bytes: 40 * 1024 * 1024 });
    const store = new SnapshotStore(join(root, 'a.db'));
    try {
      const result = await importCsvBundle(store, path);
      expect(result.status).toBe('complete');
      expect(result.counts).toMatchObject({ orgs: 2, classes: 2, users: 0, enrollments: 4 });
      const problem = result.errors.find((e) => e.file === 'users.csv');
      expect(problem?.message).toMatch(
        /users\.csv: the header row is not valid CSV \(the line is 41\.9 MB .*long.*skipped\)/,
      );
    } finally {
      store.close();
    }
  }, 30_000);

  it('a zip bomb entry is refused unread, with a clear problem on that file', async () => {
    const path = await zipWith(join(root, 'bomb.zip'), {
      name: 'enrollments.csv',
      bytes: 80 * 1024 * 1024,
      byte: 0x30,
    });
    const store = new SnapshotStore(join(root, 'b.db'));
    try {
      const result = await importCsvBundle(store, path);
      expect(result.status).toBe('complete');
      expect(result.counts.enrollments).toBe(0);
      expect(result.errors.find((e) => e.code === 'file_refused')?.message).toMatch(
        /enrollments\.csv was not read: it would unpack \d+ times larger .*zip bomb/,
      );
    } finally {
      store.close();
    }
  }, 30_000);
});
