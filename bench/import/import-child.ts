/**
 * One CSV import, timed, in a fresh process (bench/import.bench.ts runs it under /usr/bin/time for peak RSS):
 *   import-child.ts DATA_DIR BUNDLE_DIR [--in-process]   → prints one JSON line {ms, status, counts}
 * (--in-process: no write thread, to compare.)
 */
import { importCsvBundle } from '../../electron/services/csv-import';
import { openSnapshotStore } from '../../electron/services/snapshots';

const [dataDir, bundle, mode] = process.argv.slice(2);
if (dataDir === undefined || bundle === undefined)
  throw new Error('usage: import-child.ts DATA_DIR BUNDLE_DIR');
const store = openSnapshotStore(dataDir);
const started = performance.now();
const result = await importCsvBundle(store, bundle, {
  profileId: null,
  ...(mode === '--in-process' ? { writeThreadFrom: Infinity } : {}),
});
const ms = performance.now() - started;
store.close();
console.log(
  JSON.stringify({ ms, status: result.status, counts: result.counts, errors: result.errors.length }),
);
