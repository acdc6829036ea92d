/**
 * Parser throughput: `node bin/run-ts.js bench/oneroster-parse.bench.ts [count]`.
 * Target: 100k enrollments well under 1 s (a full pull parses every record).
 */
import { parseRecord, redactRaw } from '../shared/oneroster/parse';

const count = Number(process.argv[2] ?? 100_000);
const ts = '2024-08-01T12:00:00.511Z';
const records = Array.from({ length: count }, (_, i) => ({
  sourcedId: `enr-${i}`,
  status: i % 50 === 0 ? 'tobedeleted' : 'active',
  dateLastModified: ts,
  user: { href: `https://sis.example/users/u${i % 5000}`, sourcedId: `u${i % 5000}`, type: 'user' },
  class: { href: `https://sis.example/classes/c${i % 800}`, sourcedId: `c${i % 800}`, type: 'class' },
  school: { href: 'https://sis.example/orgs/s1', sourcedId: 's1', type: 'org' },
  role: i % 25 === 0 ? 'teacher' : 'student',
  primary: i % 25 === 0 ? 'true' : 'false',
  beginDate: '2024-08-15',
  endDate: '2025-06-10',
}));
// Through JSON, as a pull sees them.
const raw = JSON.parse(JSON.stringify(records)) as unknown[];

for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let issues = 0;
  for (const r of raw) {
    const res = parseRecord('enrollment', r);
    issues += res.issues.length;
    redactRaw('enrollment', r);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `parse+redact ${count} enrollments: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${Math.round(count / (ms / 1000))}/s), issues ${issues}`,
  );
}
