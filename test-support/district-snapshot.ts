import type { SnapshotStore } from '../electron/services/snapshots';
import { generateDistrict, TABLE_NAMES } from '../electron/services/demo-provider';
import type { DistrictSpec, GeneratedDistrict } from '../electron/services/demo-provider';

const BATCH = 5_000;

/**
 * Writes a generated demo district straight into a new complete snapshot through the store's writer (the same
 * parse/store path a pull uses, minus HTTP): fast enough for tests (small) and the evaluate benchmark (large).
 */
export function writeDistrictSnapshot(
  store: SnapshotStore,
  spec: DistrictSpec | GeneratedDistrict = { preset: 'small' },
  meta: { profileId?: string | null; label?: string } = {},
): { snapshotId: string; district: GeneratedDistrict } {
  const district = 'tables' in spec ? spec : generateDistrict(spec);
  const snapshotId = store.createSnapshot({
    source: 'api',
    profileId: meta.profileId ?? null,
    label: meta.label ?? `demo ${district.name}`,
  });
  const ctx = { baseUrl: '' };
  for (const name of TABLE_NAMES) {
    const table = district.tables[name];
    const writer = store.writer(snapshotId, name);
    for (let start = 0; start < table.size; start += BATCH) {
      const end = Math.min(table.size, start + BATCH);
      const batch: unknown[] = [];
      for (let i = start; i < end; i++) batch.push(table.build(i, ctx));
      writer.addRecords(batch);
    }
  }
  store.complete(snapshotId);
  return { snapshotId, district };
}
