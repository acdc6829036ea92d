import { availableParallelism, loadavg } from 'node:os';
import { expect } from 'vitest';
import { measureStalls, type Stalls } from '../../test-support/main-stall';

/** The limit the issue sets for any stretch of main-thread work. */
export const MAX_DELAY_MS = 100;

/** Runs and measures a job (test-support/main-stall.ts), printing what it measured. */
export async function measured<T>(label: string, job: () => Promise<T>): Promise<{ value: T } & Stalls> {
  const { value, stalls } = await measureStalls(job);
  console.log(
    `${label}: busy ${stalls.busyMs} ms (total ${stalls.totalCpuMs} ms), loop delay max ${stalls.loopDelayMaxMs.toFixed(0)} ms, wall ${stalls.wallMs.toFixed(0)} ms`,
  );
  return { value, ...stalls };
}

/**
 * Our code never held the loop past the limit (CPU), and, when a core was free for this thread (load average
 * under the core count), neither did the wall clock: at a load of 20 on 2 cores a 10 ms timer waits for a core
 * for hundreds of ms whatever this thread does.
 */
export function expectNoStall(m: { busyMs: number; loopDelayMaxMs: number }): void {
  expect(m.busyMs).toBeLessThan(MAX_DELAY_MS);
  if (loadavg()[0]! < availableParallelism()) expect(m.loopDelayMaxMs).toBeLessThan(MAX_DELAY_MS);
  else console.log(`  (load ${loadavg()[0]!.toFixed(1)}: loop delay reported, not checked)`);
}
