import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullSnapshot, type PullResult } from '../../electron/services/pull';
import { startFixture, type PullFixture } from './harness';

/**
 * Bad data from a real provider: an unreadable page, wrong types, 1.2-shaped users, duplicated sourcedIds across
 * pages and a record without a sourcedId. Each is recorded in the snapshot; none stops the pull.
 */
describe('pull with bad data', () => {
  let fx: PullFixture;
  let result: PullResult;
  const PAGE = 50;

  beforeAll(async () => {
    fx = await startFixture({
      district: { preset: 'small' },
      faults: { malformedJson: [{ path: '/enrollments', offset: 2 * PAGE }] },
    });
    const e = fx.editable;
    // A 1.2-shaped user: roles[] instead of role + orgs.
    e.edit('users', 5, (r) => {
      const { role, orgs, ...rest } = r as { role: string; orgs: unknown[] } & Record<string, unknown>;
      return {
        ...rest,
        roles: [
          {
            roleType: 'primary',
            role: role === 'administrator' ? 'districtAdministrator' : role,
            org: orgs[0],
          },
        ],
      };
    });
    // Wrong types.
    e.edit('users', 7, (r) => ({ ...r, enabledUser: 'sometimes', grades: 'five' }));
    // The same sourcedId again on a later page: once identical, once with other content.
    e.edit('users', 3 * PAGE + 1, () => e.base.tables.users.build(10, { baseUrl: '' }));
    e.edit('users', 4 * PAGE + 2, () => ({
      ...e.base.tables.users.build(11, { baseUrl: '' }),
      givenName: 'Someone-Else',
    }));
    // No sourcedId at all.
    e.edit('classes', 3, (r) => {
      const { sourcedId: _id, ...rest } = r;
      return rest;
    });
    result = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: PAGE });
  });
  afterAll(async () => {
    await fx.close();
  });

  it('completes', () => {
    expect(result.error).toBeNull();
    expect(result.status).toBe('complete');
  });

  it('keeps an unreadable page as a rejected row and says which records are missing', () => {
    const expected = fx.expected();
    expect(result.counts.enrollments).toBe(expected.enrollments - PAGE);
    expect(result.issues.byCollection.enrollments.rejectedRows).toBe(1);
    const codes = result.facts.problems.filter((p) => p.collection === 'enrollments').map((p) => p.code);
    expect(codes).toContain('malformed_page');
    expect(codes).toContain('total_mismatch');
    const rejected = [...fx.store.rejected(result.snapshotId, 'enrollments')];
    expect(rejected[0]!.location).toBe(`o:${2 * PAGE}`);
  });

  it('counts duplicates across pages, keeps the first, and tells conflicting ones apart', () => {
    const users = result.issues.byCollection.users;
    expect(users.duplicates).toBe(2);
    expect(users.conflictingDuplicates).toBe(1);
    expect(result.counts.users).toBe(fx.expected().users - 2);
    const kept = fx.store.getRecord(result.snapshotId, 'users', fx.editable.base.tables.users.id(11));
    expect(kept?.record.givenName).not.toBe('Someone-Else');
  });

  it('reads 1.2-shaped users and stores wrongly typed records with their issues', () => {
    const v12 = fx.store.getRecord(result.snapshotId, 'users', fx.editable.base.tables.users.id(5));
    expect(v12?.record.shape).toBe('1.2');
    expect(v12?.record.role).toBe(fx.editable.base.tables.users.build(5, { baseUrl: '' }).role);
    const wrong = fx.store.getRecord(result.snapshotId, 'users', fx.editable.base.tables.users.id(7));
    expect(wrong).not.toBeNull();
    expect(wrong!.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['enabledUser']));
    expect(result.issues.byCollection.users.invalidRecords).toBeGreaterThanOrEqual(1);
  });

  it('keeps a record without sourcedId as rejected, not as a record', () => {
    expect(result.counts.classes).toBe(fx.expected().classes - 1);
    expect(result.issues.byCollection.classes.rejectedRows).toBe(1);
  });
});
