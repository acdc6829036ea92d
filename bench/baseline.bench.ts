/**
 * Canvas baseline benchmark (issue: "baseline read of 100k users through the test double: progress visible,
 * memory flat"): the Canvas double (own process) serves a generated 100k-user account; this process reads it
 * through the REST API and through the provisioning report. Prints progress lines, rows/s and peak RSS.
 *
 *   npm run bench:baseline -- [--users 100000] [--via api,report] [--latency 0] [--concurrency 4]
 *
 * Target: peak RSS of the fetching process < 500 MB, and about the same for 10k and 100k users (flat).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CanvasClient } from '../electron/services/canvas-api';
import {
  fetchBaselineViaApi,
  fetchBaselineViaReport,
  openBaselineStore,
  type BaselineFetchProgress,
} from '../electron/services/canvas-baseline';
import { openSnapshotStore } from '../electron/services/snapshots';

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    via: { type: 'string', default: 'api,report' },
    latency: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '4' },
  },
});
const token = randomBytes(24).toString('base64url');

const child = spawn(
  process.execPath,
  [
    join(ROOT, 'bin', 'run-ts.js'),
    join(ROOT, 'bench', 'baseline', 'serve-double.ts'),
    '--users',
    args.users,
    '--token',
    token,
    '--latency',
    args.latency,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const ready = await new Promise<string[]>((resolve, reject) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('READY ')) resolve(line.split(' ').slice(1));
  });
  child.once('exit', (code) => reject(new Error(`the Canvas double exited (${code})`)));
});
const [url, users, enrollments, courses] = ready as [string, string, string, string];
console.log(`Canvas double at ${url}: ${users} logins, ${enrollments} enrollments, ${courses} courses`);

const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-baseline-'));
const snapshots = openSnapshotStore(dir);
const store = openBaselineStore(snapshots);
try {
  for (const via of args.via.split(',')) {
    const client = new CanvasClient({ baseUrl: url, token });
    let lastLine = 0;
    let events = 0;
    const onProgress = (p: BaselineFetchProgress): void => {
      events++;
      const now = performance.now();
      if (now - lastLine < 2000) return;
      lastLine = now;
      const extra =
        p.percent !== undefined
          ? ` ${p.percent}%`
          : p.total !== undefined
            ? ` course ${p.done}/${p.total}`
            : '';
      console.log(
        `  [${via}] ${p.phase}: ${p.rows} rows, ${p.pages} pages${extra}; rss ${mb(process.memoryUsage().rss)} MB`,
      );
    };
    const t0 = performance.now();
    const common = { store, client, rootAccountId: '1', canvasUrl: url, onProgress };
    const meta =
      via === 'api'
        ? await fetchBaselineViaApi({ ...common, concurrency: Number(args.concurrency) })
        : await fetchBaselineViaReport({ ...common, pollIntervalMs: 250 });
    const seconds = (performance.now() - t0) / 1000;
    const c = meta.counts!;
    const rows =
      c.accounts.total +
      c.terms.total +
      c.courses.total +
      c.sections.total +
      c.users.total +
      c.enrollments.total;
    console.log(
      `${via}: ${meta.status}, ${rows} rows (users ${c.users.total}, enrollments ${c.enrollments.total}) in ` +
        `${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s; ${client.stats.requests} requests ` +
        `(${client.stats.throttled} throttled, ${client.stats.slowdowns} slowdowns); ${events} progress events; ` +
        `peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
    );
  }
} finally {
  snapshots.close();
  rmSync(dir, { recursive: true, force: true });
  child.kill('SIGTERM');
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
