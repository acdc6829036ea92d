/**
 * Snapshot writer throughput: `node bin/run-ts.js bench/snapshot-write.bench.ts [count] [batch]`.
 * Writes `count` enrollments (default 200k) in pages of `batch` (default 1000, each page one transaction
 * with its ledger row, as a pull does) into a fresh store; prints records/s and CPU µs per record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnapshotStore } from '../electron/services/snapshots';

const count = Number(process.argv[2] ?? 200_000);
const batch = Number(process.argv[3] ?? 1000);
const ts = '2024-08-01T12:00:00.511Z';

function page(start: number, n: number): unknown[] {
  const text = JSON.stringify(
    Array.from({ length: n }, (_, k) => {
      const i = start + k;
      return {
        sourcedId: `enr-${i}`,
        status: i % 50 === 0 ? 'tobedeleted' : 'active',
        dateLastModified: ts,
        user: { href: `https://sis.example/users/u${i % 50_000}`, sourcedId: `u${i % 50_000}`, type: 'user' },
        class: { href: `https://sis.example/classes/c${i % 8000}`, sourcedId: `c${i % 8000}`, type: 'class' },
        school: { href: 'https://sis.example/orgs/s1', sourcedId: 's1', type: 'org' },
        role: i % 25 === 0 ? 'teacher' : 'student',
        primary: i % 25 === 0 ? 'true' : 'false',
        beginDate: '2024-08-15',
        endDate: '2025-06-10',
      };
    }),
  );
  // Through JSON, as a pull sees them.
  return JSON.parse(text) as unknown[];
}

const pages: unknown[][] = [];
for (let s = 0; s < count; s += batch) pages.push(page(s, Math.min(batch, count - s)));

const dir = mkdtempSync(join(tmpdir(), 'bench-snapshot-write-'));
try {
  const store = openSnapshotStore(dir);
  if (process.env.NOTRIG) for (const r of store.db.prepare("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE '%guard%'").all() as {name:string}[]) store.db.exec('DROP TRIGGER '+r.name);
  if (process.env.NOFK) store.db.pragma('foreign_keys=OFF');
  const id = store.createSnapshot({ source: 'api' });
  const writer = store.writer(id, 'enrollments');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let stored = 0;
  for (let p = 0; p < pages.length; p++) stored += writer.addRecords(pages[p]!, `o:${p * batch}`).stored;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  store.complete(id);
  store.close();
  console.log(
    `snapshot write: ${stored.toLocaleString('en-US')} enrollments in pages of ${batch}: ${ms.toFixed(0)} ms wall, ` +
      `${cpuMs.toFixed(0)} ms CPU → ${Math.round(stored / (ms / 1000)).toLocaleString('en-US')} records/s, ` +
      `${((cpuMs * 1000) / stored).toFixed(1)} µs CPU/record`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
