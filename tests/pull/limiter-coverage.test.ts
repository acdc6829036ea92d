import { describe, expect, it } from 'vitest';
import { chunk, contiguousEnd, coveredRanges, missingRanges } from '../../electron/services/pull/coverage';
import { AdaptiveLimiter } from '../../electron/services/pull/limiter';

describe('AdaptiveLimiter (AIMD)', () => {
  it('halves once per burst of 429s, never below 1, and creeps back up on success', async () => {
    const limiter = new AdaptiveLimiter(8);
    // Eight requests in flight all get a 429: one halving, not three.
    const tickets: Array<{ epoch: number }> = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = Array.from({ length: 8 }, () =>
      limiter.run(async (t) => {
        tickets.push(t);
        await gate;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    for (const t of tickets) limiter.throttled(t);
    expect(limiter.concurrency).toBe(4);
    release();
    await Promise.all(running);

    for (let i = 0; i < 5; i++) {
      await limiter
        .run(async (t) => {
          limiter.throttled(t);
          throw new Error('HTTP 429');
        })
        .catch(() => undefined);
    }
    expect(limiter.concurrency).toBe(1);
    expect(limiter.lowestConcurrency).toBe(1);
    // Additive increase: +1 after a full window of successes at the current level.
    await limiter.run(async () => undefined);
    expect(limiter.concurrency).toBe(2);
    for (let i = 0; i < 2 + 3 + 4 + 5 + 6 + 7; i++) await limiter.run(async () => undefined);
    expect(limiter.concurrency).toBe(8);
    await limiter.run(async () => undefined);
    expect(limiter.concurrency).toBe(8);
  });

  it('never runs more tasks at once than allowed', async () => {
    const limiter = new AdaptiveLimiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

describe('page coverage', () => {
  it('finds the gaps left by an interrupted pull and splits them into pages', () => {
    const covered = coveredRanges([
      { offset: 0, records: 100 },
      { offset: 300, records: 100 },
      { offset: 100, records: 100 },
      { offset: 600, records: 40 },
    ]);
    expect(covered).toEqual([
      { start: 0, end: 200 },
      { start: 300, end: 400 },
      { start: 600, end: 640 },
    ]);
    expect(missingRanges(covered, 700)).toEqual([
      { start: 200, end: 300 },
      { start: 400, end: 600 },
      { start: 640, end: 700 },
    ]);
    expect(chunk(missingRanges(covered, 700), 100)).toEqual([
      { start: 200, end: 300 },
      { start: 400, end: 500 },
      { start: 500, end: 600 },
      { start: 640, end: 700 },
    ]);
    expect(contiguousEnd(covered)).toBe(200);
    expect(missingRanges([], 0)).toEqual([]);
  });
});
