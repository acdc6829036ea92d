import type {
  CollectionProgress,
  CollectionState,
  PullCollection,
  PullPhase,
  PullProgressEvent,
} from '../../../shared/pull/progress';

/** At most ~10 events a second: enough for a smooth bar, cheap for IPC and terminals. */
const MIN_INTERVAL_MS = 100;
/** Rates are measured over a sliding window so a stall shows quickly and a burst does not dominate. */
const RATE_WINDOW_MS = 5_000;

interface Sample {
  at: number;
  records: number;
}

class RateMeter {
  private readonly samples: Sample[] = [];

  add(at: number, records: number): void {
    this.samples.push({ at, records });
    while (this.samples.length > 2 && this.samples[0]!.at < at - RATE_WINDOW_MS) this.samples.shift();
  }

  perSecond(now: number, startedAt: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last) return 0;
    // Before the window fills, measure from the start so the first page already gives a rate.
    const from = this.samples.length === 1 || first.at > now - RATE_WINDOW_MS ? startedAt : first.at;
    const base = from === startedAt ? 0 : first.records;
    const seconds = Math.max((now - from) / 1000, 0.001);
    return Math.max(0, (last.records - base) / seconds);
  }
}

interface CollectionTrack {
  state: CollectionState;
  records: number;
  pages: number;
  totalRecords: number | null;
  totalPages: number | null;
  note?: string;
  startedAt: number;
  meter: RateMeter;
}

/** Collects per-collection counters and emits throttled `PullProgressEvent`s. */
export class ProgressTracker {
  private readonly tracks = new Map<PullCollection, CollectionTrack>();
  private readonly overall = new RateMeter();
  private readonly startedAt = Date.now();
  private phase: PullPhase = 'starting';
  private lastEmit = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly snapshotId: string,
    collections: readonly PullCollection[],
    private readonly concurrency: () => number,
    private readonly sink: ((event: PullProgressEvent) => void) | undefined,
  ) {
    for (const c of collections) {
      this.tracks.set(c, {
        state: 'pending',
        records: 0,
        pages: 0,
        totalRecords: null,
        totalPages: null,
        startedAt: this.startedAt,
        meter: new RateMeter(),
      });
    }
  }

  setPhase(phase: PullPhase): void {
    this.phase = phase;
    this.emit(true);
  }

  setState(collection: PullCollection, state: CollectionState, note?: string): void {
    const t = this.track(collection);
    if (state === 'running' && t.state === 'pending') t.startedAt = Date.now();
    t.state = state;
    if (note !== undefined) t.note = note;
    this.emit(true);
  }

  setTotals(collection: PullCollection, totalRecords: number | null, totalPages: number | null): void {
    const t = this.track(collection);
    t.totalRecords = totalRecords;
    t.totalPages = totalPages;
  }

  /** Counts carried over from an interrupted run (resume) — they are not part of this run's rate. */
  seed(collection: PullCollection, records: number, pages: number): void {
    const t = this.track(collection);
    t.records += records;
    t.pages += pages;
  }

  addPage(collection: PullCollection, records: number): void {
    const t = this.track(collection);
    t.records += records;
    t.pages += 1;
    const now = Date.now();
    t.meter.add(now, t.records);
    this.overall.add(now, this.totalDone());
    this.emit(false);
  }

  snapshot(): PullProgressEvent {
    const now = Date.now();
    const collections: CollectionProgress[] = [];
    let total: number | null = 0;
    for (const [collection, t] of this.tracks) {
      const rate = t.state === 'running' ? t.meter.perSecond(now, t.startedAt) : 0;
      const remaining = t.totalRecords === null ? null : Math.max(0, t.totalRecords - t.records);
      const eta = t.state === 'done' ? 0 : remaining !== null && rate > 0 ? remaining / rate : null;
      const cp: CollectionProgress = {
        collection,
        state: t.state,
        records: t.records,
        pages: t.pages,
        totalRecords: t.totalRecords,
        totalPages: t.totalPages,
        rate: round(rate),
        etaSeconds: eta === null ? null : round(eta),
      };
      if (t.note !== undefined) cp.note = t.note;
      collections.push(cp);
      if (t.state === 'skipped' || t.state === 'failed') continue;
      if (t.state === 'done') total = total === null ? null : total + t.records;
      else
        total =
          t.totalRecords === null || total === null ? null : total + Math.max(t.totalRecords, t.records);
    }
    const done = this.totalDone();
    const rate = this.overall.perSecond(now, this.startedAt);
    const eta = total === null ? null : rate > 0 ? Math.max(0, total - done) / rate : null;
    return {
      type: 'pull:progress',
      snapshotId: this.snapshotId,
      phase: this.phase,
      done,
      total,
      rate: round(rate),
      etaSeconds: eta === null ? null : round(eta),
      concurrency: Math.max(1, this.concurrency()),
      elapsedMs: now - this.startedAt,
      collections,
    };
  }

  /** Emits the final state now and stops any pending throttled emission. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emit(true);
  }

  private emit(force: boolean): void {
    if (!this.sink) return;
    const now = Date.now();
    if (!force && now - this.lastEmit < MIN_INTERVAL_MS) {
      // Trailing emission, so the last page of a burst is never lost from view.
      this.timer ??= setTimeout(
        () => {
          this.timer = undefined;
          this.emit(true);
        },
        MIN_INTERVAL_MS - (now - this.lastEmit),
      );
      this.timer.unref();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastEmit = now;
    this.sink(this.snapshot());
  }

  private totalDone(): number {
    let n = 0;
    for (const t of this.tracks.values()) n += t.records;
    return n;
  }

  private track(collection: PullCollection): CollectionTrack {
    const t = this.tracks.get(collection);
    if (!t) throw new Error(`collection ${collection} is not part of this pull`);
    return t;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
