import type Database from 'better-sqlite3';
import { ServiceError } from '../../../shared/errors';
import { ALL_LINKS, ALL_TABLES, recordColumns } from './tables';

export type CloneMode = 'delta' | 'resume';

/**
 * Copies a snapshot's rows into a new running snapshot with INSERT…SELECT (no rows through JS).
 * - delta: rows are flagged from_parent, so the delta pull's records replace them instead of counting as
 *   duplicates; rejected rows and pages stay with the parent (they describe that pull).
 * - resume: everything, pages included, so the pull skips the pages it already has.
 */
export function cloneSnapshotRows(
  db: Database.Database,
  fromId: string,
  toId: string,
  mode: CloneMode,
): void {
  db.transaction(() => {
    const from = statusOf(db, fromId);
    const to = statusOf(db, toId);
    if (from === undefined || to === undefined) {
      throw new ServiceError(
        'snapshot_not_found',
        `Snapshot ${from === undefined ? fromId : toId} does not exist.`,
        'Choose another snapshot.',
      );
    }
    if (mode === 'delta' && from !== 'complete') {
      throw new ServiceError(
        'snapshot_not_complete',
        `A delta pull needs a complete snapshot to start from; ${fromId} is ${from}.`,
        'Run a full pull first.',
      );
    }
    if (mode === 'resume' && (from === 'complete' || from === 'running')) {
      throw new ServiceError(
        'snapshot_not_resumable',
        `Only a failed or cancelled snapshot can be resumed; ${fromId} is ${from}.`,
        'Start a new pull instead.',
      );
    }
    if (to !== 'running') {
      throw new ServiceError(
        'snapshot_not_writable',
        `Snapshot ${toId} is ${to}; a finished snapshot cannot be changed.`,
        'Start a new pull.',
      );
    }
    if (!isEmpty(db, toId)) {
      throw new ServiceError(
        'snapshot_not_empty',
        `Snapshot ${toId} already has records; rows can only be copied into an empty snapshot.`,
        'Copy before pulling.',
      );
    }
    // A resumed delta pull must still replace rows copied from its parent, so resume keeps the flag.
    const fromParent = mode === 'delta' ? '1' : 'from_parent';
    for (const spec of ALL_TABLES) {
      const cols = [
        ...recordColumns(spec).map((c) => c.col),
        'raw',
        'issues',
        'content_hash',
        'dup_count',
        'raw_format',
      ].join(', ');
      db.prepare(
        `INSERT INTO ${spec.table} (snapshot_id, ${cols}, from_parent)
         SELECT ?, ${cols}, ${fromParent} FROM ${spec.table} WHERE snapshot_id = ? ORDER BY id`,
      ).run(toId, fromId);
    }
    for (const l of ALL_LINKS) {
      db.prepare(
        `INSERT INTO ${l.table} (snapshot_id, ${l.ownerCol}, ${l.targetCol}) SELECT ?, ${l.ownerCol}, ${l.targetCol} FROM ${l.table} WHERE snapshot_id = ?`,
      ).run(toId, fromId);
    }
    copySide(
      db,
      'duplicates',
      'collection, sourced_id, content_hash, raw, location, raw_format',
      fromId,
      toId,
    );
    // Rows kept as CSV lines are read with their snapshot's layout (raw-forms, csv-import/stored-row.ts).
    copySide(db, 'raw_layouts', 'collection, layout', fromId, toId);
    if (mode === 'resume') {
      copySide(db, 'records_rejected', 'collection, raw, reason, location', fromId, toId);
      copySide(db, 'pull_pages', 'collection, page_key, records, stored, info, done_at', fromId, toId);
    }
    if (mode === 'delta') {
      db.prepare(
        'UPDATE snapshots SET parent_snapshot_id = COALESCE(parent_snapshot_id, ?) WHERE id = ?',
      ).run(fromId, toId);
    }
  })();
}

function copySide(db: Database.Database, table: string, cols: string, fromId: string, toId: string): void {
  db.prepare(
    `INSERT INTO ${table} (snapshot_id, ${cols}) SELECT ?, ${cols} FROM ${table} WHERE snapshot_id = ? ORDER BY rowid`,
  ).run(toId, fromId);
}

function statusOf(db: Database.Database, id: string): string | undefined {
  return (db.prepare('SELECT status FROM snapshots WHERE id = ?').get(id) as { status: string } | undefined)
    ?.status;
}

function isEmpty(db: Database.Database, id: string): boolean {
  return ALL_TABLES.every(
    (spec) => db.prepare(`SELECT 1 FROM ${spec.table} WHERE snapshot_id = ? LIMIT 1`).get(id) === undefined,
  );
}
