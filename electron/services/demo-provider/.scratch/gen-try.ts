import { generateDistrict } from '../district/generate';
for (const preset of ['tiny', 'small', 'medium', 'large'] as const) {
  const t0 = performance.now();
  const m0 = process.memoryUsage().heapUsed;
  const d = generateDistrict({ preset });
  const t1 = performance.now();
  console.log(preset, Math.round(t1 - t0), 'ms', Math.round((process.memoryUsage().heapUsed - m0) / 1e6), 'MB', d.counts);
  for (const t of Object.values(d.tables)) {
    const t2 = performance.now();
    let bytes = 0;
    const n = Math.min(t.size, 20000);
    for (let i = 0; i < n; i++) bytes += JSON.stringify(t.build(i, { baseUrl: 'http://127.0.0.1:1/ims/oneroster/v1p1' })).length;
    console.log('  ', t.name, t.size, 'sorted', t.sortedById, n ? Math.round(((performance.now() - t2) / n) * 1000) / 1000 : 0, 'ms/rec', Math.round(bytes / Math.max(1, n)), 'B/rec');
  }
  if (preset === 'tiny') for (const t of Object.values(d.tables)) console.log(JSON.stringify(t.build(Math.floor(t.size / 2), { baseUrl: '' })));
}
