import Database from 'better-sqlite3';

/**
 * A worker thread's own read-only connection to the snapshot database: complete snapshots and baselines are
 * immutable and these threads never write, so no migrations or guards. No mmap (unlike the store's connection):
 * the main connection already maps the file, and a second mapping counts against the process's memory again
 * (≈ +260 MB peak RSS on the large district, no faster).
 */
export function openReadOnlyDatabase(dbPath: string): Database.Database {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 0');
  return db;
}
