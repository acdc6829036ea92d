import { describe, expect, it } from 'vitest';
import { diffSnapshots, listChanges } from '../../electron/services/diff/diff';
import { ChangePage, SnapshotDiff } from '../../shared/snapshots/diff';
import type { SnapshotStore } from '../../electron/services/snapshots';
import { enrollment, org, ref, useTempStores, user } from '../snapshots/helpers';

const stores = useTempStores();

/** Two complete snapshots of one district: yesterday's and today's. */
function twoPulls(store: SnapshotStore): { before: string; after: string } {
  const before = store.createSnapshot({ source: 'api', profileId: 'p' });
  store.writer(before, 'orgs').addRecords([org('s1'), org('s2')]);
  store
    .writer(before, 'users')
    .addRecords([
      user('u1'),
      user('u2'),
      user('u3'),
      user('u4', { orgs: [ref('orgs', 'org', 's1')] }),
      user('u5'),
    ]);
  store.writer(before, 'enrollments').addRecords([0, 1, 2, 3].map((i) => enrollment(i)));
  store.complete(before);

  const after = store.createSnapshot({ source: 'api', profileId: 'p' });
  store.writer(after, 'orgs').addRecords([org('s1'), org('s2')]);
  store.writer(after, 'users').addRecords([
    user('u1'), // unchanged
    user('u2', { dateLastModified: '2024-10-01T00:00:00Z' }), // only the timestamp moved: unchanged
    user('u3', { email: 'new@example.org', familyName: 'Renamed' }), // changed
    user('u4', { orgs: [ref('orgs', 'org', 's1'), ref('orgs', 'org', 's2')] }), // changed (list field)
    user('u6'), // added; u5 removed
    user('u7', { status: 'tobedeleted' }), // added
  ]);
  store
    .writer(after, 'enrollments')
    .addRecords([enrollment(0), enrollment(1, { endDate: '2025-01-31' }), enrollment(5)]);
  store.complete(after);
  return { before, after };
}

describe('snapshot diff', () => {
  it('counts added, removed, changed and unchanged records per collection', () => {
    const store = stores.open();
    const { before, after } = twoPulls(store);
    const diff = SnapshotDiff.parse(diffSnapshots(store, before, after));
    expect(diff.from).toBe(before);
    expect(diff.collections.users).toEqual({ added: 2, removed: 1, changed: 2, unchanged: 2 });
    expect(diff.collections.enrollments).toEqual({ added: 1, removed: 2, changed: 1, unchanged: 1 });
    expect(diff.collections.orgs).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });
    expect(diff.collections.classes).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 0 });
    // Reversed, adds and removes swap.
    expect(diffSnapshots(store, after, before).collections.users).toEqual({
      added: 1,
      removed: 2,
      changed: 2,
      unchanged: 2,
    });
  });

  it('lists one page of changes ordered by sourcedId, with the changed fields', () => {
    const store = stores.open();
    const { before, after } = twoPulls(store);
    const all = ChangePage.parse(listChanges(store, { from: before, to: after, collection: 'users' }));
    expect(all.total).toBe(5);
    expect(all.items.map((i) => [i.sourcedId, i.change])).toEqual([
      ['u3', 'changed'],
      ['u4', 'changed'],
      ['u5', 'removed'],
      ['u6', 'added'],
      ['u7', 'added'],
    ]);
    const u3 = all.items[0]!;
    expect(u3.fields).toEqual([
      { field: 'familyName', before: 'Familyu3', after: 'Renamed' },
      { field: 'email', before: 'u3@example.org', after: 'new@example.org' },
    ]);
    expect(u3.before).toMatchObject({ sourcedId: 'u3', familyName: 'Familyu3' });
    expect(all.items[1]!.fields).toEqual([{ field: 'orgIds', before: ['s1'], after: ['s1', 's2'] }]);
    const removed = all.items[2]!;
    expect(removed).toMatchObject({ before: { sourcedId: 'u5' }, after: null, fields: [] });
    expect(all.items[4]!.after).toMatchObject({ status: 'tobedeleted' });

    const page2 = listChanges(store, { from: before, to: after, collection: 'users', offset: 2, limit: 2 });
    expect(page2).toMatchObject({ total: 5, offset: 2 });
    expect(page2.items.map((i) => i.sourcedId)).toEqual(['u5', 'u6']);

    const onlyAdded = listChanges(store, { from: before, to: after, collection: 'users', change: 'added' });
    expect(onlyAdded.total).toBe(2);
    expect(onlyAdded.items.map((i) => i.sourcedId)).toEqual(['u6', 'u7']);
    const onlyChanged = listChanges(store, {
      from: before,
      to: after,
      collection: 'enrollments',
      change: 'changed',
    });
    expect(onlyChanged.items).toEqual([
      expect.objectContaining({
        sourcedId: 'enr-1',
        fields: [{ field: 'endDate', before: '2025-06-06', after: '2025-01-31' }],
      }),
    ]);
    expect(
      listChanges(store, { from: before, to: after, collection: 'enrollments', change: 'removed' }).items.map(
        (i) => i.sourcedId,
      ),
    ).toEqual(['enr-2', 'enr-3']);
  });

  it('handles large snapshots in SQL (counts match on 50k records)', () => {
    const store = stores.open();
    const a = store.createSnapshot({ source: 'api' });
    const b = store.createSnapshot({ source: 'api' });
    const wa = store.writer(a, 'enrollments');
    const wb = store.writer(b, 'enrollments');
    for (let offset = 0; offset < 50_000; offset += 5_000) {
      wa.addRecords(Array.from({ length: 5_000 }, (_, k) => enrollment(offset + k)));
      // b: drops every 10th, changes every 7th, adds 1000 new at the end.
      const next = Array.from({ length: 5_000 }, (_, k) => offset + k)
        .filter((i) => i % 10 !== 0)
        .map((i) => enrollment(i, i % 7 === 0 ? { role: 'teacher' } : {}));
      wb.addRecords(next);
    }
    wb.addRecords(Array.from({ length: 1_000 }, (_, k) => enrollment(100_000 + k)));
    store.complete(a);
    store.complete(b);
    let removed = 0;
    let changed = 0;
    for (let i = 0; i < 50_000; i++) {
      if (i % 10 === 0) removed++;
      else if (i % 7 === 0) changed++;
    }
    const started = performance.now();
    const counts = diffSnapshots(store, a, b).collections.enrollments;
    console.log(`[diff] 50k vs 46k enrollments counted in ${Math.round(performance.now() - started)} ms`);
    expect(counts).toEqual({ added: 1_000, removed, changed, unchanged: 50_000 - removed - changed });
    const page = listChanges(store, {
      from: a,
      to: b,
      collection: 'enrollments',
      change: 'changed',
      offset: 100,
      limit: 3,
    });
    expect(page.total).toBe(changed);
    expect(page.items.every((i) => i.fields.length === 1 && i.fields[0]!.field === 'role')).toBe(true);
  }, 120_000);

  it('says which snapshot does not exist', () => {
    const store = stores.open();
    const a = store.createSnapshot({ source: 'api' });
    expect(() => diffSnapshots(store, a, 'gone')).toThrow(
      expect.objectContaining({ code: 'snapshot_not_found' }),
    );
    expect(() => listChanges(store, { from: 'gone', to: a, collection: 'users' })).toThrow(
      expect.objectContaining({ code: 'snapshot_not_found' }),
    );
  });
});
