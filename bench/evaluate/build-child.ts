/**
 * Builds the benchmark district into a fresh snapshot store (its own process, so its memory never counts
 * against the measured one). Prints one JSON line: { dataDir, snapshotId, counts, ms }.
 *   node bin/run-ts.js bench/evaluate/build-child.ts DATA_DIR PRESET
 */
import { openSnapshotStore } from '../../electron/services/snapshots';
import type { Preset } from '../../electron/services/demo-provider';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

const [dataDir, preset = 'large'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: build-child.ts DATA_DIR [PRESET]');
const started = performance.now();
const store = openSnapshotStore(dataDir);
const { snapshotId, district } = writeDistrictSnapshot(
  store,
  { preset: preset as Preset },
  { label: `bench ${preset}` },
);
store.close();
console.log(
  JSON.stringify({ dataDir, snapshotId, counts: district.counts, ms: performance.now() - started }),
);
