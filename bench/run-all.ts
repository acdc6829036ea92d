/**
 * Runs every benchmark in bench/ (`*.bench.ts`), one after another, each in its own process so one
 * benchmark's memory and JIT state never colour the next. `npm run bench [-- name-filter]`.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const filter = process.argv[2];
const files = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (filter === undefined || f.includes(filter)))
  .sort();

const outcomes: Array<{ file: string; code: number | null; seconds: number }> = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'bench', file)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('exit', (c) => resolve(c));
  });
  outcomes.push({ file, code, seconds: (performance.now() - started) / 1000 });
}
console.log('\n=== summary ===');
for (const o of outcomes)
  console.log(`${o.code === 0 ? 'ok  ' : 'FAIL'} ${o.file} (${o.seconds.toFixed(0)} s)`);
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
