/**
 * Canvas-style throttling for the double (docs/canvas-importer.md): a leaky bucket reported in X-Rate-Limit-Remaining,
 * "403 Forbidden (Rate Limit Exceeded)" once it is empty, plus deterministic faults for tests.
 */
export interface ThrottleOptions {
  /** Every Nth authorised request is answered 403 Rate Limit Exceeded. */
  everyNth?: number;
  /** Every request after the first N is throttled (a client must give up). */
  afterRequests?: number;
  /** Send X-Rate-Limit-Remaining / X-Request-Cost from a bucket of this size (Canvas: 700). */
  remainingHeader?: boolean;
  bucketSize?: number;
  /** Units per request and refill per second. */
  cost?: number;
  refillPerSec?: number;
  /** Seconds in a Retry-After header on throttled answers (Canvas sends none). */
  retryAfterSec?: number;
}

export class Throttle {
  private count = 0;
  private level: number;
  private last = Date.now();

  constructor(private readonly opts: ThrottleOptions = {}) {
    this.level = opts.bucketSize ?? 700;
  }

  /** Decides for one request: throttled or not, and the headers to send either way. */
  check(): { throttled: boolean; headers: Record<string, string> } {
    this.count++;
    const o = this.opts;
    const headers: Record<string, string> = {};
    let throttled =
      (o.everyNth !== undefined && o.everyNth > 0 && this.count % o.everyNth === 0) ||
      (o.afterRequests !== undefined && this.count > o.afterRequests);
    if (o.remainingHeader) {
      const now = Date.now();
      const size = o.bucketSize ?? 700;
      this.level = Math.min(size, this.level + ((now - this.last) / 1000) * (o.refillPerSec ?? 10));
      this.last = now;
      const cost = o.cost ?? 1;
      if (this.level < cost) throttled = true;
      else if (!throttled) this.level -= cost;
      headers['X-Request-Cost'] = String(cost);
      headers['X-Rate-Limit-Remaining'] = this.level.toFixed(3);
    }
    if (throttled && o.retryAfterSec !== undefined) headers['Retry-After'] = String(o.retryAfterSec);
    return { throttled, headers };
  }
}
