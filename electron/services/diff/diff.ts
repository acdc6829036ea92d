import { isDeepStrictEqual } from 'node:util';
import { SNAPSHOT_COLLECTIONS, type SnapshotCollection } from '../../../shared/snapshots/collections';
import {
  ChangePageRequest,
  type ChangeCounts,
  type ChangeKind,
  type ChangePage,
  type ChangedRecord,
  type FieldChange,
  type SnapshotDiff,
} from '../../../shared/snapshots/diff';
import { ServiceError } from '../../../shared/errors';
import { isPartialFeed } from '../../../shared/snapshots/feed';
import type { SnapshotStore } from '../snapshots/store';
import { decodeColumn, recordColumns, rowToRecord, tableSpec } from '../snapshots/tables';

/**
 * Snapshot diff: counts per collection by joining the two snapshots on sourced_id and comparing content_hash
 * in SQL (index lookups, no rows through JS); field-level changes only for the page being shown.
 */

function assertExists(store: SnapshotStore, id: string): void {
  const meta = store.get(id);
  if (meta === null) {
    throw new ServiceError(
      'snapshot_not_found',
      `Snapshot ${id} does not exist.`,
      'Choose another snapshot to compare.',
    );
  }
  // A delta bundle holds only changes: compared as a whole district, everything it does not mention would
  // show as removed (docs/oneroster-dialects.md).
  if (isPartialFeed(meta.providerFacts)) {
    throw new ServiceError(
      'snapshot_partial',
      `Snapshot ${id} is a delta bundle (changes only), not a whole district, so it cannot be compared as one.`,
      'Compare snapshots of bulk (full) exports or pulls.',
    );
  }
}

export function diffSnapshots(store: SnapshotStore, from: string, to: string): SnapshotDiff {
  assertExists(store, from);
  assertExists(store, to);
  const collections = {} as SnapshotDiff['collections'];
  for (const c of SNAPSHOT_COLLECTIONS) collections[c] = diffCounts(store, from, to, c);
  return { from, to, collections };
}

function diffCounts(
  store: SnapshotStore,
  from: string,
  to: string,
  collection: SnapshotCollection,
): ChangeCounts {
  const t = tableSpec(collection).table;
  const forward = store.db
    .prepare(
      `SELECT COUNT(*) AS total,
              COALESCE(SUM(o.id IS NULL), 0) AS added,
              COALESCE(SUM(o.id IS NOT NULL AND o.content_hash <> n.content_hash), 0) AS changed
       FROM ${t} n LEFT JOIN ${t} o ON o.snapshot_id = ? AND o.sourced_id = n.sourced_id
       WHERE n.snapshot_id = ?`,
    )
    .get(from, to) as { total: number; added: number; changed: number };
  const removed = store.db
    .prepare(
      `SELECT COUNT(*) AS n FROM ${t} o
       WHERE o.snapshot_id = ? AND NOT EXISTS (SELECT 1 FROM ${t} n WHERE n.snapshot_id = ? AND n.sourced_id = o.sourced_id)`,
    )
    .get(from, to) as { n: number };
  return {
    added: forward.added,
    removed: removed.n,
    changed: forward.changed,
    unchanged: forward.total - forward.added - forward.changed,
  };
}

/** The ids of one page of changes, ordered by sourcedId, and how many changes there are in all. */
function changeIds(
  store: SnapshotStore,
  req: ReturnType<typeof ChangePageRequest.parse>,
): { total: number; ids: Array<{ sourced_id: string; change: ChangeKind }> } {
  const t = tableSpec(req.collection).table;
  const parts: string[] = [];
  const args: string[] = [];
  if (req.change === undefined || req.change === 'added' || req.change === 'changed') {
    const cond =
      req.change === 'added'
        ? 'o.id IS NULL'
        : req.change === 'changed'
          ? 'o.id IS NOT NULL AND o.content_hash <> n.content_hash'
          : '(o.id IS NULL OR o.content_hash <> n.content_hash)';
    parts.push(
      `SELECT n.sourced_id, CASE WHEN o.id IS NULL THEN 'added' ELSE 'changed' END AS change
       FROM ${t} n LEFT JOIN ${t} o ON o.snapshot_id = ? AND o.sourced_id = n.sourced_id
       WHERE n.snapshot_id = ? AND ${cond}`,
    );
    args.push(req.from, req.to);
  }
  if (req.change === undefined || req.change === 'removed') {
    parts.push(
      `SELECT o.sourced_id, 'removed' AS change FROM ${t} o
       WHERE o.snapshot_id = ? AND NOT EXISTS (SELECT 1 FROM ${t} n WHERE n.snapshot_id = ? AND n.sourced_id = o.sourced_id)`,
    );
    args.push(req.from, req.to);
  }
  const union = parts.join(' UNION ALL ');
  const total = (store.db.prepare(`SELECT COUNT(*) AS n FROM (${union})`).get(...args) as { n: number }).n;
  const ids = store.db
    .prepare(`SELECT sourced_id, change FROM (${union}) ORDER BY sourced_id, change LIMIT ? OFFSET ?`)
    .all(...args, req.limit, req.offset) as Array<{ sourced_id: string; change: ChangeKind }>;
  return { total, ids };
}

/** One page of added/removed/changed records with, for changed ones, the fields that differ. */
export function listChanges(store: SnapshotStore, request: ChangePageRequest): ChangePage {
  const req = ChangePageRequest.parse(request);
  assertExists(store, req.from);
  assertExists(store, req.to);
  const { total, ids } = changeIds(store, req);
  const spec = tableSpec(req.collection);
  const columns = recordColumns(spec);
  const select = store.db.prepare(
    `SELECT ${columns.map((c) => c.col).join(', ')} FROM ${spec.table} WHERE snapshot_id = ? AND sourced_id = ?`,
  );
  const items = ids.map(({ sourced_id: sourcedId, change }): ChangedRecord => {
    const beforeRow =
      change === 'added' ? undefined : (select.get(req.from, sourcedId) as Record<string, unknown>);
    const afterRow =
      change === 'removed' ? undefined : (select.get(req.to, sourcedId) as Record<string, unknown>);
    const fields: FieldChange[] = [];
    if (beforeRow !== undefined && afterRow !== undefined) {
      for (const c of columns) {
        const before = decodeColumn(c, beforeRow[c.col]);
        const after = decodeColumn(c, afterRow[c.col]);
        if (!isDeepStrictEqual(before, after)) fields.push({ field: c.field, before, after });
      }
    }
    return {
      sourcedId,
      change,
      before:
        beforeRow === undefined
          ? null
          : (rowToRecord(columns, beforeRow) as unknown as Record<string, unknown>),
      after:
        afterRow === undefined
          ? null
          : (rowToRecord(columns, afterRow) as unknown as Record<string, unknown>),
      fields,
    };
  });
  return { total, offset: req.offset, items };
}
