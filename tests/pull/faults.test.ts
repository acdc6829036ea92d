import { afterEach, describe, expect, it } from 'vitest';
import { pullSnapshot } from '../../electron/services/pull';
import { startFixture, storedIds, type PullFixture } from './harness';

/** Pulls against the real provider with its fault injection on: the snapshot must still be exact. */
describe('pull under provider faults', () => {
  let fx: PullFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('completes with exact counts while connections drop and 5xx errors come at random', async () => {
    fx = await startFixture({
      district: { preset: 'small' },
      faults: { error5xx: { probability: 0.15, status: 503 }, dropConnection: { probability: 0.1 }, seed: 7 },
    });
    const result = await pullSnapshot({
      store: fx.store,
      client: fx.client(6),
      profileId: 'p',
      pageSize: 100,
      concurrency: 6,
      retryBaseMs: 5,
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    const stats = fx.provider.stats();
    expect(stats.served5xx).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(result.facts.retries).toBeGreaterThanOrEqual(stats.served5xx + stats.dropped);
    expect(result.facts.problems).toEqual([]);
    // Not just the right number: the right records.
    const users = storedIds(fx.store, result.snapshotId, 'users');
    const table = fx.editable.district.tables.users;
    for (let i = 0; i < table.size; i++) expect(users.has(table.id(i))).toBe(true);
  });

  it('survives a 429 storm by lowering concurrency, and still gets every record', async () => {
    fx = await startFixture({
      district: { preset: 'small' },
      faults: { rate429: { probability: 0.35 }, seed: 3 },
    });
    const result = await pullSnapshot({
      store: fx.store,
      client: fx.client(8),
      profileId: 'p',
      pageSize: 100,
      concurrency: 8,
      retryBaseMs: 5,
    });
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    expect(fx.provider.stats().served429).toBeGreaterThan(0);
    expect(result.facts.concurrency.throttled).toBeGreaterThan(0);
    expect(result.facts.concurrency.lowest).toBeLessThan(8);
    expect(result.facts.concurrency.lowest).toBeGreaterThanOrEqual(1);
  });

  it('pages a provider without X-Total-Count or Link headers that clamps the page size', async () => {
    fx = await startFixture({
      district: { preset: 'small' },
      faults: { omitTotalCount: true, omitLinkHeader: true, clampLimit: 40 },
    });
    const result = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 100,
    });
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    const users = result.facts.collections.users!;
    expect(users.mode).toBe('sequential');
    expect(users.pageStep).toBe(40);
    expect(result.facts.problems.map((p) => p.code)).toContain('limit_clamped');
    expect(result.issues.duplicates).toBe(0);
  });

  it('pages in parallel when the total is known but the server clamps harder than asked', async () => {
    fx = await startFixture({ district: { preset: 'small' }, faults: { clampLimit: 70 } });
    const result = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 200,
    });
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    expect(result.facts.collections.enrollments!.mode).toBe('parallel');
    expect(result.facts.collections.enrollments!.pageStep).toBe(70);
    expect(result.issues.duplicates).toBe(0);
  });

  it('pages by Link rel=next when the total is missing', async () => {
    fx = await startFixture({ district: { preset: 'tiny' }, faults: { omitTotalCount: true } });
    const result = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: 25 });
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    // Link paging knows the last page: no extra empty request per collection beyond the pages themselves.
    const byPath = fx.provider.stats().byPath;
    expect(byPath['/enrollments']).toBe(Math.ceil(fx.expected().enrollments / 25));
  });
});
