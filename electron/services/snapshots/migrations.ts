import type Database from 'better-sqlite3';
import { ServiceError } from '../../../shared/errors';
import { createCanvasBaselineTables } from '../canvas-baseline/migration';
import { dropPersistentGuards } from './guards';
import { ALL_LINKS, ALL_TABLES, recordColumns, type TableSpec } from './tables';

/**
 * Versioned schema: `PRAGMA user_version` holds the number of migrations applied; each migration runs in its
 * own transaction. Never edit a released migration — append a new one.
 */

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** Schema version 1's guards (dropped by version 3, see guards.ts). Kept as released. */
function guardTriggers(table: string): string {
  const check = (ref: string) =>
    `WHEN (SELECT status FROM snapshots WHERE id = ${ref}.snapshot_id) IS NOT 'running' ` +
    `BEGIN SELECT RAISE(ABORT, 'snapshot is not writable'); END;`;
  return `
    CREATE TRIGGER ${table}_guard_insert BEFORE INSERT ON ${table} ${check('NEW')}
    CREATE TRIGGER ${table}_guard_update BEFORE UPDATE ON ${table} ${check('OLD')}`;
}

function recordTableSql(spec: TableSpec): string {
  const cols = recordColumns(spec)
    .map((c) => {
      const notNull = c.col === 'sourced_id' || c.col === 'status' ? ' NOT NULL' : '';
      const type = c.type === 'bool' ? 'INTEGER' : 'TEXT';
      return `${c.col} ${type}${notNull}`;
    })
    .join(',\n      ');
  const refIndexes = spec.columns
    .filter((c) => c.indexed)
    .map((c) => `CREATE INDEX ${spec.table}_${c.col} ON ${spec.table}(snapshot_id, ${c.col});`)
    .join('\n    ');
  return `
    CREATE TABLE ${spec.table} (
      id INTEGER PRIMARY KEY,
      snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
      ${cols},
      raw TEXT NOT NULL,
      issues TEXT,
      content_hash TEXT NOT NULL,
      dup_count INTEGER NOT NULL DEFAULT 0,
      from_parent INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX ${spec.table}_sourced_id ON ${spec.table}(snapshot_id, sourced_id);
    CREATE INDEX ${spec.table}_with_issues ON ${spec.table}(snapshot_id) WHERE issues IS NOT NULL;
    ${refIndexes}
    ${guardTriggers(spec.table)}`;
}

function linkTableSql(table: string, ownerCol: string, targetCol: string): string {
  return `
    CREATE TABLE ${table} (
      snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
      ${ownerCol} TEXT NOT NULL,
      ${targetCol} TEXT NOT NULL
    );
    CREATE INDEX ${table}_owner ON ${table}(snapshot_id, ${ownerCol});
    CREATE INDEX ${table}_target ON ${table}(snapshot_id, ${targetCol});
    ${guardTriggers(table)}`;
}

const initialSchema: Migration = {
  version: 1,
  description: 'snapshots, record tables, link tables, duplicates, rejected records, pull pages',
  up(db) {
    db.exec(`
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        profile_id TEXT,
        source TEXT NOT NULL CHECK (source IN ('api', 'csv')),
        label TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        base_url TEXT,
        auth_kind TEXT,
        page_size INTEGER,
        provider_facts TEXT NOT NULL DEFAULT '{}',
        counts TEXT,
        issue_counts TEXT,
        error TEXT,
        parent_snapshot_id TEXT REFERENCES snapshots(id) ON DELETE SET NULL,
        delta_since TEXT,
        owner_pid INTEGER,
        owner_token TEXT
      );
      CREATE INDEX snapshots_profile ON snapshots(profile_id, status, started_at);
      CREATE INDEX snapshots_parent ON snapshots(parent_snapshot_id);

      -- A finished snapshot stays finished: only 'running' may change status.
      CREATE TRIGGER snapshots_final_status BEFORE UPDATE OF status ON snapshots
        WHEN OLD.status IS NOT 'running' AND NEW.status IS NOT OLD.status
        BEGIN SELECT RAISE(ABORT, 'snapshot status is final'); END;

      CREATE TABLE duplicates (
        id INTEGER PRIMARY KEY,
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        collection TEXT NOT NULL,
        sourced_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        raw TEXT NOT NULL,
        location TEXT
      );
      CREATE INDEX duplicates_record ON duplicates(snapshot_id, collection, sourced_id);
      ${guardTriggers('duplicates')}

      CREATE TABLE records_rejected (
        id INTEGER PRIMARY KEY,
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        collection TEXT NOT NULL,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL,
        location TEXT
      );
      CREATE INDEX records_rejected_collection ON records_rejected(snapshot_id, collection);
      ${guardTriggers('records_rejected')}

      CREATE TABLE pull_pages (
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        collection TEXT NOT NULL,
        page_key TEXT NOT NULL,
        records INTEGER NOT NULL,
        stored INTEGER NOT NULL,
        info TEXT,
        done_at TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, collection, page_key)
      );
      ${guardTriggers('pull_pages')}
    `);
    for (const spec of ALL_TABLES) db.exec(recordTableSql(spec));
    for (const link of ALL_LINKS) db.exec(linkTableSql(link.table, link.ownerCol, link.targetCol));
  },
};

/**
 * Covering indexes for the user and enrollment rules, so they read compact index entries instead of
 * full rows (each row carries its raw JSON, which makes a table scan cost ~1 KB per record). Partial on
 * active records: the rules only count those, and the indexes stay smaller.
 * - enrollments in class order: duplicates per class + user + role, primary teachers, dates and schools per class;
 * - enrollments in user order: "does this user hold active enrollments, in which roles";
 * - active users with the columns the user rules compare; users whose record carried a password (usually none);
 * - active classes with their school, which the per-class enrollment checks start from.
 */
const ruleCoveringIndexes: Migration = {
  version: 2,
  description: 'covering indexes for the user and enrollment rules',
  up(db) {
    db.exec(`
      CREATE INDEX enrollments_active_by_class ON enrollments(
        snapshot_id, class_id, user_id, role, is_primary, school_id, begin_date, end_date, sourced_id
      ) WHERE status = 'active';
      CREATE INDEX enrollments_active_by_user ON enrollments(snapshot_id, user_id, role, sourced_id)
        WHERE status = 'active';
      CREATE INDEX users_active_by_role ON users(snapshot_id, role, sourced_id, enabled_user, username, email)
        WHERE status = 'active';
      CREATE INDEX users_with_password ON users(snapshot_id, sourced_id, role, status) WHERE has_password = 1;
      CREATE INDEX classes_active ON classes(snapshot_id, sourced_id, school_id) WHERE status = 'active';
    `);
  },
};

/**
 * The per-row guard triggers of version 1 cost a third of a pull's write CPU. Immutability is now enforced
 * per batch by the writer and, for SQL that bypasses the store, by TEMP triggers of the shared connection
 * (guards.ts). The status trigger on `snapshots` (a finished snapshot stays finished) is kept.
 */
const connectionGuards: Migration = {
  version: 3,
  description: 'per-row guard triggers move from the schema to the shared connection',
  up(db) {
    dropPersistentGuards(db);
  },
};

/** The Canvas baseline (what the district's Canvas holds today), see canvas-baseline/migration.ts. */
const canvasBaseline: Migration = {
  version: 4,
  description: 'Canvas baseline tables',
  up(db) {
    createCanvasBaselineTables(db);
  },
};

/**
 * The raw record in a compact form (raw-forms.ts): `raw_format` NULL is JSON text as before; 1 is the row's CSV
 * line, read back through the header and reading rules the import kept once per snapshot and collection in
 * `raw_layouts`. Adding nullable columns leaves existing rows (all JSON) untouched and rewrites nothing.
 */
const compactRaw: Migration = {
  version: 5,
  description: 'raw records as CSV lines with a per-snapshot layout',
  up(db) {
    for (const spec of ALL_TABLES) db.exec(`ALTER TABLE ${spec.table} ADD COLUMN raw_format INTEGER`);
    db.exec(`
      ALTER TABLE duplicates ADD COLUMN raw_format INTEGER;
      CREATE TABLE raw_layouts (
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        collection TEXT NOT NULL,
        layout TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, collection)
      );
    `);
  },
};

/**
 * Two indexes fewer on the biggest table: `enrollments_active_by_class` and `enrollments_active_by_user` cover
 * every row (status as their last column) instead of the active ones only, so they also answer what the plain
 * `(snapshot_id, class_id)` and `(snapshot_id, user_id)` indexes answered, and those two go. An enrollment is
 * then inserted into five indexes instead of seven: the large district's import writes 10% fewer bytes and takes
 * 10–15% less time (docs/performance.md). The names stay, because the rules name them (`INDEXED BY`) and must
 * work with both layouts; for the active rows the order is unchanged, so the rules read the same sequence.
 * The few non-active rows get a partial index of their own (`enrollments_not_active`): counting the active ones
 * is then the total minus those (active-count.ts), and the planner reads them without scanning the table.
 *
 * Only a database whose enrollments table is empty (a new one, or one with every snapshot deleted) changes:
 * rebuilding the indexes of stored snapshots would hold the first start for seconds per snapshot, on the thread
 * that opens the store. A database with data keeps the version 1 and 2 indexes, which answer the same queries,
 * and changes on a later start once its enrollments are gone (`leanEnrollmentIndexesIfEmpty`, from db.ts).
 */
const leanEnrollmentIndexes: Migration = {
  version: 6,
  description: 'enrollment indexes: two full covering indexes instead of two partial and two plain ones',
  up(db) {
    leanEnrollmentIndexesIfEmpty(db);
  },
};

/** True when the database has version 6's enrollment indexes (see above); false when it kept the old ones. */
export function hasLeanEnrollmentIndexes(db: Database.Database): boolean {
  const sql = `SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'enrollments_not_active'`;
  return db.prepare(sql).get() !== undefined;
}

/** Version 6's change, made when the enrollments table is empty and the indexes are still the old ones. */
export function leanEnrollmentIndexesIfEmpty(db: Database.Database): void {
  if (hasLeanEnrollmentIndexes(db)) return;
  if (db.prepare('SELECT 1 FROM enrollments LIMIT 1').get() !== undefined) return;
  db.transaction(() =>
    db.exec(`
      DROP INDEX enrollments_class_id;
      DROP INDEX enrollments_user_id;
      DROP INDEX enrollments_active_by_class;
      DROP INDEX enrollments_active_by_user;
      CREATE INDEX enrollments_active_by_class ON enrollments(
        snapshot_id, class_id, user_id, role, is_primary, school_id, begin_date, end_date, sourced_id, status
      );
      CREATE INDEX enrollments_active_by_user ON enrollments(snapshot_id, user_id, role, sourced_id, status);
      CREATE INDEX enrollments_not_active ON enrollments(snapshot_id, class_id) WHERE status != 'active';
    `),
  )();
}

export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  ruleCoveringIndexes,
  connectionGuards,
  canvasBaseline,
  compactRaw,
  leanEnrollmentIndexes,
];

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > latest) {
    throw new ServiceError(
      'snapshots_db_newer',
      `The snapshot database was written by a newer version of Roster Preflight (schema ${current}, this version knows ${latest}).`,
      'Update Roster Preflight, or point it at a different data folder.',
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
