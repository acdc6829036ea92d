import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSnapshotStore } from '../../electron/services/snapshots';
import { DB_FILE_NAME, openDatabase } from '../../electron/services/snapshots/db';
import { parseRecord } from '../../shared/oneroster/parse';
import { useTempStores, user } from './helpers';

/**
 * New databases are made with 16 KB pages (cheaper bulk loads and rule passes, docs/performance.md); a database
 * made before keeps its 4 KB pages, is migrated in place and reads and writes as before.
 */
const stores = useTempStores();

describe('database page size', () => {
  it('makes a new database with 16 KB pages, for the shared and the writer connection alike', () => {
    const store = stores.open();
    expect(store.db.pragma('page_size', { simple: true })).toBe(16_384);
    const writer = openDatabase(store.dbPath, 'writer');
    try {
      expect(writer.pragma('page_size', { simple: true })).toBe(16_384);
    } finally {
      writer.close();
    }
  });

  it('keeps the page size of a database made before, and it still stores and reads snapshots', () => {
    const dir = stores.tempDir();
    const old = new Database(join(dir, DB_FILE_NAME));
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE made_before (x INTEGER)');
    old.close();

    const store = openSnapshotStore(dir);
    try {
      expect(store.db.pragma('page_size', { simple: true })).toBe(4096);
      const id = store.createSnapshot({ source: 'api' });
      const users = [user('u1'), user('u2', { role: 'teacher' })];
      expect(store.writer(id, 'users').addRecords(users, 'users:0').stored).toBe(2);
      store.complete(id);
      expect([...store.iterate(id, 'users')]).toEqual(users.map((u) => parseRecord('user', u).record));
    } finally {
      store.close();
    }
  });
});
