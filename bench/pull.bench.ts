/**
 * Pull benchmark (docs/performance.md, "Targets"): the large demo district (100k users, ~1M
 * enrollments) served with 20 ms latency per request, pulled three ways:
 *   sequential — a one-page-at-a-time client asking the OneRoster default page (limit 100);
 *   default    — the engine's defaults (the profile defaults: page size 1000, concurrency 4);
 *   best       — larger pages and more parallel requests.
 * and, as the floor of the default pull, a drain client (bench/pull/drain-child.ts) fetching the same pages with
 * the same page size and concurrency and discarding the bytes; the default pull is printed as a ratio to it.
 * Prints wall time, the latency bound (pages × latency ÷ concurrency), records/s, CPU and peak RSS of the
 * pulling process (the provider runs in its own process; its peak RSS is shown separately).
 *
 *   npm run bench:pull -- [--preset large|medium|small] [--latency 20] [--modes sequential,default,best]
 *                         [--seq-page-size 100] [--best-page-size 2000] [--best-concurrency 8]
 *
 * Targets: default ≤ 2× the drain client, ≥ 5× faster than sequential, peak RSS ≤ 500 MB.
 *   [--runs 3] rounds of drain + default pull (the median ratio is judged; the other modes run once).
 *   [--no-drain] skips the drain client. [--from-source] runs the children through tsx instead of built as
 *   the app ships them (bench/children.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '../electron/services/pull/types';
import { benchChildren, childrenNote, FROM_SOURCE_OPTION, median } from './children';

const ROOT = join(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'large' },
    latency: { type: 'string', default: '20' },
    modes: { type: 'string', default: 'sequential,default,best' },
    'seq-page-size': { type: 'string', default: '100' },
    'best-page-size': { type: 'string', default: '2000' },
    'best-concurrency': { type: 'string', default: '8' },
    'no-drain': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    ...FROM_SOURCE_OPTION,
  },
});
const latencyMs = Number(args.latency);
const childArgs = await benchChildren(
  ['bench/pull/drain-child.ts', 'bench/pull/provider-child.ts', 'bench/pull/puller-child.ts'],
  args['from-source']!,
);

interface Mode {
  name: string;
  pageSize: number;
  concurrency: number;
}
const MODES: Record<string, Mode> = {
  sequential: { name: 'sequential', pageSize: Number(args['seq-page-size']), concurrency: 1 },
  default: { name: 'default', pageSize: DEFAULT_PAGE_SIZE, concurrency: DEFAULT_CONCURRENCY },
  best: {
    name: 'best',
    pageSize: Number(args['best-page-size']),
    concurrency: Number(args['best-concurrency']),
  },
};

interface PullRun {
  status: string;
  error: string | null;
  counts: Record<string, number>;
  records: number;
  pages: number;
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
  lowestConcurrency: number;
  retries: number;
}

/** Lines of a child's stdout, awaited by prefix (a for-await loop would close the stream on return). */
class Lines {
  private readonly buffered: string[] = [];
  private waiter: (() => void) | null = null;
  private ended = false;

  constructor(input: NodeJS.ReadableStream) {
    const rl = createInterface({ input });
    rl.on('line', (line) => {
      this.buffered.push(line);
      this.waiter?.();
    });
    rl.on('close', () => {
      this.ended = true;
      this.waiter?.();
    });
  }

  async next(prefix: string): Promise<string> {
    for (;;) {
      const i = this.buffered.findIndex((l) => l.startsWith(`${prefix} `));
      if (i >= 0) return this.buffered.splice(0, i + 1)[i]!.slice(prefix.length + 1);
      if (this.ended) throw new Error(`child ended before printing ${prefix}`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }
}

interface ProviderInfo {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  counts: Record<string, number>;
}

interface DrainRun {
  pages: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
}

/** The drain client for a mode's page size and concurrency, in its own process. */
async function runDrain(mode: Mode, info: ProviderInfo): Promise<DrainRun> {
  const child = spawn(
    process.execPath,
    childArgs(
      'bench/pull/drain-child.ts',
      info.tokenUrl,
      info.baseUrl,
      info.clientId,
      String(mode.pageSize),
      String(mode.concurrency),
      JSON.stringify(info.counts),
    ),
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_SECRET: info.clientSecret },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(await new Lines(child.stdout!).next('RESULT')) as DrainRun;
}

async function startProviderChild(): Promise<{
  child: ChildProcessWithoutNullStreams;
  rl: Lines;
  info: ProviderInfo;
}> {
  const child = spawn(
    process.execPath,
    childArgs('bench/pull/provider-child.ts', args.preset!, String(latencyMs)),
    { cwd: ROOT },
  );
  child.stderr.pipe(process.stderr);
  const rl = new Lines(child.stdout);
  const info = JSON.parse(await rl.next('READY')) as ProviderInfo;
  return { child, rl, info };
}

async function providerStats(p: {
  child: ChildProcessWithoutNullStreams;
  rl: Lines;
}): Promise<{ maxRssMB: number; cpuMs: number; requests: number }> {
  p.child.stdin.write('stats\n');
  return JSON.parse(await p.rl.next('STATS')) as { maxRssMB: number; cpuMs: number; requests: number };
}

async function runPull(
  mode: Mode,
  info: { baseUrl: string; clientId: string; clientSecret: string },
): Promise<PullRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preflight-bench-pull-'));
  try {
    const child = spawn(
      process.execPath,
      childArgs(
        'bench/pull/puller-child.ts',
        dataDir,
        info.baseUrl,
        info.clientId,
        String(mode.pageSize),
        String(mode.concurrency),
      ),
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_SECRET: info.clientSecret },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return JSON.parse(await new Lines(child.stdout!).next('RESULT')) as PullRun;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** Wall times mean little on a busy machine: the 1-minute load average is printed with every run. */
const load = () => fmt(loadavg()[0]!, 1);

async function main(): Promise<number> {
  const modes = args.modes!.split(',').map((m) => {
    const mode = MODES[m.trim()];
    if (!mode) throw new Error(`unknown mode ${m}; use ${Object.keys(MODES).join(', ')}`);
    return mode;
  });
  console.log(
    `pull benchmark: preset ${args.preset}, ${latencyMs} ms latency per request, ${process.platform}/${process.arch}, node ${process.version}, ${childrenNote(args['from-source']!)}, load ${load()}`,
  );
  const t0 = performance.now();
  const provider = await startProviderChild();
  const expected = provider.info.counts;
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  console.log(
    `provider ready in ${fmt((performance.now() - t0) / 1000, 1)} s: ${fmt(expected.users ?? 0)} users, ${fmt(expected.enrollments ?? 0)} enrollments, ${fmt(total)} records`,
  );

  const results = new Map<string, PullRun & { boundMs: number }>();
  const withDrain = !args['no-drain'] && modes.some((m) => m.name === 'default');
  /** Default pull / drain, one per round (each pull right after its own drain). */
  const ratios: number[] = [];
  const drainOnce = async (): Promise<DrainRun> => {
    const before = await providerStats(provider);
    const drain = await runDrain(MODES.default!, provider.info);
    const after = await providerStats(provider);
    console.log(
      [
        `drain      page ${String(DEFAULT_PAGE_SIZE).padStart(5)} ×${String(DEFAULT_CONCURRENCY).padEnd(2)}`,
        `wall ${fmt(drain.wallMs / 1000, 1)} s (${fmt(drain.pages)} pages, ${fmt(drain.bytes / 2 ** 20)} MB discarded)`,
        `CPU ${fmt(drain.cpuMs / 1000, 1)} s`,
        `peak RSS ${fmt(drain.peakRssMB)} MB`,
        `provider: ${fmt(after.requests - before.requests)} requests, CPU ${fmt((after.cpuMs - before.cpuMs) / 1000, 1)} s`,
        `load ${load()}`,
      ].join(' | '),
    );
    return drain;
  };
  try {
    for (const mode of modes) {
      const rounds = mode.name === 'default' ? Number(args.runs) : 1;
      for (let round = 0; round < rounds; round++) {
        const drain = withDrain && mode.name === 'default' ? await drainOnce() : null;
        const before = await providerStats(provider);
        const r = await runPull(mode, provider.info);
        const after = await providerStats(provider);
        const boundMs = (r.pages * latencyMs) / mode.concurrency;
        // Over rounds, the slowest wall time (against sequential) and the highest peak RSS are the ones judged.
        const kept = results.get(mode.name);
        const slowest = kept !== undefined && kept.wallMs >= r.wallMs ? kept : { ...r, boundMs };
        results.set(mode.name, { ...slowest, peakRssMB: Math.max(r.peakRssMB, kept?.peakRssMB ?? 0) });
        if (drain !== null) ratios.push(r.wallMs / drain.wallMs);
        const exact = Object.entries(expected).every(([c, n]) => r.counts[c] === n);
        console.log(
          [
            `${mode.name.padEnd(10)} page ${String(mode.pageSize).padStart(5)} ×${String(mode.concurrency).padEnd(2)}`,
            `${r.status}${exact ? ' (exact counts)' : ' (COUNTS DIFFER)'}`,
            `wall ${fmt(r.wallMs / 1000, 1)} s${drain !== null ? ` (${fmt(r.wallMs / drain.wallMs, 2)}× the drain)` : ''}`,
            `bound ${fmt(boundMs / 1000, 1)} s (${fmt(r.pages)} pages) → ${fmt(r.wallMs / boundMs, 2)}× bound`,
            `${fmt(r.records / (r.wallMs / 1000))} records/s`,
            `CPU ${fmt(r.cpuMs / 1000, 1)} s (${fmt((r.cpuMs * 1000) / r.records, 1)} µs/record)`,
            `peak RSS ${fmt(r.peakRssMB)} MB`,
            `provider: ${fmt(after.requests - before.requests)} requests, CPU ${fmt((after.cpuMs - before.cpuMs) / 1000, 1)} s`,
            `load ${load()}`,
          ].join(' | '),
        );
        if (r.error) console.log(`  error: ${r.error}`);
      }
    }
    const providerFinal = await providerStats(provider);
    console.log(`provider peak RSS ${fmt(providerFinal.maxRssMB)} MB (not counted above)`);
  } finally {
    provider.child.kill('SIGTERM');
  }

  const def = results.get('default');
  const seq = results.get('sequential');
  let failed = 0;
  const check = (label: string, ok: boolean, detail: string) => {
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}: ${detail}`);
  };
  if (def) {
    if (ratios.length > 0) {
      const med = median(ratios);
      check(
        'default within 2× the drain client (median of rounds, each against its own drain)',
        med <= 2,
        `${fmt(med, 2)}× (${ratios.map((x) => fmt(x, 2)).join(', ')})`,
      );
    }
    check('peak RSS ≤ 500 MB (default)', def.peakRssMB <= 500, `${fmt(def.peakRssMB)} MB`);
  }
  if (def && seq)
    check(
      'default ≥ 5× faster than sequential',
      seq.wallMs / def.wallMs >= 5,
      `${fmt(seq.wallMs / def.wallMs, 1)}×`,
    );
  for (const [name, r] of results)
    if (r.status !== 'complete') check(`${name} completed`, false, r.error ?? r.status);
  console.log(`total ${fmt((performance.now() - t0) / 1000, 0)} s`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
