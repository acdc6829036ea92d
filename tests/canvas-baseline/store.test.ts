import { afterEach, describe, expect, it } from 'vitest';
import { openBaselineStore } from '../../electron/services/canvas-baseline';
import { openSnapshotStore } from '../../electron/services/snapshots';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { tempStores, type TempStores } from './helpers';

const baseline = generateBaseline({ preset: 'tiny' }, { deletedHolders: 2 });
let stores: TempStores | undefined;
afterEach(() => stores?.cleanup());

describe('baseline store lifecycle', () => {
  it('writes, counts, completes, lists and deletes', () => {
    stores = tempStores();
    const { baselines } = stores;
    const id = baselines.createBaseline({
      source: 'api',
      profileId: 'p1',
      canvasUrl: 'https://canvas.example',
      rootAccountId: '1',
    });
    expect(baselines.get(id)).toMatchObject({
      status: 'running',
      source: 'api',
      profileId: 'p1',
      counts: null,
    });

    const writer = baselines.writer(id, 'users');
    writer.add(baseline.users.slice(0, 10));
    expect(baselines.counts(id).users.total).toBe(10);
    writer.add(baseline.users.slice(10));
    baselines.writer(id, 'enrollments').add(baseline.enrollments);

    const meta = baselines.complete(id);
    expect(meta.status).toBe('complete');
    expect(meta.finishedAt).not.toBeNull();
    expect(meta.counts!.users).toEqual({
      total: baseline.users.length,
      byStatus: { active: baseline.users.length - 2, deleted: 2 },
    });
    expect(meta.counts!.enrollments.total).toBe(baseline.enrollments.length);
    expect([...baselines.iterate(id, 'users')]).toEqual(baseline.users);

    // A complete baseline is immutable.
    expect(() => writer.add(baseline.users.slice(0, 1))).toThrow(
      expect.objectContaining({ code: 'baseline_not_writable' }),
    );
    expect(() => baselines.writer(id, 'users')).toThrow(
      expect.objectContaining({ code: 'baseline_not_writable' }),
    );
    expect(() => baselines.fail(id, 'late')).toThrow(
      expect.objectContaining({ code: 'baseline_not_writable' }),
    );

    const failed = baselines.createBaseline({ source: 'report', profileId: 'p1' });
    expect(baselines.fail(failed, 'boom')).toMatchObject({ status: 'failed', error: 'boom' });
    const other = baselines.createBaseline({ source: 'report', profileId: 'p2' });
    baselines.complete(other);

    expect(
      baselines
        .list({ profileId: 'p1' })
        .map((b) => b.id)
        .sort(),
    ).toEqual([id, failed].sort());
    expect(baselines.latest('p1')?.id).toBe(id);
    expect(baselines.latest('p2')?.id).toBe(other);
    expect(baselines.latest('nobody')).toBeNull();

    expect(baselines.delete(id)).toBe(true);
    expect(baselines.get(id)).toBeNull();
    expect(baselines.delete(id)).toBe(false);
    const left = stores.snapshots.db
      .prepare('SELECT COUNT(*) AS n FROM canvas_users WHERE baseline_id = ?')
      .get(id) as { n: number };
    expect(left.n).toBe(0);
    expect(() => baselines.writer(id, 'users')).toThrow(
      expect.objectContaining({ code: 'baseline_not_found' }),
    );
  });

  it('indexes lower-cased logins and emails, and survives reopening the database', () => {
    stores = tempStores();
    const id = stores.baselines.createBaseline({ source: 'report', profileId: null });
    const u = baseline.users[0]!;
    stores.baselines.writer(id, 'users').add([{ ...u, login_id: 'Mixed.Case', email: 'Mixed@Example.ORG' }]);
    stores.baselines.complete(id);
    stores.snapshots.close();

    const reopened = openSnapshotStore(stores.dir);
    stores.snapshots = reopened;
    const db = reopened.db;
    const hit = db
      .prepare(
        'SELECT login_id FROM canvas_users WHERE baseline_id = ? AND login_id_lower = ? AND email_lower = ?',
      )
      .get(id, 'mixed.case', 'mixed@example.org') as { login_id: string } | undefined;
    expect(hit?.login_id).toBe('Mixed.Case');
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM canvas_users WHERE baseline_id = ? AND login_id_lower = ?')
      .all(id, 'x') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('canvas_users_login');
    expect(
      openBaselineStore(reopened)
        .list({ profileId: null })
        .map((b) => b.id),
    ).toEqual([id]);
  });
});
