import { afterEach, describe, expect, it } from 'vitest';
import type { PullProgressEvent } from '../../shared/pull/progress';
import { PullProgressEvent as PullProgressEventSchema } from '../../shared/pull/progress';
import { pullSnapshot, resumePull } from '../../electron/services/pull';
import { startFixture, type PullFixture } from './harness';

describe('cancel and resume', () => {
  let fx: PullFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('cancels cleanly, leaves the previous snapshot untouched, and resumes from the stored pages', async () => {
    fx = await startFixture({ district: { preset: 'small' } });
    const first = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p', pageSize: 200 });
    expect(first.status).toBe('complete');
    const before = fx.store.get(first.snapshotId);

    fx.provider.setFaults({ latencyMs: 25 });
    const controller = new AbortController();
    const events: PullProgressEvent[] = [];
    const cancelled = await pullSnapshot({
      store: fx.store,
      client: fx.client(2),
      profileId: 'p',
      pageSize: 50,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.done >= 1000) controller.abort();
      },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error).toMatch(/cancel/i);
    const stored = Object.values(cancelled.counts).reduce((a, b) => a + b, 0);
    expect(stored).toBeGreaterThanOrEqual(1000);
    expect(stored).toBeLessThan(Object.values(fx.expected()).reduce((a, b) => a + b, 0));
    expect(events.at(-1)?.phase).toBe('cancelled');
    for (const e of events) PullProgressEventSchema.parse(e);

    // The earlier complete snapshot is exactly as it was.
    expect(fx.store.get(first.snapshotId)).toEqual(before);
    expect(fx.store.counts(first.snapshotId)).toEqual(first.counts);
    expect(fx.store.latestComplete('p')?.id).toBe(first.snapshotId);

    fx.provider.setFaults({});
    const requestsBefore = fx.provider.stats().requests;
    const resumed = await resumePull(cancelled.snapshotId, { store: fx.store, client: fx.client() });
    expect(resumed.status).toBe('complete');
    expect(resumed.counts).toEqual(fx.expected());
    expect(resumed.issues.duplicates).toBe(0);
    expect(resumed.facts.resumedFrom).toBe(cancelled.snapshotId);
    // Only the missing pages (plus one first page per unfinished collection) were fetched again.
    const fullPages = Object.values(fx.expected()).reduce((a, n) => a + Math.max(1, Math.ceil(n / 50)), 0);
    expect(fx.provider.stats().requests - requestsBefore).toBeLessThan(fullPages - 1000 / 50 + 8);
    expect(fx.store.get(cancelled.snapshotId)?.status).toBe('cancelled');
  });

  it('emits throttled progress with per-collection numbers', async () => {
    fx = await startFixture({ district: { preset: 'small' }, faults: { latencyMs: 5 } });
    const events: PullProgressEvent[] = [];
    const result = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 25,
      onProgress: (e) => events.push(e),
    });
    expect(result.status).toBe('complete');
    const last = events.at(-1)!;
    expect(last.phase).toBe('complete');
    expect(last.done).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
    const users = last.collections.find((c) => c.collection === 'users')!;
    expect(users).toMatchObject({
      state: 'done',
      records: result.counts.users,
      totalRecords: result.counts.users,
    });
    expect(users.pages).toBe(Math.ceil(result.counts.users / 25));
    expect(events.some((e) => e.phase === 'pulling' && e.rate > 0 && e.etaSeconds !== null)).toBe(true);
    // ≤ ~10 events a second (plus the forced ones at state changes).
    const seconds = last.elapsedMs / 1000;
    const pageEvents = events.filter((e) => e.phase === 'pulling').length;
    expect(pageEvents).toBeLessThan(seconds * 10 + 30);
  });

  it('fails with a clear message when a required collection keeps failing, and that pull can be resumed', async () => {
    fx = await startFixture({
      district: { preset: 'tiny' },
      faults: { error5xx: { probability: 1, status: 500, paths: ['/enrollments'] } },
    });
    const failed = await pullSnapshot({
      store: fx.store,
      client: fx.client(),
      profileId: 'p',
      pageSize: 50,
      maxRetries: 2,
      retryBaseMs: 1,
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Pulling enrollments failed: .*HTTP 500/);
    expect(fx.store.get(failed.snapshotId)?.status).toBe('failed');
    fx.provider.setFaults({});
    const resumed = await resumePull(failed.snapshotId, { store: fx.store, client: fx.client() });
    expect(resumed.status).toBe('complete');
    expect(resumed.counts).toEqual(fx.expected());
  });

  it('skips demographics the provider does not share, and records why', async () => {
    fx = await startFixture({ district: { preset: 'tiny' }, faults: { forbidden: ['/demographics'] } });
    const result = await pullSnapshot({ store: fx.store, client: fx.client(), profileId: 'p' });
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({ ...fx.expected(), demographics: 0 });
    expect(result.facts.collections.demographics).toMatchObject({ state: 'skipped', skippedStatus: 403 });
    expect(result.facts.problems.map((p) => p.code)).toContain('collection_unavailable');
  });
});
