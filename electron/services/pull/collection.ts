import type { PullCollection } from '../../../shared/pull/progress';
import { oneRosterFacts, isOneRosterError } from '../oneroster/errors';
import type { SnapshotStore } from '../snapshots/store';
import { chunk, coveredRanges, contiguousEnd, missingRanges, pageKey, type Range } from './coverage';
import { fetchPageWithRetry, type FetchPolicy, type FetchStats } from './fetch-page';
import type { AdaptiveLimiter } from './limiter';
import { END_KEY, SKIPPED_KEY, ledgerTotals, readLedger } from './page-ledger';
import type { PullWrites } from './page-sink';
import type { ProgressTracker } from './progress';
import type { PulledPage } from './pulled-page';
import type { CollectionFacts, PullProblem } from './types';
import type { OneRosterClient, RawPage } from '../oneroster/client';

/** Everything one pull shares between its collections. */
export interface PullRun {
  client: OneRosterClient;
  store: SnapshotStore;
  snapshotId: string;
  limiter: AdaptiveLimiter;
  policy: FetchPolicy;
  stats: FetchStats;
  /** Aborted on cancel and on the first fatal error, so sibling requests stop at once. */
  signal: AbortSignal;
  progress: ProgressTracker;
  pageSize: number;
  /** Delta pulls: `dateLastModified>'…'`. */
  filter: string | null;
  problems: PullProblem[];
  /** Where fetched pages are written (in-process or a write thread). */
  writes: PullWrites;
}

/** A first page fetched ahead (delta probing), or the error it failed with. */
export type Prefetched = { page: PulledPage } | { error: unknown };

const OPTIONAL: ReadonlySet<PullCollection> = new Set(['demographics']);

/**
 * Pulls one collection into the snapshot. With X-Total-Count the remaining pages are requested in parallel
 * (the shared limiter bounds the total); without it, pages are followed one after another with the safe
 * termination rules (docs/oneroster-dialects.md). Pages already stored (resume) are never fetched again.
 */
export async function pullCollection(
  run: PullRun,
  collection: PullCollection,
  prefetched?: Prefetched,
): Promise<CollectionFacts> {
  const { store, snapshotId, progress } = run;
  const ledger = readLedger(store, snapshotId, collection);
  const before = ledgerTotals(store, snapshotId, collection);
  progress.seed(collection, before.received, before.pages);
  const finished = ledger.markers.get(END_KEY) ?? ledger.markers.get(SKIPPED_KEY);
  if (finished) {
    const facts = finished as unknown as CollectionFacts;
    progress.setTotals(collection, facts.totalCount, null);
    progress.setState(collection, facts.state === 'skipped' ? 'skipped' : 'done');
    return facts;
  }
  progress.setState(collection, 'running');
  const done = new Set(ledger.pages.map((p) => p.offset));
  const c = new CollectionPull(run, collection, done);

  let first: PulledPage;
  try {
    first = await c.firstPage(prefetched, before.received);
  } catch (err) {
    const status = isOneRosterError(err) ? oneRosterFacts(err)?.status : undefined;
    if (OPTIONAL.has(collection) && (status === 403 || status === 404))
      return c.skip(status, (err as Error).message);
    throw err;
  }
  const n0 = first.count;
  const total = first.totalCount;
  const step =
    n0 > run.pageSize || (n0 > 0 && n0 < run.pageSize && total !== null && total > n0) ? n0 : run.pageSize;
  if (n0 > run.pageSize) c.quirk('limit-ignored');
  if (step < run.pageSize) c.quirk('limit-clamped');
  c.announce(total, before.received);
  await c.store(first, 0);
  progress.setTotals(collection, total, total === null ? null : Math.ceil(total / step));

  if (total !== null) {
    const covered = coveredRanges([...ledger.pages, { offset: 0, records: n0 }]);
    await c.fetchRanges(chunk(missingRanges(covered, total), step), total);
    return await c.finish('parallel', total, step);
  }
  const covered = coveredRanges([...ledger.pages, { offset: 0, records: n0 }]);
  await c.followSequentially(first, contiguousEnd(covered));
  return await c.finish('sequential', null, c.learnedStep ?? run.pageSize);
}

class CollectionPull {
  private readonly quirks = new Set<string>();
  private announced = false;
  learnedStep: number | null = null;

  constructor(
    private readonly run: PullRun,
    private readonly collection: PullCollection,
    private readonly done: Set<number>,
  ) {}

  quirk(q: string): void {
    this.quirks.add(q);
  }

  /**
   * The first page. Its X-Total-Count is announced before its body is read, so a big pull's threads start
   * with it and even the first page of a large collection is parsed off the calling thread.
   */
  async firstPage(prefetched: Prefetched | undefined, stored: number): Promise<PulledPage> {
    if (prefetched) {
      if ('error' in prefetched) throw prefetched.error;
      return prefetched.page;
    }
    return this.fetch(0, this.run.pageSize, (raw) => this.announce(raw.totalCount, stored));
  }

  /** Tells the writes how many records this collection will bring (once). */
  announce(total: number | null, stored: number): void {
    if (this.announced || total === null) return;
    this.announced = true;
    this.run.writes.expect(total - stored);
  }

  fetch(offset: number, limit: number, before?: (raw: RawPage) => void): Promise<PulledPage> {
    const params = { limit, offset, ...(this.run.filter !== null ? { filter: this.run.filter } : {}) };
    return fetchPageWithRetry(
      this.run.client,
      this.run.limiter,
      { path: `/${this.collection}`, params },
      this.run.policy,
      this.run.stats,
      this.run.signal,
      (raw) => {
        before?.(raw);
        return this.run.writes.read(raw);
      },
    );
  }

  /** Stores a page's records (one transaction, page marked done with them) unless a previous run already did. */
  async store(page: PulledPage, offset: number): Promise<void> {
    for (const q of page.quirks) this.quirks.add(q);
    if (this.done.has(offset) || this.run.signal.aborted) {
      this.run.writes.drop(page);
      return;
    }
    this.done.add(offset);
    const n = page.count;
    await this.run.writes.add(this.collection, page, pageKey(offset));
    this.run.progress.addPage(this.collection, n);
  }

  /**
   * Fetches every range in parallel: as many workers as the pull may have requests in flight, each taking
   * the next range, so a 10,000-page collection never queues 10,000 promises. A page shorter than asked
   * before the total is reached means the server clamps harder than the first page showed: the rest of that
   * range goes back on the queue.
   */
  async fetchRanges(ranges: Range[], total: number): Promise<void> {
    const queue = ranges.slice();
    let next = 0;
    let failure: unknown = null;
    const worker = async (): Promise<void> => {
      while (next < queue.length && failure === null && !this.run.signal.aborted) {
        // Backpressure before the request, not after it: with every collection's workers waiting on a busy
        // writer, fetched pages would otherwise pile up (dozens of parsed pages) instead of staying queued.
        try {
          await this.run.writes.room();
          if (next >= queue.length || failure !== null || this.run.signal.aborted) break;
          const range = queue[next++]!;
          await this.fetchRange(range, total, (more) => queue.push(more));
        } catch (err) {
          failure ??= err;
        }
      }
    };
    const workers = Math.max(1, Math.min(this.run.limiter.max, queue.length));
    await Promise.all(Array.from({ length: workers }, worker));
    if (failure !== null) throw failure;
  }

  private async fetchRange(range: Range, total: number, schedule: (r: Range) => void): Promise<void> {
    const page = await this.fetchOrReject(range.start, range.end - range.start);
    if (page === null) return;
    const n = page.count;
    if (page.totalCount !== null && page.totalCount !== total) this.quirk('total-changed');
    await this.store(page, range.start);
    if (n === 0) {
      this.quirk('short-of-total');
      return;
    }
    if (n < range.end - range.start) {
      this.quirk('limit-clamped');
      schedule({ start: range.start + n, end: range.end });
    }
  }

  /**
   * Pages one after another: Link rel=next when the server sends it, else offsets. Stops on an empty page,
   * on the last Link page, on a short page once the page size is known, or when the server ignores offset.
   * A first short page may be a clamped limit, so one more page is asked for before believing it is the end.
   */
  async followSequentially(first: PulledPage, startOffset: number): Promise<void> {
    const pageSize = this.run.pageSize;
    const n0 = first.count;
    if (n0 === 0) return;
    let sawNext = first.nextUrl !== null;
    // A full page tells the served page size; a short first page may be the end or a clamped limit.
    let step: number | null = n0 >= pageSize ? n0 : null;
    let lastShort: number | null = n0 < pageSize ? n0 : null;
    let prev = first;
    let offset = startOffset;
    for (;;) {
      const page = await this.fetchOrReject(offset, pageSize);
      if (page === null) {
        // Unreadable page: its size is unknown; assume a full one and carry on (recorded as a problem).
        offset += step ?? pageSize;
        continue;
      }
      const n = page.count;
      if (n === 0) {
        this.run.writes.drop(page);
        break;
      }
      const id = page.firstId;
      if (id !== null && id === prev.firstId) {
        this.quirk('offset-ignored');
        this.run.writes.drop(page);
        break;
      }
      await this.store(page, offset);
      offset += n;
      prev = page;
      if (page.nextUrl !== null) {
        sawNext = true;
        continue;
      }
      if (sawNext) break; // a server that pages by Link sent no next: that was the last page
      if (n >= pageSize) {
        step = n;
        continue;
      }
      if (step === null && lastShort !== null && n === lastShort) step = n; // same short size twice: a clamp
      if (step !== null && n >= step) {
        this.quirk('limit-clamped');
        continue;
      }
      if (step === null && lastShort === null) {
        lastShort = n; // resumed mid-collection: one more page tells
        continue;
      }
      break;
    }
    this.learnedStep = step;
  }

  /** A page that stays unreadable after a retry is kept as a rejected row and the pull goes on. */
  private async fetchOrReject(offset: number, limit: number): Promise<PulledPage | null> {
    try {
      return await this.fetch(offset, limit);
    } catch (err) {
      if (!isOneRosterError(err) || err.code !== 'envelope') throw err;
      await this.run.writes.reject(
        this.collection,
        { url: oneRosterFacts(err)?.url ?? null, offset, limit },
        `Unreadable page: ${err.message}`,
        pageKey(offset),
      );
      this.run.problems.push({
        code: 'malformed_page',
        collection: this.collection,
        message: `The page of ${this.collection} at offset ${offset} could not be read (${err.message}); its records are missing from this snapshot.`,
      });
      return null;
    }
  }

  async skip(status: number | undefined, message: string): Promise<CollectionFacts> {
    const facts: CollectionFacts = {
      collection: this.collection,
      state: 'skipped',
      totalCount: null,
      received: 0,
      pages: 0,
      mode: 'sequential',
      pageStep: this.run.pageSize,
      quirks: [],
      ...(status !== undefined ? { skippedStatus: status } : {}),
    };
    await this.run.writes.markPageDone(this.collection, SKIPPED_KEY, { ...facts });
    this.run.problems.push({
      code: 'collection_unavailable',
      collection: this.collection,
      message: `The provider does not offer ${this.collection} to these credentials (${message}); the snapshot has none.`,
    });
    this.run.progress.setState(this.collection, 'skipped', `not available (HTTP ${status ?? '?'})`);
    return facts;
  }

  async finish(
    mode: CollectionFacts['mode'],
    totalCount: number | null,
    pageStep: number,
  ): Promise<CollectionFacts> {
    await this.run.writes.flush(); // the ledger below must see every page of this collection
    const { received, pages } = ledgerTotals(this.run.store, this.run.snapshotId, this.collection);
    const facts: CollectionFacts = {
      collection: this.collection,
      state: 'done',
      totalCount,
      received,
      pages,
      mode,
      pageStep,
      quirks: [...this.quirks].sort(),
    };
    if (this.run.signal.aborted) return facts;
    await this.run.writes.markPageDone(this.collection, END_KEY, { ...facts });
    this.run.progress.setState(this.collection, 'done');
    return facts;
  }
}
