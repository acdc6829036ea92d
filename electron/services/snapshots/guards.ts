import type Database from 'better-sqlite3';
import { ALL_LINKS, ALL_TABLES } from './tables';

/**
 * Immutability of finished snapshots. The store's writers check the snapshot's status once per batch, inside
 * the batch's transaction (writer.ts), on a private write connection. The connection the store shares with
 * other services (`store.db`, for reading) also gets per-row guard triggers, so SQL that bypasses the store
 * cannot change a finished snapshot either. They are TEMP triggers of that connection only: as persistent
 * triggers they fired for every row of every pull and cost a third of the writer's CPU.
 */

/** Every table whose rows belong to one snapshot (snapshot_id) and are written while it is running. */
export const SNAPSHOT_ROW_TABLES: readonly string[] = [
  ...ALL_TABLES.map((s) => s.table),
  ...ALL_LINKS.map((l) => l.table),
  'duplicates',
  'records_rejected',
  'pull_pages',
];

function guardSql(table: string, scope: 'TEMP ' | '', schema: string): string {
  const check = (ref: string) =>
    `WHEN (SELECT status FROM main.snapshots WHERE id = ${ref}.snapshot_id) IS NOT 'running' ` +
    `BEGIN SELECT RAISE(ABORT, 'snapshot is not writable'); END;`;
  return `
    CREATE ${scope}TRIGGER IF NOT EXISTS ${table}_guard_insert BEFORE INSERT ON ${schema}${table} ${check('NEW')}
    CREATE ${scope}TRIGGER IF NOT EXISTS ${table}_guard_update BEFORE UPDATE ON ${schema}${table} ${check('OLD')}`;
}

/** Installs the guard triggers on this connection only (see above). */
export function installConnectionGuards(db: Database.Database): void {
  db.exec(SNAPSHOT_ROW_TABLES.map((t) => guardSql(t, 'TEMP ', 'main.')).join('\n'));
}

/** Drops the persistent guard triggers that schema version 1 created. */
export function dropPersistentGuards(db: Database.Database): void {
  for (const t of SNAPSHOT_ROW_TABLES) {
    db.exec(`DROP TRIGGER IF EXISTS main.${t}_guard_insert; DROP TRIGGER IF EXISTS main.${t}_guard_update;`);
  }
}
