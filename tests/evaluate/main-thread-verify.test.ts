import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startDemoProviderThread,
  type DemoProviderThread,
} from '../../electron/services/demo/servers-thread';
import { verifyConnection } from '../../electron/services/verify';
import { measureStalls } from '../../test-support/main-stall';

/**
 * The main thread during verify with a large page size (35,000; a profile allows up to 50,000): the paging
 * check asks the largest collection for one page that large, and only counts its records, on a parse thread
 * (verify/page-counts.ts). The medium demo district with 8,000 users (~80,000 enrollments) on its own thread,
 * serving pages that large. The control reads that page here (parseThreadFrom: Infinity) and holds the loop for
 * well over 100 ms (default page size 1,000: 20-60 ms on the large district, so nothing to move); both must
 * give the same report.
 */
const MAX_DELAY_MS = 100;
const PAGE_SIZE = 35_000;

let provider: DemoProviderThread;

beforeAll(async () => {
  provider = await startDemoProviderThread({ preset: 'medium', users: 8_000 }, { maxLimit: PAGE_SIZE });
}, 120_000);

afterAll(async () => {
  await provider?.close();
});

const verify = (parseThreadFrom?: number) =>
  verifyConnection(
    {
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      pageSize: PAGE_SIZE,
    },
    parseThreadFrom === undefined ? {} : { parseThreadFrom },
  );

describe('the main thread during verify with a large page size', () => {
  it('counts the large page on a parse thread: no stall, the same report as in process', async () => {
    // Twice unmeasured: the first runs also compile the code that reads a 19 MB body (100-150 ms of it, once).
    await verify();
    await verify();
    const threaded = await measureStalls(() => verify());
    const control = await measureStalls(() => verify(Infinity));
    for (const [label, m] of [
      ['thread', threaded],
      ['in process', control],
    ] as const) {
      const s = m.stalls;
      console.log(
        `verify, page of ${PAGE_SIZE} (${label}): busy ${s.busyMs} ms (total ${s.totalCpuMs} ms), loop delay max ${s.loopDelayMaxMs.toFixed(0)} ms`,
      );
    }
    // The parse held this thread 210-390 ms in process; with the parse thread, what is left is fetching (which
    // stays here, as in a pull: the profile's proxy lives on this thread): 10-70 ms, but at a load of 10 on
    // 2 cores receiving a 19 MB body and the major GC after it took 100-110 ms in one run of three. So the
    // 100 ms bound is checked when a core is free, and the parse's share always.
    expect(control.stalls.busyMs).toBeGreaterThan(MAX_DELAY_MS);
    expect(threaded.stalls.busyMs).toBeLessThan(control.stalls.busyMs / 2);
    if (loadavg()[0]! < availableParallelism()) {
      expect(threaded.stalls.busyMs).toBeLessThan(MAX_DELAY_MS);
      expect(threaded.stalls.loopDelayMaxMs).toBeLessThan(MAX_DELAY_MS);
    } else console.log(`  (load ${loadavg()[0]!.toFixed(1)}: the 100 ms bound reported, not checked)`);

    // The same checks and findings, but those about time (clock, latency, rate: they vary with the load).
    const timed = ['clock', 'latency', 'rate'];
    const facts = (r: typeof threaded.value) => ({
      verdict: r.summary.verdict,
      checks: r.summary.checks.filter((c) => !timed.includes(c.id)).map((c) => [c.id, c.status, c.detail]),
      findings: r.findings
        .filter((f) => !['CONN-SLOW', 'CONN-RATE', 'CONN-CLOCK'].includes(f.ruleId))
        .map((f) => [f.ruleId, f.sourcedId]),
    });
    expect(facts(threaded.value)).toEqual(facts(control.value));
    const paging = threaded.value.summary.checks.find((c) => c.id === 'paging');
    expect(paging?.status).toBe('pass');
  }, 300_000);
});
