import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import graph has no loops (issue 14: a loop closed by `import type` is still a loop — it ties two modules'
 * designs together and turns into a start-up order bug the day one side needs a value). madge walks every
 * import, export-from and dynamic import of electron/, shared/ and renderer/, type-only ones included; shared
 * types go down into their own module (e.g. oneroster/page.ts, verify/connection-types.ts) instead.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const MADGE = join(ROOT, 'node_modules', 'madge', 'bin', 'cli.js');

/** The loops madge finds under `dirs` (paths relative to `cwd`), each as the list of files on it. */
function loops(cwd: string, dirs: string[]): string[][] {
  const args = ['--circular', '--json', '--no-spinner', '--no-color', '--extensions', 'ts,tsx'];
  const run = spawnSync(
    process.execPath,
    [MADGE, ...args, '--ts-config', join(ROOT, 'tsconfig.json'), ...dirs],
    { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  // madge exits 1 when it finds a loop; anything else without JSON on stdout is a broken run, not a pass.
  if (run.status !== 0 && run.status !== 1) throw new Error(`madge failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

describe('import graph', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'preflight-import-loop-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('catches a deliberate loop, type-only and across .ts/.tsx', () => {
    // a ↔ b closed only by type imports; x.tsx → y → z → x.tsx closed by value imports; ok.ts on no loop.
    const files: Record<string, string> = {
      'a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
      'x.tsx': "import { y } from './y';\nexport const x = (): number => y;\n",
      'y.ts': "import { z } from './z';\nexport const y = z + 1;\n",
      'z.ts': "import { x } from './x';\nexport const z = typeof x === 'function' ? 1 : 0;\n",
      'ok.ts': "import type { A } from './a';\nexport const ok: A = {};\n",
    };
    for (const [name, code] of Object.entries(files)) writeFileSync(join(fixture, name), code);

    const found = loops(fixture, ['.']).map((loop) => [...loop].sort());
    expect(found).toHaveLength(2);
    expect(found).toContainEqual(['a.ts', 'b.ts']);
    expect(found).toContainEqual(['x.tsx', 'y.ts', 'z.ts']);
  });

  it('electron/, shared/ and renderer/ have no loops', { timeout: 180_000 }, () => {
    expect(loops(ROOT, ['electron', 'shared', 'renderer'])).toEqual([]);
  });
});
