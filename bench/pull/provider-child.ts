/**
 * The benchmark's provider, in its own process so its memory and CPU are not counted as the puller's.
 * Prints one line `READY {json}` (URL, client id and a random per-run secret: loopback only) and then
 * answers `stats` on stdin with `STATS {json}`. Usage: provider-child.ts PRESET LATENCY_MS
 */
import { createInterface } from 'node:readline';
import { startProvider, type Preset } from '../../electron/services/demo-provider';

const preset = (process.argv[2] ?? 'large') as Preset;
const latencyMs = Number(process.argv[3] ?? 20);
const provider = await startProvider({ district: { preset }, faults: { latencyMs } });
const counts = Object.fromEntries(
  Object.entries(provider.district.tables).map(([name, t]) => [name, t.size]),
);
process.stdout.write(
  `READY ${JSON.stringify({ baseUrl: provider.baseUrl, tokenUrl: provider.tokenUrl, clientId: provider.clientId, clientSecret: provider.clientSecret, counts })}\n`,
);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'stats') {
    const usage = process.resourceUsage();
    const stats = {
      ...provider.stats(),
      rssMB: process.memoryUsage().rss / 2 ** 20,
      maxRssMB: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    };
    process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
  }
}
await provider.close();
