import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** A full collection before measuring: garbage left by whatever ran before must not count against the job. */
const collectGarbage = runInNewContext('gc') as () => void;

/** This thread's CPU time (user + system, ms) from Linux's per-thread stat; the main thread's tid is the pid. */
function threadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

export interface Stalls {
  /** Longest gap between two timer ticks (ms): what a user would feel, including time the OS gave to others. */
  wallMs: number;
  /** Main-thread CPU spent inside the longest-running gap (ms): how long our code held the event loop. */
  busyMs: number;
  /** perf_hooks.monitorEventLoopDelay's maximum (ms, 10 ms resolution): wall time, like `wallMs`. */
  loopDelayMaxMs: number;
  /** Main-thread CPU over the whole job (ms): how much of the work stayed on this thread. */
  totalCpuMs: number;
}

/**
 * Runs `job` while a 5 ms timer samples this thread: every gap between ticks is a stretch the event loop could not
 * run, and the thread's own CPU time during the gap tells our work (busy) from waiting for a core on a loaded
 * machine (the tests share 2 cores with other jobs). Linux only (/proc). 10 ms CPU-time resolution.
 */
export async function measureStalls<T>(job: () => Promise<T>): Promise<{ value: T; stalls: Stalls }> {
  collectGarbage();
  let lastWall = performance.now();
  let lastCpu = threadCpuMs();
  const stalls: Stalls = { wallMs: 0, busyMs: 0, loopDelayMaxMs: 0, totalCpuMs: 0 };
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The histogram's first tick only starts its clock: a job that blocks before it would not be recorded.
  await new Promise((r) => setTimeout(r, 25));
  const sample = () => {
    const wall = performance.now();
    const cpu = threadCpuMs();
    stalls.wallMs = Math.max(stalls.wallMs, wall - lastWall);
    stalls.busyMs = Math.max(stalls.busyMs, cpu - lastCpu);
    lastWall = wall;
    lastCpu = cpu;
  };
  const firstCpu = lastCpu;
  const timer = setInterval(sample, 5);
  try {
    const value = await job();
    sample(); // the stretch since the last tick (a job that never yields has no tick at all)
    stalls.totalCpuMs = lastCpu - firstCpu;
    // Let the histogram's own timer fire once, so a job that never yielded is recorded too.
    await new Promise((r) => setTimeout(r, 20));
    histogram.disable();
    stalls.loopDelayMaxMs = histogram.max / 1e6;
    return { value, stalls };
  } finally {
    clearInterval(timer);
    histogram.disable();
  }
}
