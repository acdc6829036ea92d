import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Code may point at design documents only inside this repository (docs/…), so a maintainer who clones it can
 * follow every reference. Catches a bare design-file name (`rules.md`), a path outside the repository, and a
 * docs/ file that does not exist.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CODE_DIRS = ['electron', 'shared', 'renderer', 'tests', 'bench', 'test-support', 'scripts', 'bin'];
const CODE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
/** The design documents that live outside the repository (and must not be referenced from code). */
const OUTSIDE =
  /(?<![\w/.-])(?:\.\.\/)*(?:shared\/design\/)?(rules|mapping|canvas|journeys|oneroster|electron-patterns)\.md\b/g;
const DOCS_LINK = /(?<![\w.-])docs\/([\w./-]+\.md)\b/g;

function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? codeFiles(path) : CODE_FILE.test(name) ? [path] : [];
  });
}

interface Reference {
  file: string;
  line: number;
  text: string;
}

export function designReferences(
  files: { file: string; text: string }[],
  docExists: (name: string) => boolean,
): { outside: Reference[]; missing: Reference[] } {
  const outside: Reference[] = [];
  const missing: Reference[] = [];
  for (const { file, text } of files) {
    text.split('\n').forEach((line, i) => {
      const at = { file, line: i + 1, text: line.trim() };
      if (/shared\/design/.test(line) || [...line.matchAll(OUTSIDE)].length > 0) outside.push(at);
      for (const m of line.matchAll(DOCS_LINK)) if (!docExists(m[1]!)) missing.push({ ...at, text: m[0] });
    });
  }
  return { outside, missing };
}

const THIS_FILE = join('tests', 'docs', 'doc-links.test.ts');

describe('design references in code', () => {
  const files = CODE_DIRS.flatMap((d) => codeFiles(join(ROOT, d)))
    .filter((f) => relative(ROOT, f) !== THIS_FILE)
    .map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
  const refs = designReferences(files, (name) => existsSync(join(ROOT, 'docs', name)));
  const show = (r: Reference[]) => r.map((x) => `${x.file}:${x.line}: ${x.text}`);

  it('never point outside the repository (use docs/…)', () => {
    expect(show(refs.outside)).toEqual([]);
  });

  it('name docs/ files that exist', () => {
    expect(show(refs.missing)).toEqual([]);
  });

  it('are found by the checks (a bare name, a path outside, a docs/ file that does not exist)', () => {
    const found = designReferences(
      [
        { file: 'a.ts', text: '/** See rules.md "Finding". */' },
        { file: 'b.ts', text: '// ../shared/design/canvas.md §2' },
        { file: 'c.ts', text: '/** docs/rules.md, docs/nowhere.md */' },
      ],
      (name) => name === 'rules.md',
    );
    expect(show(found.outside)).toEqual([
      'a.ts:1: /** See rules.md "Finding". */',
      'b.ts:1: // ../shared/design/canvas.md §2',
    ]);
    expect(show(found.missing)).toEqual(['c.ts:1: docs/nowhere.md']);
  });
});
