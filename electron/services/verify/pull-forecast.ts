import { availableParallelism, loadavg } from 'node:os';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { Page } from '../oneroster/page';
import type { ProbeResult } from './endpoints';
import type { Timing, VerifyRun } from './run';
import { percentile } from './stats';

/**
 * How long a full pull will take, from what verify measured: records per collection (X-Total-Count, only the
 * collections a pull fetches), pages of the pull's page size, the latency of a page that size (the paging check
 * asks for one), the requests in flight, and the pull's own work per record (JSON, validation, SQLite rows and
 * indexes) slowed by how busy this machine is right now. Network and CPU are added, not overlapped: on a busy
 * machine they barely overlap, and the sum is at most twice the larger one.
 */

/**
 * The pull's CPU per record on an idle core (µs): `npm run bench:pull` and verify + pull runs against the demo
 * provider measured 50–80 µs (small and medium presets, page size 1000, 4 in parallel).
 */
export const PULL_CPU_US_PER_RECORD = 60;
/** The pull's CPU part is slowed this many times at most, however busy the machine. */
const MAX_SLOWDOWN = 4;

/** The endpoints a pull fetches (verify also probes aliases such as /schools, /terms, /students: not pulled). */
const PULLED = new Set<string>(SNAPSHOT_COLLECTIONS.map((c) => `/${c}`));

export interface PullForecast {
  ms: number;
  pages: number;
  records: number;
  networkMs: number;
  cpuMs: number;
  concurrency: number;
  pageSize: number;
}

export function forecastPull(
  run: VerifyRun,
  probes: readonly ProbeResult[],
  slowdown: number = machineSlowdown(),
): PullForecast | null {
  const answered = probes.filter(
    (p): p is ProbeResult & { page: Page } =>
      p.page !== null && p.page.totalCount !== null && PULLED.has(p.def.path),
  );
  if (answered.length === 0) return null;
  const page = pageLatency(run);
  const pageSize = run.pageSize;
  const concurrency = Math.max(1, run.concurrency);
  let requestMs = 0;
  let pages = 0;
  let records = 0;
  for (const p of answered) {
    const total = p.page.totalCount ?? 0;
    const n = Math.max(1, Math.ceil(total / pageSize));
    pages += n;
    records += total;
    // Full pages, then the last one with what is left.
    requestMs += (n - 1) * page(pageSize) + page(total - (n - 1) * pageSize);
  }
  const networkMs = requestMs / concurrency;
  const cpuMs = (records * PULL_CPU_US_PER_RECORD * slowdown) / 1000;
  return {
    ms: Math.round(networkMs + cpuMs),
    pages,
    records,
    networkMs: Math.round(networkMs),
    cpuMs: Math.round(cpuMs),
    concurrency,
    pageSize,
  };
}

/**
 * Latency of a page of n records: the largest page verify fetched (the paging check's full-size page) scaled to n,
 * never below the median request (the part every request pays whatever its size).
 */
function pageLatency(run: VerifyRun): (n: number) => number {
  const fixed = percentile(
    run.timings.map((t) => t.latencyMs),
    50,
  );
  const big = run.timings.reduce<Timing | null>(
    (b, t) => ((t.records ?? 0) > (b?.records ?? 0) ? t : b),
    null,
  );
  const perRecord = big?.records ? big.latencyMs / big.records : 0;
  return (n) => Math.max(fixed, perRecord * n);
}

/**
 * How much slower the pull's CPU part runs on this machine now: the square root of the runnable work per core over
 * the last minute (1 when idle; Windows reports no load average: 1). The root, because much of that load is
 * waiting (I/O, other pulls' network) rather than competing for the core: against pulls from the demo provider at
 * load 5–10 per core, the plain ratio forecast up to 2.5× the pull, the root 0.5–1.7×.
 */
export function machineSlowdown(): number {
  const perCore = loadavg()[0]! / Math.max(1, availableParallelism());
  return Math.min(MAX_SLOWDOWN, Math.sqrt(Math.max(1, perCore)));
}
