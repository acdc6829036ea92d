import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { DB_FILE_NAME } from '../../electron/services/snapshots/db';
import { migrate, MIGRATIONS } from '../../electron/services/snapshots/migrations';

/** Real SQLite files in fresh temp folders, closed and removed after each test. */
export function useTempStores(): { open(dir?: string): SnapshotStore; tempDir(): string } {
  const dirs: string[] = [];
  const stores: SnapshotStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'preflight-snap-'));
    dirs.push(d);
    return d;
  };
  return {
    tempDir,
    open(dir = tempDir()) {
      const s = openSnapshotStore(dir);
      stores.push(s);
      return s;
    },
  };
}

/**
 * A data folder's database as an older release left it: migrated up to schema `version` only, with one complete
 * snapshot 'old' (started 2024-08-01). Returns the open connection, to add rows; close it before opening a store.
 */
export function databaseOfSchema(dir: string, version: number): Database.Database {
  const old = new Database(join(dir, DB_FILE_NAME));
  migrate(
    old,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  old
    .prepare(
      `INSERT INTO snapshots (id, source, status, started_at) VALUES ('old', 'csv', 'complete', '2024-08-01')`,
    )
    .run();
  return old;
}

/** A data folder whose database was made by schema 5 and held an enrollment when schema 6 came (closed again). */
export function folderWithEnrollments(dir: string): void {
  const old = databaseOfSchema(dir, 5);
  old
    .prepare(
      `INSERT INTO enrollments (snapshot_id, sourced_id, status, raw, content_hash) VALUES ('old', 'e1', 'active', '{}', 'h')`,
    )
    .run();
  old.close();
}

export const ref = (path: string, type: string, id: string) => ({
  href: `/${path}/${id}`,
  sourcedId: id,
  type,
});

export function org(id: string, extra: Record<string, unknown> = {}) {
  return {
    sourcedId: id,
    status: 'active',
    dateLastModified: '2024-08-01T00:00:00Z',
    name: `Org ${id}`,
    type: 'school',
    ...extra,
  };
}

export function user(id: string, extra: Record<string, unknown> = {}) {
  return {
    sourcedId: id,
    status: 'active',
    dateLastModified: '2024-08-01T00:00:00Z',
    username: `user.${id}`,
    enabledUser: 'true',
    givenName: 'Ada',
    familyName: `Family${id}`,
    role: 'student',
    orgs: [ref('orgs', 'org', 'school-1')],
    email: `${id}@example.org`,
    ...extra,
  };
}

export function enrollment(i: number, extra: Record<string, unknown> = {}) {
  return {
    sourcedId: `enr-${i}`,
    status: 'active',
    dateLastModified: '2024-08-01T00:00:00Z',
    user: ref('users', 'user', `u${i % 50_000}`),
    class: ref('classes', 'class', `c${i % 3_000}`),
    school: ref('orgs', 'org', `s${i % 20}`),
    role: 'student',
    primary: 'false',
    beginDate: '2024-08-19',
    endDate: '2025-06-06',
    ...extra,
  };
}
