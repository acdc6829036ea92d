/** Writes a demo district as a OneRoster 1.1 CSV bundle folder: bundle-child.ts DIR PRESET → {ms, bytes}. */
import type { Preset } from '../../electron/services/demo-provider';
import { writeDistrictCsv } from '../../test-support/district-csv';

const [dir, preset] = process.argv.slice(2);
if (dir === undefined || preset === undefined) throw new Error('usage: bundle-child.ts DIR PRESET');
const started = performance.now();
const { bytes, district } = writeDistrictCsv(dir, { preset: preset as Preset });
console.log(JSON.stringify({ ms: performance.now() - started, bytes, counts: district.counts }));
