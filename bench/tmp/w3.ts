import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../electron/services/demo-provider';
import { openSnapshotStore } from '../../electron/services/snapshots';
const N = 60000;
const d = generateDistrict({ preset: 'medium' });
const t = d.tables.enrollments;
const recs: unknown[] = [];
for (let i = 0; i < N; i++) recs.push(t.build(i, { baseUrl: 'http://127.0.0.1:1234/ims/oneroster/v1p1' }));
const parsed = JSON.parse(JSON.stringify(recs)) as unknown[];
function run(label: string, prep: (db: any) => void, batch = 1000) {
  const store = openSnapshotStore(mkdtempSync(join(tmpdir(), 'w-')));
  prep(store.db);
  const id = store.createSnapshot({ source: 'api' });
  const w = store.writer(id, 'enrollments');
  const c = process.cpuUsage(); const t0 = Date.now();
  for (let i = 0; i < N / batch; i++) w.addRecords(parsed.slice(i * batch, i * batch + batch), 'o:' + i * batch);
  const u = process.cpuUsage(c);
  console.log(label.padEnd(30), 'cpu µs/rec', ((u.user + u.system) / N).toFixed(1), 'wall µs/rec', ((Date.now() - t0) * 1000 / N).toFixed(1));
  store.close();
}
const noTrig = (db: any) => { for (const tb of ['enrollments']) { db.exec(`DROP TRIGGER ${tb}_guard_insert`); } };
run('current', () => {});
run('autocheckpoint 20000', (db) => db.pragma('wal_autocheckpoint = 20000'));
run('no trigger', noTrig);
run('no trigger + ckpt', (db) => { noTrig(db); db.pragma('wal_autocheckpoint = 20000'); });
run('no trigger + ckpt, batch 5000', (db) => { noTrig(db); db.pragma('wal_autocheckpoint = 20000'); }, 5000);
run('current again', () => {});
