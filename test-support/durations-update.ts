import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * Rewrites test-support/durations.json (the test order's expected seconds, test-support/sequencer.ts) from a
 * full run's JSON report:
 *   npx vitest run --reporter=json --outputFile=/tmp/vitest.json
 *   node bin/run-ts.js test-support/durations-update.ts /tmp/vitest.json
 * Files under 3 s are left out (they take the default).
 */
const ROOT = resolve(import.meta.dirname, '..');
const report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  testResults: Array<{ name: string; startTime: number; endTime: number }>;
};
/** The test file's path in the repository (the report may come from another checkout, e.g. a clean clone). */
function repoPath(file: string): string {
  const path = relative(ROOT, file).split('\\').join('/');
  return path.startsWith('../') ? file.slice(file.indexOf('/tests/') + 1) : path;
}
const rows = report.testResults
  .map((r) => ({ path: repoPath(r.name), s: (r.endTime - r.startTime) / 1000 }))
  .filter((r) => r.s >= 3)
  .sort((a, b) => b.s - a.s || a.path.localeCompare(b.path));
const out = Object.fromEntries(rows.map((r) => [r.path, Math.round(r.s * 10) / 10]));
writeFileSync(resolve(ROOT, 'test-support/durations.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${rows.length} files written to test-support/durations.json`);
