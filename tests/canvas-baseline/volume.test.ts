import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { importProvisioningZip } from '../../electron/services/canvas-baseline';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeProvisioningZip } from '../../electron/services/demo-canvas/write-zip';
import { tempStores } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const stores = tempStores();
afterAll(() => stores.cleanup());

/** Writes the report and returns only its expected counts, so the generated rows can be collected before import. */
async function writeReport(path: string): Promise<{ users: number; enrollments: number }> {
  const baseline = generateBaseline(
    { users: 100_000, schools: 10, enrollmentsPerStudent: 1, parents: false },
    { oldSisIdShare: 0.1, multiLogin: 50, deletedHolders: 50 },
  );
  await writeProvisioningZip(baseline, path);
  return { users: baseline.users.length, enrollments: baseline.enrollments.length };
}

describe('large provisioning report', () => {
  it('imports a 100k-user report with flat memory', async () => {
    const zip = join(stores.dir, 'large.zip');
    const expected = await writeReport(zip);
    expect(expected.users).toBeGreaterThanOrEqual(100_000);

    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = start;
    const t0 = performance.now();
    const result = await importProvisioningZip(stores.baselines, zip, {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const rows = result.counts.users.total + result.counts.enrollments.total;

    expect(result.errors).toEqual([]);
    expect(result.counts.users.total).toBe(expected.users);
    expect(result.counts.enrollments.total).toBe(expected.enrollments);
    const growthMb = (peak - start) / 2 ** 20;
    console.log(
      `baseline import: ${rows} rows (${(statSync(zip).size / 2 ** 20).toFixed(1)} MB zip) in ${seconds.toFixed(1)} s ` +
        `= ${Math.round(rows / seconds)} rows/s; heap growth ${growthMb.toFixed(1)} MB`,
    );
    // Holding the rows would take several hundred MB; streaming keeps to a few batches.
    expect(growthMb).toBeLessThan(96);
  }, 120_000);
});
