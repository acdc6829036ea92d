import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/snapshots/db';

/** preflight.sqlite holds student data: it and its -wal/-shm files are 0600, even in an existing shared folder. */
const root = mkdtempSync(join(tmpdir(), 'pf-dbmode-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (f: string) => statSync(f).mode & 0o777;

describe('snapshot database file permissions', () => {
  it('creates the database, -wal and -shm owner-only in a world-readable folder, and a new folder 0700', () => {
    const shared = join(root, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const db = openDatabase(join(shared, 'preflight.sqlite'));
    db.exec('CREATE TABLE IF NOT EXISTS t(x); INSERT INTO t VALUES (1);');
    for (const f of ['preflight.sqlite', 'preflight.sqlite-wal', 'preflight.sqlite-shm']) {
      expect(existsSync(join(shared, f)), f).toBe(true);
      expect(mode(join(shared, f)), f).toBe(0o600);
    }
    db.close();
    const fresh = join(root, 'new', 'data');
    openDatabase(join(fresh, 'preflight.sqlite')).close();
    expect(mode(fresh)).toBe(0o700);
  });

  it('tightens a world-readable database left by an older version', () => {
    const dir = join(root, 'old');
    mkdirSync(dir);
    const file = join(dir, 'preflight.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(mode(file)).toBe(0o600);
  });
});
