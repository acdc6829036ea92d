import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/services/snapshots/migrations';
import { parseRecord } from '../../shared/oneroster/parse';
import { SnapshotMeta, SnapshotList } from '../../shared/snapshots/snapshot';
import { SnapshotIssues } from '../../shared/snapshots/result';
import type { SnapshotStore } from '../../electron/services/snapshots';
import { enrollment, folderWithEnrollments, org, ref, useTempStores, user } from './helpers';

const stores = useTempStores();

describe('snapshot store: schema and lifecycle', () => {
  it('creates the database with WAL, foreign keys and the current schema version, and reopens it', () => {
    const dir = stores.tempDir();
    const store = stores.open(dir);
    expect(store.dbPath).toBe(join(dir, 'preflight.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const id = store.createSnapshot({ source: 'api', profileId: 'p1' });
    store.close();
    const again = stores.open(dir);
    expect(again.get(id)?.status).toBe('running'); // same pid is alive: never "recovered" by itself
  });

  it('refuses a database written by a newer version', () => {
    const dir = stores.tempDir();
    const store = stores.open(dir);
    store.db.pragma('user_version = 99');
    store.close();
    expect(() => stores.open(dir)).toThrow(expect.objectContaining({ code: 'snapshots_db_newer' }));
  });

  it('keeps the old enrollment indexes of a database that holds enrollments, and changes them once it holds none', () => {
    const dir = stores.tempDir();
    folderWithEnrollments(dir);
    const indexes = (s: SnapshotStore) =>
      s.db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'enrollments'`)
        .pluck()
        .all() as string[];
    const first = stores.open(dir);
    expect(first.db.pragma('user_version', { simple: true })).toBe(6);
    expect(indexes(first)).toContain('enrollments_class_id');
    expect(indexes(first)).not.toContain('enrollments_not_active');
    first.delete('old');
    first.close();
    const next = stores.open(dir);
    expect(indexes(next)).toContain('enrollments_not_active');
    expect(indexes(next)).not.toContain('enrollments_class_id');
    expect(indexes(next)).not.toContain('enrollments_user_id');
  });

  it('stores parsed, normalised records and iterates them back exactly as the parser produced them', () => {
    const store = stores.open();
    const id = store.createSnapshot({
      source: 'api',
      profileId: 'p1',
      label: 'Nightly',
      baseUrl: 'https://sis.example/ims/oneroster/v1p1',
      pageSize: 500,
    });
    const users = [
      user('u1', {
        agents: [ref('users', 'user', 'u2')],
        grades: ['09'],
        userIds: [{ type: 'LDAP', identifier: '12' }],
      }),
      user('u2', { role: 'parent', enabledUser: 'FALSE', email: undefined }),
    ];
    const result = store.writer(id, 'users').addRecords(users, 'users:0');
    expect(result).toEqual({ stored: 2, invalid: 0, duplicates: 0, withIssues: 0 });
    expect([...store.iterate(id, 'users')]).toEqual(users.map((u) => parseRecord('user', u).record));
    const done = store.complete(id, { envelope: 'users' });
    expect(SnapshotMeta.parse(done)).toMatchObject({
      status: 'complete',
      label: 'Nightly',
      pageSize: 500,
      providerFacts: { envelope: 'users' },
      counts: { users: 2, orgs: 0, enrollments: 0 },
      error: null,
    });
    expect(SnapshotIssues.parse(done.issueCounts).invalidRecords).toBe(0);
    expect(store.donePages(id, 'users')).toEqual(new Set(['users:0']));
  });

  it('fills the link tables so references can be looked up by index', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    store.writer(id, 'classes').addRecords([
      {
        sourcedId: 'c1',
        status: 'active',
        dateLastModified: '2024-08-01T00:00:00Z',
        title: 'Algebra',
        course: ref('courses', 'course', 'k1'),
        school: ref('orgs', 'org', 's1'),
        terms: [
          ref('academicSessions', 'academicSession', 't1'),
          ref('academicSessions', 'academicSession', 't2'),
          ref('academicSessions', 'academicSession', 't1'),
        ],
      },
    ]);
    store.writer(id, 'users').addRecords([
      user('u1', {
        orgs: [ref('orgs', 'org', 's1'), ref('orgs', 'org', 'd1')],
        agents: [ref('users', 'user', 'g1')],
      }),
    ]);
    const terms = store.db
      .prepare('SELECT term_id FROM class_terms WHERE snapshot_id = ? AND class_id = ? ORDER BY term_id')
      .pluck()
      .all(id, 'c1');
    expect(terms).toEqual(['t1', 't2']);
    expect(
      store.db
        .prepare('SELECT user_id FROM user_orgs WHERE snapshot_id = ? AND org_id = ?')
        .pluck()
        .all(id, 'd1'),
    ).toEqual(['u1']);
    expect(
      store.db.prepare('SELECT agent_id FROM user_agents WHERE snapshot_id = ?').pluck().all(id),
    ).toEqual(['g1']);
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM enrollments WHERE snapshot_id = ? AND class_id = ?')
      .all('x', 'y');
    // Schema 6: the full covering index answers lookups by class (there is no plain class_id index any more).
    expect(JSON.stringify(plan)).toContain('enrollments_active_by_class');
  });

  it('lists snapshots newest first, per profile, and finds the latest complete one', async () => {
    const store = stores.open();
    const a = store.createSnapshot({ source: 'api', profileId: 'p1' });
    store.complete(a);
    await new Promise((r) => setTimeout(r, 5));
    const b = store.createSnapshot({ source: 'api', profileId: 'p1' });
    store.fail(b, 'The provider answered 500 on /users.');
    const c = store.createSnapshot({ source: 'csv', profileId: null });
    const list = SnapshotList.parse(store.list({ profileId: 'p1' }));
    expect(list.map((s) => s.id)).toEqual([b, a]);
    expect(store.list({ profileId: null }).map((s) => s.id)).toEqual([c]);
    expect(store.list().length).toBe(3);
    expect(store.latestComplete('p1')?.id).toBe(a);
    expect(store.latestComplete('nobody')).toBeNull();
    expect(store.get(b)?.error).toBe('The provider answered 500 on /users.');
  });

  it('deletes a snapshot with all its rows and leaves the others alone', () => {
    const store = stores.open();
    const keep = store.createSnapshot({ source: 'api' });
    const gone = store.createSnapshot({ source: 'api' });
    for (const id of [keep, gone]) {
      store.writer(id, 'users').addRecords([user('u1'), user('u1', { givenName: 'Other' })], 'p0');
      store.writer(id, 'users').addRecords([{ nothing: true }]);
      store.complete(id);
    }
    expect(store.delete(gone)).toBe(true);
    expect(store.get(gone)).toBeNull();
    for (const table of ['users', 'user_orgs', 'duplicates', 'records_rejected', 'pull_pages']) {
      const n = store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE snapshot_id = ?`).pluck().get(gone);
      expect(n, table).toBe(0);
      const kept = store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE snapshot_id = ?`).pluck().get(keep);
      expect(kept, table).toBeGreaterThan(0);
    }
    expect(store.delete(gone)).toBe(false);
  });
});

describe('snapshot store: immutability and final states', () => {
  it('refuses writes to a complete snapshot in code and in the database', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    const writer = store.writer(id, 'orgs');
    writer.addRecords([org('o1')]);
    store.complete(id);
    expect(() => writer.addRecords([org('o2')])).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    expect(() => store.writer(id, 'orgs')).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    expect(() => writer.reject('x', 'broken')).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    expect(() => store.markPageDone(id, 'orgs', 'late')).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    // Even SQL that bypasses the store cannot change it.
    expect(() => store.db.prepare("UPDATE orgs SET name = 'hacked' WHERE snapshot_id = ?").run(id)).toThrow(
      /not writable/,
    );
    expect(() =>
      store.db
        .prepare(
          "INSERT INTO orgs (snapshot_id, sourced_id, status, raw, content_hash) VALUES (?, 'o9', 'active', '{}', 'h')",
        )
        .run(id),
    ).toThrow(/not writable/);
    expect(() => store.db.prepare("UPDATE snapshots SET status = 'failed' WHERE id = ?").run(id)).toThrow(
      /final/,
    );
    expect([...store.iterate(id, 'orgs')].map((o) => o.name)).toEqual(['Org o1']);
    expect(store.counts(id).orgs).toBe(1);
  });

  it('never lets a failed or cancelled snapshot become complete', () => {
    const store = stores.open();
    const failed = store.createSnapshot({ source: 'api', profileId: 'p' });
    store.writer(failed, 'orgs').addRecords([org('o1')]);
    const meta = store.fail(failed, 'Connection reset while reading /orgs page 3.');
    expect(meta).toMatchObject({ status: 'failed', counts: { orgs: 1 } });
    expect(() => store.complete(failed)).toThrow(expect.objectContaining({ code: 'snapshot_not_writable' }));
    const cancelled = store.createSnapshot({ source: 'api', profileId: 'p' });
    store.cancel(cancelled);
    expect(() => store.complete(cancelled)).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    expect(() =>
      store.db.prepare("UPDATE snapshots SET status = 'complete' WHERE id = ?").run(cancelled),
    ).toThrow(/final/);
    expect(store.latestComplete('p')).toBeNull();
    expect(store.list({ profileId: 'p', status: 'complete' })).toEqual([]);
  });

  it('reports unknown snapshots with a code', () => {
    const store = stores.open();
    expect(() => store.writer('nope', 'orgs')).toThrow(
      expect.objectContaining({ code: 'snapshot_not_found' }),
    );
    expect(() => store.complete('nope')).toThrow(expect.objectContaining({ code: 'snapshot_not_found' }));
    expect(store.get('nope')).toBeNull();
  });
});

describe('snapshot store: duplicates, rejected records, secrets', () => {
  it('keeps the first of duplicate sourcedIds, counts the rest and tells same from different content', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    const w = store.writer(id, 'users');
    expect(w.addRecords([user('u1'), user('u2'), user('u1')], 'page-1')).toMatchObject({
      stored: 2,
      duplicates: 1,
    });
    // Across pages; only dateLastModified differs → not a content conflict.
    expect(
      w.addRecords(
        [user('u1', { dateLastModified: '2024-09-01T00:00:00Z' }), user('u2', { familyName: 'Changed' })],
        'page-2',
      ),
    ).toMatchObject({
      stored: 0,
      duplicates: 2,
    });
    expect(store.getRecord(id, 'users', 'u1')?.dupCount).toBe(2);
    expect(store.getRecord(id, 'users', 'u2')?.record.familyName).toBe('Familyu2'); // the first one is kept
    const dups = store.duplicates(id, 'users');
    expect(dups.map((d) => [d.sourcedId, d.conflicting, d.location])).toEqual([
      ['u1', false, 'page-1#2'],
      ['u1', false, 'page-2#0'],
      ['u2', true, 'page-2#1'],
    ]);
    const issues = store.complete(id).issueCounts!;
    expect(issues.byCollection.users).toEqual({
      invalidRecords: 0,
      rejectedRows: 0,
      duplicates: 3,
      conflictingDuplicates: 1,
    });
    expect(issues.duplicates).toBe(3);
  });

  it('stores records it cannot use as rejected rows (never dropped) and flags schema issues', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    const w = store.writer(id, 'enrollments');
    const result = w.addRecords(
      [
        'not an object',
        { status: 'active', role: 'student' },
        enrollment(1, { role: 'wizard', beginDate: '2024-13-45' }),
      ],
      'p1',
    );
    expect(result).toEqual({ stored: 1, invalid: 2, duplicates: 0, withIssues: 1 });
    w.reject(
      '{"enrollments": [ {"sourcedId": "broken',
      'The page is not valid JSON.',
      '/enrollments?offset=100',
    );
    const rejected = [...store.rejected(id, 'enrollments')];
    expect(rejected.map((r) => r.location)).toEqual(['p1#0', 'p1#1', '/enrollments?offset=100']);
    expect(rejected[0]!.raw).toBe('not an object');
    expect(JSON.parse(rejected[1]!.raw)).toEqual({ status: 'active', role: 'student' });
    expect(rejected[1]!.reason).toMatch(/sourcedId/);
    const [withIssues] = [...store.iterateIssues(id, 'enrollments')];
    expect(withIssues!.sourcedId).toBe('enr-1');
    expect(withIssues!.issues.map((i) => i.field).sort()).toEqual(['beginDate', 'role']);
    expect(store.complete(id).issueCounts!.byCollection.enrollments).toEqual({
      invalidRecords: 1,
      rejectedRows: 3,
      duplicates: 0,
      conflictingDuplicates: 0,
    });
  });

  it('never writes a feed password to the database file', () => {
    const dir = stores.tempDir();
    const store = stores.open(dir);
    const secret = 'Pw-7f3a9c-do-not-store';
    const id = store.createSnapshot({ source: 'api' });
    const w = store.writer(id, 'users');
    w.addRecords([
      user('u1', { password: secret }),
      user('u1', { password: secret, givenName: 'Dup' }),
      { password: secret },
    ]);
    expect(store.getRecord(id, 'users', 'u1')).toMatchObject({
      record: { hasPassword: true },
      raw: { password: '[redacted]' },
    });
    store.complete(id);
    store.close();
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(secret), f).toBe(false);
  });
});

describe('snapshot store: pages, resume and delta', () => {
  it('remembers done pages atomically with their records and resumes from them', () => {
    const store = stores.open();
    const first = store.createSnapshot({ source: 'api', profileId: 'p' });
    const w = store.writer(first, 'users');
    w.addRecords([user('u1'), user('u2')], 'offset=0');
    w.markPageDone('offset=2', { records: 0, status: 200 });
    store.writer(first, 'orgs').addRecords(['junk'], 'orgs:0');
    store.fail(first, 'interrupted');

    const resumed = store.createSnapshot({ source: 'api', profileId: 'p' });
    store.cloneForResume(first, resumed);
    expect(store.donePages(resumed, 'users')).toEqual(new Set(['offset=0', 'offset=2']));
    const w2 = store.writer(resumed, 'users');
    expect(w2.addRecords([user('u3')], 'offset=4')).toMatchObject({ stored: 1, duplicates: 0 });
    const done = store.complete(resumed);
    expect(done.counts).toMatchObject({ users: 3 });
    expect(done.issueCounts!.rejectedRows).toBe(1);
    expect(() => store.cloneForResume(resumed, store.createSnapshot({ source: 'api' }))).toThrow(
      expect.objectContaining({ code: 'snapshot_not_resumable' }),
    );
  });

  it('builds a delta snapshot from a copy of the parent: updates replace, new records add, real duplicates still count', () => {
    const store = stores.open();
    const base = store.createSnapshot({ source: 'api', profileId: 'p' });
    store
      .writer(base, 'users')
      .addRecords([user('u1'), user('u2'), user('u3', { orgs: [ref('orgs', 'org', 'old-school')] })]);
    store.complete(base);

    const delta = store.createSnapshot({ source: 'api', profileId: 'p', deltaSince: '2024-09-01T00:00:00Z' });
    store.cloneForDelta(base, delta);
    expect(store.get(delta)?.parentSnapshotId).toBe(base);
    const w = store.writer(delta, 'users');
    const result = w.addRecords([
      user('u3', { familyName: 'Renamed', orgs: [ref('orgs', 'org', 'new-school')] }),
      user('u4'),
      user('u4', { givenName: 'Twice' }),
      user('u2', { status: 'tobedeleted' }),
    ]);
    expect(result).toEqual({ stored: 3, invalid: 0, duplicates: 1, withIssues: 0 });
    const done = store.complete(delta);
    expect(done.counts!.users).toBe(4);
    expect(done.issueCounts!.byCollection.users.conflictingDuplicates).toBe(1);
    expect(store.getRecord(delta, 'users', 'u3')?.record).toMatchObject({
      familyName: 'Renamed',
      orgIds: ['new-school'],
    });
    expect(store.getRecord(delta, 'users', 'u2')?.record.status).toBe('tobedeleted');
    const links = store.db
      .prepare('SELECT org_id FROM user_orgs WHERE snapshot_id = ? AND user_id = ?')
      .pluck()
      .all(delta, 'u3');
    expect(links).toEqual(['new-school']);
    // The parent is untouched.
    expect(store.getRecord(base, 'users', 'u3')?.record.familyName).toBe('Familyu3');
    expect(store.counts(base).users).toBe(3);
    const failed = store.createSnapshot({ source: 'api' });
    store.fail(failed, 'x');
    expect(() => store.cloneForDelta(failed, store.createSnapshot({ source: 'api' }))).toThrow(
      expect.objectContaining({ code: 'snapshot_not_complete' }),
    );
  });
});
