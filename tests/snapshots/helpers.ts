import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';

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
