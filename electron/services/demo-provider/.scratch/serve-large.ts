import { startProvider } from '../index';
import { signRequest } from '../../oneroster/oauth1';
const t0 = performance.now();
const p = await startProvider({ district: { preset: 'large' } });
console.log('start', (performance.now() - t0).toFixed(0), 'ms rss', (process.memoryUsage().rss / 1e6).toFixed(0));
async function get(path: string) {
  const url = new URL(p.baseUrl + path);
  const s = signRequest('GET', url, { consumerKey: p.clientId, consumerSecret: p.clientSecret, method: 'HMAC-SHA256' });
  const t = performance.now();
  const res = await fetch(url, { headers: { authorization: s.authorization } });
  const text = await res.text();
  console.log(path.slice(0, 80), res.status, (text.length / 1e6).toFixed(2), 'MB', (performance.now() - t).toFixed(0), 'ms', 'rss', (process.memoryUsage().rss / 1e6).toFixed(0));
}
await get('/enrollments?limit=10000&offset=500000');
await get('/enrollments?limit=10000&offset=510000');
await get('/users?limit=10000&offset=0');
await get('/schools/SCH-010/enrollments?limit=1000');
await get('/schools/SCH-011/enrollments?limit=1000');
await get('/classes/CLS-010-03-MATH-01/students');
await get('/students/STU-000100/classes');
await get("/enrollments?limit=1000&filter=" + encodeURIComponent("role='teacher'"));
await get("/enrollments?limit=1000&offset=1000&filter=" + encodeURIComponent("role='teacher'"));
await get("/users?limit=1000&sort=familyName");
// concurrent pull of all enrollments with page 5000, 4 at a time
const t1 = performance.now();
const total = p.district.counts.enrollments;
let next = 0;
async function worker() {
  while (next < total) {
    const off = next; next += 5000;
    const url = new URL(`${p.baseUrl}/enrollments?limit=5000&offset=${off}`);
    const s = signRequest('GET', url, { consumerKey: p.clientId, consumerSecret: p.clientSecret, method: 'HMAC-SHA256' });
    await (await fetch(url, { headers: { authorization: s.authorization } })).text();
  }
}
await Promise.all([worker(), worker(), worker(), worker()]);
console.log('full enrollments pull', (performance.now() - t1).toFixed(0), 'ms rss', (process.memoryUsage().rss / 1e6).toFixed(0));
await p.close();
