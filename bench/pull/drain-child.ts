/**
 * The pull's floor (issue 13): fetches exactly the pages a pull fetches — every collection, same page size, same
 * concurrency — from the same provider, and throws the bytes away (no parsing, no storage). OAuth 2 bearer token
 * (one request), then plain fetch. Prints `RESULT {json}`.
 * Usage: drain-child.ts TOKEN_URL BASE_URL CLIENT_ID PAGE_SIZE CONCURRENCY COUNTS_JSON (secret in BENCH_SECRET)
 */
import { argv } from 'node:process';

const [tokenUrl, baseUrl, clientId, pageSizeArg, concurrencyArg, countsJson] = argv.slice(2);
const pageSize = Number(pageSizeArg);
const concurrency = Number(concurrencyArg);
const counts = JSON.parse(countsJson!) as Record<string, number>;
const basic = Buffer.from(`${clientId}:${process.env.BENCH_SECRET ?? ''}`).toString('base64');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const tokenRes = await fetch(tokenUrl!, {
  method: 'POST',
  headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials',
});
if (!tokenRes.ok) throw new Error(`token request failed: ${tokenRes.status} ${await tokenRes.text()}`);
const token = ((await tokenRes.json()) as { access_token: string }).access_token;

const urls: string[] = [];
for (const [collection, total] of Object.entries(counts)) {
  // A pull asks until a short page: one more request when the total is a multiple of the page size.
  for (let offset = 0; offset <= total; offset += pageSize) {
    urls.push(`${baseUrl}/${collection}?limit=${pageSize}&offset=${offset}`);
    if (offset + pageSize > total) break;
  }
}
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      bytes += (await res.arrayBuffer()).byteLength;
    }
  }),
);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
process.stdout.write(
  `RESULT ${JSON.stringify({
    pages: urls.length,
    bytes,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  })}\n`,
);
