import { afterEach, describe, expect, it } from 'vitest';
import { pullSnapshot, resumePull } from '../../electron/services/pull';
import { SNAPSHOT_COLLECTIONS } from '../../shared/snapshots/collections';
import { startFixture, storedIds, type PullFixture } from './harness';

/** Pulls that write through the worker thread (writeThreadFrom: 0) store exactly what in-process pulls do. */
describe('pull through the write thread', () => {
  let fx: PullFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('stores the same records, pages and issues as an in-process pull', async () => {
    fx = await startFixture({ district: { preset: 'tiny' } });
    const base = { store: fx.store, profileId: 'p', pageSize: 40 };
    const inProcess = await pullSnapshot({ ...base, client: fx.client(), writeThreadFrom: Infinity });
    const threaded = await pullSnapshot({ ...base, client: fx.client(), writeThreadFrom: 0 });
    expect(threaded.status).toBe('complete');
    expect(threaded.counts).toEqual(fx.expected());
    expect(threaded.counts).toEqual(inProcess.counts);
    expect(threaded.issues).toEqual(inProcess.issues);
    for (const c of SNAPSHOT_COLLECTIONS) {
      expect(storedIds(fx.store, threaded.snapshotId, c), c).toEqual(
        storedIds(fx.store, inProcess.snapshotId, c),
      );
      const a = fx.store.db
        .prepare('SELECT COUNT(*) FROM pull_pages WHERE snapshot_id = ? AND collection = ?')
        .pluck();
      expect(a.get(threaded.snapshotId, c), c).toBe(a.get(inProcess.snapshotId, c));
    }
    expect(threaded.facts.collections.enrollments?.received).toBe(fx.expected().enrollments);
  });

  it('keeps every page fetched before a cancel, and resumes from them', async () => {
    fx = await startFixture({ district: { preset: 'small' } });
    fx.provider.setFaults({ latencyMs: 10 });
    const controller = new AbortController();
    const cancelled = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 50,
      writeThreadFrom: 0,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.done >= 1000) controller.abort();
      },
    });
    expect(cancelled.status).toBe('cancelled');
    const pages = fx.store.db
      .prepare(
        "SELECT COALESCE(SUM(records), 0) FROM pull_pages WHERE snapshot_id = ? AND page_key LIKE 'o:%'",
      )
      .pluck()
      .get(cancelled.snapshotId) as number;
    const stored = Object.values(cancelled.counts).reduce((a, b) => a + b, 0);
    expect(stored).toBeGreaterThanOrEqual(1000);
    expect(pages).toBe(stored); // every stored record belongs to a page marked done, and vice versa

    fx.provider.setFaults({});
    const resumed = await resumePull(cancelled.snapshotId, {
      store: fx.store,
      client: fx.client(),
      writeThreadFrom: 0,
    });
    expect(resumed.status).toBe('complete');
    expect(resumed.counts).toEqual(fx.expected());
    expect(resumed.issues.duplicates).toBe(0);
  });
});
