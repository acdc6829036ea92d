/**
 * Child process of the baseline benchmark: serves a generated Canvas baseline through the Canvas double, so the
 * fetching process's peak RSS is measured without the double's own memory. Prints `READY <url> <users>`.
 */
import { parseArgs } from 'node:util';
import { generateBaseline, startCanvasDouble } from '../../electron/services/demo-canvas';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    token: { type: 'string' },
    latency: { type: 'string', default: '0' },
  },
});
const baseline = generateBaseline(
  { users: Number(values.users), schools: 10, enrollmentsPerStudent: 1, parents: false },
  { oldSisIdShare: 0.1, multiLogin: 50, deletedHolders: 50, crosslisted: 20 },
);
const double = await startCanvasDouble({
  baseline,
  token: values.token ?? '',
  latencyMs: Number(values.latency),
  reportDelayMs: 1000,
  throttle: { remainingHeader: true, bucketSize: 700, cost: 0.5, refillPerSec: 200 },
});
process.stdout.write(
  `READY ${double.url} ${baseline.users.length} ${baseline.enrollments.length} ${baseline.courses.length}\n`,
);
process.on('SIGTERM', () => void double.close().then(() => process.exit(0)));
