import pLimit, { type LimitFunction } from 'p-limit';

/**
 * One request limiter shared by every collection of a pull, with AIMD concurrency: halve on a 429
 * (multiplicative decrease), +1 after a full window of successes (additive increase), within [1, max].
 * Providers publish no rate limits (docs/oneroster-dialects.md), so the only honest signal is their 429s.
 */
export class AdaptiveLimiter {
  readonly max: number;
  private readonly limit: LimitFunction;
  /** Bumped on every decrease, so a burst of 429s from requests sent before it halves only once. */
  private epoch = 0;
  private successesAtLevel = 0;
  private lowest: number;
  private decreases = 0;

  constructor(max: number) {
    this.max = Math.max(1, Math.floor(max));
    this.limit = pLimit(this.max);
    this.lowest = this.max;
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Lowest concurrency reached (a pull reports it, the 429 test checks it). */
  get lowestConcurrency(): number {
    return this.lowest;
  }

  get decreaseCount(): number {
    return this.decreases;
  }

  get activeCount(): number {
    return this.limit.activeCount;
  }

  get pendingCount(): number {
    return this.limit.pendingCount;
  }

  /** Runs `task` when a slot is free; the task gets a ticket to report a 429 against. */
  run<T>(task: (ticket: LimiterTicket) => Promise<T>): Promise<T> {
    return this.limit(() => {
      const ticket: LimiterTicket = { epoch: this.epoch };
      return task(ticket).then((value) => {
        this.onSuccess();
        return value;
      });
    });
  }

  /** A request sent under `ticket` was throttled (429). */
  throttled(ticket: LimiterTicket): void {
    if (ticket.epoch !== this.epoch) return;
    this.epoch += 1;
    this.decreases += 1;
    this.successesAtLevel = 0;
    const next = Math.max(1, Math.floor(this.limit.concurrency / 2));
    this.limit.concurrency = next;
    this.lowest = Math.min(this.lowest, next);
    ticket.epoch = this.epoch;
  }

  private onSuccess(): void {
    const current = this.limit.concurrency;
    if (current >= this.max) return;
    this.successesAtLevel += 1;
    if (this.successesAtLevel >= current) {
      this.successesAtLevel = 0;
      this.limit.concurrency = current + 1;
    }
  }
}

export interface LimiterTicket {
  epoch: number;
}
