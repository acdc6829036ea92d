/**
 * Plan + evaluate of one snapshot, measured in a fresh process: wall time, CPU, peak RSS (the process's
 * maxRSS, which includes opening the store). Prints one JSON line.
 *   node bin/run-ts.js bench/evaluate/measure-child.ts DATA_DIR SNAPSHOT_ID [auto|worker|inline]
 */
import { evaluateSnapshot, type RulesThread } from '../../electron/services/evaluate';
import { openSnapshotStore } from '../../electron/services/snapshots';

const [dataDir, snapshotId, rulesThread = 'auto'] = process.argv.slice(2);
if (!dataDir || !snapshotId) throw new Error('usage: measure-child.ts DATA_DIR SNAPSHOT_ID');
const cpu0 = process.cpuUsage();
const started = performance.now();
const store = openSnapshotStore(dataDir);
const e = await evaluateSnapshot({ store, snapshotId, rulesThread: rulesThread as RulesThread });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: usage.maxRSS / 1024,
    planMs: e.timings.planMs,
    rulesMs: e.timings.rulesMs,
    rulesThread: e.timings.rulesThread,
    modules: e.timings.modules.map((m) => ({
      module: m.module,
      ms: Math.round(m.ms),
      findings: m.findings,
      error: m.error,
    })),
    planCounts: e.plan.counts,
    findingCounts: e.summary.counts,
    byRule: e.summary.byRule.map((r) => `${r.ruleId}=${r.count}`),
    verdict: e.summary.verdict,
  }),
);
store.close();
