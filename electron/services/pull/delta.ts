import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import type { SnapshotStore } from '../snapshots/store';
import { TABLES } from '../snapshots/tables';

/**
 * Delta pulls (docs/oneroster-dialects.md): ask for `dateLastModified>'<since>'` where `since` is the newest
 * dateLastModified the previous complete snapshot holds (the provider's clock, not ours) minus an overlap,
 * so providers with skewed or zone-less timestamps do not make us miss changes; re-sent records are upserts.
 */

/** Newest parseable dateLastModified over every collection of a snapshot (ms), or null. */
export function newestModified(store: SnapshotStore, snapshotId: string): number | null {
  let newest: number | null = null;
  for (const c of SNAPSHOT_COLLECTIONS) {
    // Timestamps come in several spellings; the textual max of each table is a good candidate, but
    // zone-less and offset forms sort differently, so the few distinct maxima per prefix are compared parsed.
    const rows = store.db
      .prepare(
        `SELECT MAX(date_last_modified) AS v FROM ${TABLES[c].table}
         WHERE snapshot_id = ? AND date_last_modified IS NOT NULL GROUP BY length(date_last_modified)`,
      )
      .all(snapshotId) as Array<{ v: string | null }>;
    for (const r of rows) {
      if (r.v === null) continue;
      const ms = Date.parse(r.v);
      if (Number.isFinite(ms) && (newest === null || ms > newest)) newest = ms;
    }
  }
  return newest;
}

export interface DeltaStart {
  parent: SnapshotMeta;
  since: string;
  filter: string;
}

/**
 * Where a delta pull starts: the newest complete pulled (not CSV-imported) snapshot of the profile, from the
 * same server. Null when there is none.
 */
export function planDelta(
  store: SnapshotStore,
  profileId: string | null,
  baseUrl: string | null,
  overlapMs: number,
): DeltaStart | null {
  const candidate = store
    .list({ profileId, status: 'complete' })
    .find((s) => s.source === 'api' && (baseUrl === null || s.baseUrl === null || s.baseUrl === baseUrl));
  const parent = candidate ? store.get(candidate.id) : null;
  if (parent === null) return null;
  const newest = newestModified(store, parent.id) ?? Date.parse(parent.startedAt);
  const since = new Date(newest - overlapMs).toISOString();
  return { parent, since, filter: deltaFilter(since) };
}

export function deltaFilter(since: string): string {
  return `dateLastModified>'${since}'`;
}
