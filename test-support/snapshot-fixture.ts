import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnapshotStore, type SnapshotStore } from '../electron/services/snapshots';
import type { SnapshotCollection } from '../shared/snapshots/collections';

/**
 * Builds a real, complete snapshot in a temp SQLite file from OneRoster JSON-binding records, through the same
 * writer the pull uses. For rule, planner and evaluator tests: small hand-made districts with one defect each.
 */
export type FixtureRecords = Partial<Record<SnapshotCollection, unknown[]>>;

export interface FixtureSnapshot {
  store: SnapshotStore;
  snapshotId: string;
  dir: string;
  cleanup(): void;
}

export function makeSnapshot(
  records: FixtureRecords,
  opts: { profileId?: string; dir?: string } = {},
): FixtureSnapshot {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'preflight-fixture-'));
  const store = openSnapshotStore(dir);
  const snapshotId = store.createSnapshot({
    source: 'api',
    profileId: opts.profileId ?? null,
    label: 'fixture',
  });
  for (const [collection, raws] of Object.entries(records) as Array<[SnapshotCollection, unknown[]]>) {
    if (raws.length > 0) store.writer(snapshotId, collection).addRecords(raws);
  }
  store.complete(snapshotId);
  return {
    store,
    snapshotId,
    dir,
    cleanup() {
      store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Tiny JSON-binding builders with sensible clean defaults; override any field. */
const ref = (type: string, sourcedId: string) => ({ href: `/${type}s/${sourcedId}`, sourcedId, type });
const base = (sourcedId: string) => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-08-01T00:00:00.000Z',
});

export const fx = {
  ref,
  org: (id: string, o: Record<string, unknown> = {}) => ({
    ...base(id),
    name: `Org ${id}`,
    type: 'school',
    identifier: id,
    ...o,
  }),
  session: (id: string, o: Record<string, unknown> = {}) => ({
    ...base(id),
    title: `Term ${id}`,
    type: 'term',
    startDate: '2026-08-15',
    endDate: '2027-01-15',
    schoolYear: '2027',
    ...o,
  }),
  course: (id: string, orgId: string, o: Record<string, unknown> = {}) => ({
    ...base(id),
    title: `Course ${id}`,
    courseCode: id,
    org: ref('org', orgId),
    ...o,
  }),
  klass: (
    id: string,
    courseId: string,
    schoolId: string,
    termIds: string[],
    o: Record<string, unknown> = {},
  ) => ({
    ...base(id),
    title: `Class ${id}`,
    classCode: id,
    classType: 'scheduled',
    course: ref('course', courseId),
    school: ref('org', schoolId),
    terms: termIds.map((t) => ref('academicSession', t)),
    periods: ['1'],
    ...o,
  }),
  user: (id: string, role: string, orgIds: string[], o: Record<string, unknown> = {}) => ({
    ...base(id),
    username: `user.${id}`,
    enabledUser: 'true',
    givenName: `Given${id}`,
    familyName: `Family${id}`,
    role,
    orgs: orgIds.map((x) => ref('org', x)),
    identifier: `ID-${id}`,
    email: `${id}@example.org`,
    ...o,
  }),
  enrollment: (
    id: string,
    userId: string,
    classId: string,
    schoolId: string,
    role: string,
    o: Record<string, unknown> = {},
  ) => ({
    ...base(id),
    user: ref('user', userId),
    class: ref('class', classId),
    school: ref('org', schoolId),
    role,
    primary: role === 'teacher' ? 'true' : 'false',
    beginDate: '2026-08-15',
    endDate: '2027-01-15',
    ...o,
  }),
};
