import { mkdirSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ServiceError } from '../../../shared/errors';
import { createPrivately, tightenDbFiles } from './file-mode';
import { installConnectionGuards } from './guards';
import { leanEnrollmentIndexesIfEmpty, migrate } from './migrations';

export const DB_FILE_NAME = 'preflight.sqlite';

/** A data folder (→ `<dir>/preflight.sqlite`) or a path to the database file itself (.sqlite/.db or existing file). */
export function resolveDbPath(dataDirOrDbPath: string): string {
  const ext = extname(dataDirOrDbPath).toLowerCase();
  if (ext === '.sqlite' || ext === '.db' || ext === '.sqlite3') return dataDirOrDbPath;
  try {
    if (statSync(dataDirOrDbPath).isFile()) return dataDirOrDbPath;
  } catch {
    // Does not exist yet: treated as the data folder.
  }
  return join(dataDirOrDbPath, DB_FILE_NAME);
}

/**
 * - shared: the store's connection that other services read through; guarded per row (guards.ts).
 * - writer: the private connection the snapshot writers bulk-load through (in-process or in a worker thread);
 *   writers check the snapshot's status per batch, and WAL checkpoints are made rarer (see below).
 */
export type ConnectionRole = 'shared' | 'writer';

/**
 * A pull is a bulk load: with the default WAL auto-checkpoint (every 1000 pages ≈ 4 MB) SQLite copies the
 * WAL into the database hundreds of times per large pull. Fewer, larger checkpoints cut that cost; crash
 * safety is unchanged (WAL + synchronous=NORMAL). The WAL file is truncated back after a checkpoint.
 */
const WRITER_CHECKPOINT_PAGES = 16_384;
const WAL_SIZE_LIMIT = 64 * 2 ** 20;
const WRITER_CACHE_KB = 32 * 1024;

/**
 * Pages of 16 KB instead of SQLite's 4 KB: a million-row load touches fewer, fuller index pages (b-trees one
 * level shallower), which measured ~15 % less CPU for the large district's CSV import and less for its
 * evaluation (docs/performance.md). It only takes effect when the file is created; an existing database keeps
 * the page size it was made with (changing it would mean rewriting every snapshot).
 */
const NEW_DATABASE_PAGE_SIZE = 16_384;

/** Opens (creating if needed) the database with the pragmas every connection needs, and migrates it. */
export function openDatabase(dbPath: string, role: ConnectionRole = 'shared'): Database.Database {
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  let db: Database.Database;
  try {
    createPrivately(dbPath);
    db = new Database(dbPath);
  } catch (err) {
    throw new ServiceError(
      'snapshots_db_open_failed',
      'The snapshot database could not be opened.',
      'Check that the data folder exists and is writable, and that no other program has locked the file.',
      { cause: err },
    );
  }
  try {
    db.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    tightenDbFiles(dbPath);
    // WAL + NORMAL: a crash can lose the last transactions but never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    if (role === 'shared') {
      leanEnrollmentIndexesIfEmpty(db);
      installConnectionGuards(db);
      // Rule and diff queries read the big tables and indexes straight from the OS page cache. Not for the
      // writer: mapped pages count as the pulling process's memory.
      db.pragma('mmap_size = 268435456');
    } else {
      // Every row the writer inserts names its snapshot, and the writer checks in the same transaction that
      // the snapshot exists and is running (writer.ts), so the per-row foreign-key lookup (~15% of an insert)
      // proves nothing more. Deletes (and their cascades) go through the shared connection, which keeps them.
      db.pragma('foreign_keys = OFF');
      // Inserts into a big snapshot's indexes miss any cache this side of the whole index; a smaller page
      // cache costs no measurable CPU (the OS file cache answers the misses) and keeps the pull's memory flat.
      db.pragma(`cache_size = -${WRITER_CACHE_KB}`);
      db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof ServiceError) throw err;
    const notADb = err instanceof Error && /not a database|malformed|corrupt/i.test(err.message);
    throw new ServiceError(
      notADb ? 'snapshots_db_corrupt' : 'snapshots_db_open_failed',
      notADb
        ? 'The snapshot database file is damaged or is not a Roster Preflight database.'
        : 'The snapshot database could not be prepared.',
      notADb
        ? 'Move the file preflight.sqlite out of the data folder (it will be recreated empty) and pull again.'
        : 'Check that the data folder is writable and has free space.',
      { cause: err },
    );
  }
}
