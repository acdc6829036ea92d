import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { SnapshotStore } from '../snapshots/store';
import { offsetOfKey, type DonePage } from './coverage';

/**
 * The pull's own bookkeeping in the store's pull_pages table: one row per stored page (`o:<offset>`, written
 * by the writer in the same transaction as the records) plus markers: `end` (the collection finished; its info
 * holds what the pull learned) and `skipped` (optional collection the provider does not offer).
 */

export const END_KEY = 'end';
export const SKIPPED_KEY = 'skipped';

export interface Ledger {
  pages: DonePage[];
  markers: Map<string, Record<string, unknown>>;
}

interface PageRow {
  page_key: string;
  records: number;
  info: string | null;
}

export function readLedger(store: SnapshotStore, snapshotId: string, collection: SnapshotCollection): Ledger {
  const rows = store.db
    .prepare('SELECT page_key, records, info FROM pull_pages WHERE snapshot_id = ? AND collection = ?')
    .all(snapshotId, collection) as PageRow[];
  const pages: DonePage[] = [];
  const markers = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const offset = offsetOfKey(r.page_key);
    if (offset !== null) pages.push({ offset, records: r.records });
    else markers.set(r.page_key, r.info ? (JSON.parse(r.info) as Record<string, unknown>) : {});
  }
  return { pages, markers };
}

/** Records received and pages stored for a collection (resumed pages included). */
export function ledgerTotals(
  store: SnapshotStore,
  snapshotId: string,
  collection: SnapshotCollection,
): { received: number; pages: number } {
  const row = store.db
    .prepare(
      "SELECT COALESCE(SUM(records), 0) AS received, COUNT(*) AS pages FROM pull_pages WHERE snapshot_id = ? AND collection = ? AND page_key LIKE 'o:%'",
    )
    .get(snapshotId, collection) as { received: number; pages: number };
  return row;
}
