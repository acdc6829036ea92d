import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/**
 * The database holds student data: the file and its -wal/-shm companions are readable by the owner only (0600),
 * whatever the umask and even in an existing, shared folder. SQLite creates -wal/-shm with the database file's
 * permissions, so the file is created 0600 before SQLite opens it, and all three are tightened afterwards
 * (files from older versions included). No-op on Windows, where the profile folder's ACL applies.
 */
export function createPrivately(dbPath: string): void {
  if (process.platform === 'win32' || existsSync(dbPath)) return;
  closeSync(openSync(dbPath, 'a', 0o600));
}

export function tightenDbFiles(dbPath: string): void {
  if (process.platform === 'win32') return;
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch {
      // -wal/-shm may not exist (yet): SQLite will create them with the database file's mode.
    }
  }
}
