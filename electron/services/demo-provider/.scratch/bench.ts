import { generateDistrict } from '../district/generate';
const d = generateDistrict({ preset: 'large' });
const ctx = { baseUrl: 'http://127.0.0.1:1234/ims/oneroster/v1p1' };
const t = d.tables.enrollments;
for (let round = 0; round < 4; round++) {
  let t0 = performance.now();
  const s1 = JSON.stringify({ x: Array.from({ length: 10_000 }, (_, i) => t.build(round * 10_000 + i, ctx)) });
  const a = performance.now() - t0;
  t0 = performance.now();
  const s2 = `{"x":[${Array.from({ length: 10_000 }, (_, i) => t.json!(round * 10_000 + i, ctx)).join(',')}]}`;
  const b = performance.now() - t0;
  console.log('objects', a.toFixed(1), 'direct', b.toFixed(1), s1 === s2);
}
