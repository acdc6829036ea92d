/**
 * One measured pull, in a fresh process (so peak RSS is this pull's alone). The secret comes in
 * BENCH_SECRET. Prints `RESULT {json}`. Usage: puller-child.ts DATA_DIR BASE_URL CLIENT_ID PAGE_SIZE CONCURRENCY
 */
import { createPullClient, pullSnapshot } from '../../electron/services/pull';
import { openSnapshotStore } from '../../electron/services/snapshots';

const [dataDir, baseUrl, clientId, pageSizeArg, concurrencyArg] = process.argv.slice(2);
const clientSecret = process.env.BENCH_SECRET ?? '';
const pageSize = Number(pageSizeArg);
const concurrency = Number(concurrencyArg);
const store = openSnapshotStore(dataDir!);
const client = createPullClient(
  {
    baseUrl: baseUrl!,
    clientId: clientId!,
    clientSecret,
    auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
  },
  { concurrency },
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
let lastLine = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await pullSnapshot({
  store,
  client,
  profileId: 'bench',
  pageSize,
  concurrency,
  onProgress: (e) => {
    if (!process.stderr.isTTY || Date.now() - lastLine < 1000) return;
    lastLine = Date.now();
    process.stderr.write(
      `\r  ${e.done.toLocaleString('en-US')} records, ${Math.round(e.rate).toLocaleString('en-US')}/s, ×${e.concurrency}   `,
    );
  },
});
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
const pages = Object.values(result.facts.collections).reduce((n, c) => n + (c?.pages ?? 0), 0);
const records = Object.values(result.counts).reduce((a, b) => a + b, 0);
process.stdout.write(
  `RESULT ${JSON.stringify({
    status: result.status,
    error: result.error,
    counts: result.counts,
    records,
    pages,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    lowestConcurrency: result.facts.concurrency.lowest,
    retries: result.facts.retries,
  })}\n`,
);
store.close();
