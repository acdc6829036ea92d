import { afterEach, describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../electron/services/diff/diff';
import { pullSnapshot, resumePull } from '../../electron/services/pull';
import { startFixture, type PullFixture } from './harness';

describe('delta pull', () => {
  let fx: PullFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('is the previous snapshot plus the changes, with tobedeleted records kept', async () => {
    fx = await startFixture({ district: { preset: 'small' } });
    const full = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: 200 });
    expect(full.status).toBe('complete');

    const now = new Date().toISOString();
    const e = fx.editable;
    e.edit('users', 3, (r) => ({ ...r, givenName: 'Renamed', dateLastModified: now }));
    e.edit('users', 8, (r) => ({ ...r, status: 'tobedeleted', dateLastModified: now }));
    e.edit('classes', 1, (r) => ({ ...r, title: 'Retitled class', dateLastModified: now }));
    e.edit('enrollments', 2, (r) => ({ ...r, endDate: '2027-01-15', dateLastModified: now }));

    const requestsBefore = fx.provider.stats().requests;
    const delta = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 200,
      delta: true,
    });
    expect(delta.status).toBe('complete');
    expect(delta.facts.delta).toMatchObject({
      requested: true,
      used: true,
      parentSnapshotId: full.snapshotId,
    });
    expect(fx.store.get(delta.snapshotId)).toMatchObject({
      parentSnapshotId: full.snapshotId,
      deltaSince: delta.facts.delta.since,
    });
    // Only the changes travelled: one (filtered) page per collection.
    expect(fx.provider.stats().requests - requestsBefore).toBe(7);
    expect(delta.counts).toEqual(full.counts);

    const users = e.base.tables.users;
    expect(fx.store.getRecord(delta.snapshotId, 'users', users.id(3))?.record.givenName).toBe('Renamed');
    expect(fx.store.getRecord(delta.snapshotId, 'users', users.id(8))?.record.status).toBe('tobedeleted');
    expect(fx.store.getRecord(full.snapshotId, 'users', users.id(3))?.record.givenName).not.toBe('Renamed');
    expect(delta.issues.duplicates).toBe(0);

    const changes = diffSnapshots(fx.store, full.snapshotId, delta.snapshotId).collections;
    expect(changes.users).toMatchObject({ added: 0, removed: 0, changed: 2 });
    expect(changes.classes).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(changes.enrollments).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(changes.orgs.changed + changes.courses.changed + changes.academicSessions.changed).toBe(0);

    // The same as a fresh full pull of the changed provider.
    const fresh = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: 200 });
    const same = diffSnapshots(fx.store, delta.snapshotId, fresh.snapshotId).collections;
    for (const c of Object.values(same))
      expect({ added: c.added, removed: c.removed, changed: c.changed }).toEqual({
        added: 0,
        removed: 0,
        changed: 0,
      });
  });

  it('resumes a cancelled delta pull to the same result', async () => {
    fx = await startFixture({ district: { preset: 'small' } });
    const full = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: 500 });
    const now = new Date().toISOString();
    const changed = 300;
    for (let i = 0; i < changed; i++)
      fx.editable.edit('enrollments', i * 10, (r) => ({ ...r, role: 'aide', dateLastModified: now }));

    fx.provider.setFaults({ latencyMs: 20 });
    const controller = new AbortController();
    const cancelled = await pullSnapshot({
      store: fx.store,
      client: fx.client(1),
      profileId: 'p',
      pageSize: 20,
      concurrency: 1,
      delta: true,
      signal: controller.signal,
      onProgress: (e) => {
        const enr = e.collections.find((c) => c.collection === 'enrollments');
        if (enr && enr.records >= 100) controller.abort();
      },
    });
    expect(cancelled.status).toBe('cancelled');
    fx.provider.setFaults({});
    const resumed = await resumePull(cancelled.snapshotId, { store: fx.store, client: fx.client() });
    expect(resumed.status).toBe('complete');
    expect(resumed.issues.duplicates).toBe(0);
    expect(resumed.counts).toEqual(full.counts);
    const changes = diffSnapshots(fx.store, full.snapshotId, resumed.snapshotId).collections;
    expect(changes.enrollments).toMatchObject({ added: 0, removed: 0, changed });
    expect(fx.store.get(resumed.snapshotId)).toMatchObject({ parentSnapshotId: full.snapshotId });
  });

  it('falls back to a full pull, and says so, when the provider rejects the filter', async () => {
    fx = await startFixture({ district: { preset: 'tiny' } });
    const full = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p' });
    expect(full.status).toBe('complete');
    fx.editable.hideField('demographics', 'dateLastModified');
    const result = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', delta: true });
    expect(result.status).toBe('complete');
    expect(result.facts.delta.used).toBe(false);
    expect(result.facts.delta.fallbackReason).toMatch(
      /rejected the dateLastModified filter on demographics \(HTTP 400/,
    );
    expect(result.counts).toEqual(fx.expected());
    expect(fx.store.get(result.snapshotId)?.parentSnapshotId).toBeNull();
  });

  it('makes a full pull when there is nothing to start from', async () => {
    fx = await startFixture({ district: { preset: 'tiny' } });
    const result = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', delta: true });
    expect(result.status).toBe('complete');
    expect(result.facts.delta).toMatchObject({ requested: true, used: false });
    expect(result.counts).toEqual(fx.expected());
  });
});
