import { generateDistrict } from '../district/generate';
import { hash3, pad } from '../district/hash';
const d = generateDistrict({ preset: 'large' });
const N = 100_000;
function time(label: string, fn: (i: number) => unknown) {
  let x: unknown;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) x = fn(i);
  console.log(label, ((performance.now() - t0) / N * 1000).toFixed(2), 'µs', typeof x);
}
for (let r = 0; r < 2; r++) {
time('toISOString', (i) => new Date(1.7e12 + i * 1000).toISOString());
time('hash3', (i) => hash3(1, 15, i));
time('pad', (i) => pad(i, 6));
time('encodeURIComponent', (i) => encodeURIComponent('CLS-001-07-MATH-01' + i));
time('id', (i) => d.tables.enrollments.id(i));
time('users.id', (i) => d.tables.users.id(i));
time('build', (i) => d.tables.enrollments.build(i, { baseUrl: 'http://x' }));
time('stringify-build', (i) => JSON.stringify(d.tables.enrollments.build(i, { baseUrl: 'http://x' })));
}
