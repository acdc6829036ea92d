import { restVersionOf } from '../../../shared/snapshots/feed';
import { setMaxListeners } from 'node:events';
import type { PullCollection } from '../../../shared/pull/progress';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { ServiceError } from '../../../shared/errors';
import { oneRosterFacts, isOneRosterError, type OneRosterFailure } from '../oneroster/errors';
import type { NewSnapshot } from '../snapshots/meta';
import type { SnapshotCounted } from '../snapshots/store';
import { checkArrival } from './checks';
import { pullCollection, type Prefetched, type PullRun } from './collection';
import { planDelta, type DeltaStart } from './delta';
import { fetchPageWithRetry } from './fetch-page';
import { AdaptiveLimiter } from './limiter';
import { PullWrites } from './page-sink';
import { readHere } from './pulled-page';
import { ProgressTracker } from './progress';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_DELTA_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_WRITE_THREAD_FROM,
  MAX_CONCURRENCY,
  type CollectionFacts,
  type DeltaInfo,
  type PullFacts,
  type PullOptions,
  type PullResult,
  type ResumeOptions,
} from './types';

const LISTENERS = MAX_CONCURRENCY * 8 + 64;

/** What a pull records at creation, so `resume` can continue it exactly (same collections, filter, page size). */
interface PullRequestFacts {
  collections: PullCollection[];
  pageSize: number;
  filter: string | null;
  delta: DeltaInfo;
  resumedFrom?: string;
}

/** Starts a new snapshot and pulls into it; resolves with its final state (complete, failed or cancelled). */
export async function pullSnapshot(opts: PullOptions): Promise<PullResult> {
  const pageSize = clampInt(opts.pageSize ?? DEFAULT_PAGE_SIZE, 1, 100_000);
  const collections = [...(opts.collections ?? SNAPSHOT_COLLECTIONS)];
  const signal = opts.signal ?? new AbortController().signal;
  const limiter = new AdaptiveLimiter(clampInt(opts.concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY));
  const policy = policyOf(opts);
  const stats = { retries: 0, throttled: 0 };

  let delta: DeltaInfo = { requested: opts.delta === true, used: false, parentSnapshotId: null, since: null };
  let start: DeltaStart | null = null;
  const prefetched = new Map<PullCollection, Prefetched>();
  if (opts.delta) {
    start = planDelta(
      opts.store,
      opts.profileId,
      opts.baseUrl ?? null,
      opts.deltaOverlapMs ?? DEFAULT_DELTA_OVERLAP_MS,
    );
    if (start === null)
      delta = {
        ...delta,
        fallbackReason:
          'There is no complete pulled snapshot of this district to start from; a full pull was made.',
      };
    else {
      // First pages with the filter, before anything is written: a provider that refuses the filter (400)
      // gets a full pull instead, and an accepted filter's first pages are reused.
      const probe = new AbortController();
      const linked = AbortSignal.any([signal, probe.signal]);
      setMaxListeners(LISTENERS, linked);
      await Promise.all(
        collections.map(async (c) => {
          try {
            const page = await fetchPageWithRetry(
              opts.client,
              limiter,
              { path: `/${c}`, params: { limit: pageSize, offset: 0, filter: start!.filter } },
              policy,
              stats,
              linked,
              // No snapshot yet, so no parse thread: a delta's first pages are small, read here.
              async (raw) => readHere(raw),
            );
            prefetched.set(c, { page });
          } catch (error) {
            prefetched.set(c, { error });
            if (isOneRosterError(error) && error.code === 'bad_request') probe.abort();
          }
        }),
      );
      const rejected = [...prefetched.entries()].find(
        ([, p]) => 'error' in p && isOneRosterError(p.error) && p.error.code === 'bad_request',
      );
      if (rejected && !signal.aborted) {
        const { status, codeMinor } =
          oneRosterFacts((rejected[1] as { error: OneRosterFailure }).error) ?? {};
        delta = {
          ...delta,
          since: start.since,
          fallbackReason: `The provider rejected the dateLastModified filter on ${rejected[0]} (HTTP ${status ?? 400}${codeMinor ? `, ${codeMinor}` : ''}); a full pull was made instead.`,
        };
        start = null;
        prefetched.clear();
      } else if (!signal.aborted) {
        delta = { requested: true, used: true, parentSnapshotId: start.parent.id, since: start.since };
      }
    }
  }

  const request: PullRequestFacts = { collections, pageSize, filter: start?.filter ?? null, delta };
  const snapshotId = opts.store.createSnapshot({
    ...metaOf(opts, pageSize),
    parentSnapshotId: start?.parent.id ?? null,
    deltaSince: start?.since ?? null,
    providerFacts: { pullRequest: request },
  });
  if (start !== null && !signal.aborted) opts.store.cloneForDelta(start.parent.id, snapshotId);
  return runPull({ opts, snapshotId, request, limiter, policy, stats, prefetched, signal });
}

/**
 * Continues a failed or cancelled pull: a new snapshot starts as a copy of everything the old one stored
 * (pages included) and only the missing pages are fetched. The old snapshot is left as it was.
 */
export async function resumePull(fromSnapshotId: string, opts: ResumeOptions): Promise<PullResult> {
  const old = opts.store.get(fromSnapshotId);
  if (old === null) {
    throw new ServiceError('snapshot_not_found', `Snapshot ${fromSnapshotId} does not exist.`, {
      detail: { snapshotId: fromSnapshotId },
    });
  }
  if (old.source !== 'api') {
    throw new ServiceError(
      'snapshot_not_resumable',
      `Snapshot ${fromSnapshotId} was imported from CSV; only pulls can be resumed.`,
      'Import the bundle again.',
    );
  }
  if (old.status !== 'failed' && old.status !== 'cancelled') {
    throw new ServiceError(
      'snapshot_not_resumable',
      `Snapshot ${fromSnapshotId} is ${old.status}; only a failed or cancelled pull can be resumed.`,
      old.status === 'running' ? 'Wait for it to finish or cancel it first.' : 'Start a new pull instead.',
    );
  }
  const previous = requestOf(old);
  const pageSize = old.pageSize ?? previous.pageSize;
  const request: PullRequestFacts = { ...previous, pageSize, resumedFrom: old.id };
  const snapshotId = opts.store.createSnapshot({
    ...metaOf(
      {
        ...opts,
        profileId: old.profileId,
        baseUrl: opts.baseUrl ?? old.baseUrl,
        authKind: opts.authKind ?? old.authKind,
        label: opts.label ?? old.label,
      },
      pageSize,
    ),
    parentSnapshotId: old.parentSnapshotId,
    deltaSince: old.deltaSince,
    providerFacts: { pullRequest: request },
  });
  opts.store.cloneForResume(old.id, snapshotId);
  const signal = opts.signal ?? new AbortController().signal;
  const limiter = new AdaptiveLimiter(clampInt(opts.concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY));
  return runPull({
    opts: { ...opts, profileId: old.profileId, pageSize },
    snapshotId,
    request,
    limiter,
    policy: policyOf(opts),
    stats: { retries: 0, throttled: 0 },
    prefetched: new Map(),
    signal,
  });
}

interface RunArgs {
  opts: PullOptions;
  snapshotId: string;
  request: PullRequestFacts;
  limiter: AdaptiveLimiter;
  policy: PullRun['policy'];
  stats: PullRun['stats'];
  prefetched: Map<PullCollection, Prefetched>;
  signal: AbortSignal;
}

async function runPull(a: RunArgs): Promise<PullResult> {
  const { opts, snapshotId, request, limiter, signal } = a;
  const { store } = opts;
  const started = Date.now();
  const progress = new ProgressTracker(
    snapshotId,
    request.collections,
    () => limiter.concurrency,
    opts.onProgress,
  );
  // One controller for the whole pull: the user's cancel and the first fatal error both stop every request.
  const internal = new AbortController();
  // Every request in flight (and every retry wait) listens to it: far more than Node's default warning level.
  setMaxListeners(LISTENERS, internal.signal);
  const onAbort = (): void => internal.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) internal.abort();
  const run: PullRun = {
    client: opts.client,
    store,
    snapshotId,
    limiter,
    policy: a.policy,
    stats: a.stats,
    signal: internal.signal,
    progress,
    pageSize: request.pageSize,
    filter: request.filter,
    problems: [],
    writes: new PullWrites(store, snapshotId, opts.writeThreadFrom ?? DEFAULT_WRITE_THREAD_FROM),
  };
  const facts = new Map<PullCollection, CollectionFacts>();
  let failure: { collection: PullCollection; error: unknown } | null = null;
  const factsOut = (): PullFacts => ({
    pageSize: request.pageSize,
    concurrency: {
      max: limiter.max,
      lowest: limiter.lowestConcurrency,
      final: limiter.concurrency,
      throttled: a.stats.throttled,
    },
    retries: a.stats.retries,
    collections: Object.fromEntries(facts),
    problems: run.problems,
    delta: request.delta,
    ...(request.resumedFrom !== undefined ? { resumedFrom: request.resumedFrom } : {}),
    durationMs: Date.now() - started,
  });

  try {
    progress.setPhase('pulling');
    await Promise.all(
      largestFirst(request.collections).map(async (c) => {
        try {
          facts.set(c, await pullCollection(run, c, a.prefetched.get(c)));
        } catch (error) {
          if (!internal.signal.aborted) {
            failure ??= { collection: c, error };
            progress.setState(c, 'failed', describe(error));
          }
          internal.abort();
        }
      }),
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  let counted: SnapshotCounted | null = null;
  try {
    // Pages fetched before a cancel or failure are still written: they are whole pages with their ledger rows.
    // A big pull's write thread then counts them, so this thread never scans the snapshot.
    try {
      counted = await run.writes.count();
    } finally {
      await run.writes.close();
    }
  } catch (error) {
    if (failure === null && !signal.aborted) {
      failure = { collection: request.collections[0]!, error };
      progress.setState(failure.collection, 'failed', describe(error));
    }
  }

  let meta: SnapshotMeta;
  if (failure !== null) {
    const { collection, error } = failure;
    const message = `Pulling ${collection} failed: ${describe(error)}`;
    meta = store.fail(
      snapshotId,
      message,
      { pull: { ...factsOut(), error: errorFacts(collection, error) } },
      counted ?? undefined,
    );
    progress.setPhase('failed');
  } else if (signal.aborted) {
    meta = store.cancel(
      snapshotId,
      'Cancelled by the user; the pages already stored are kept, so the pull can be resumed.',
      { pull: factsOut() },
      counted ?? undefined,
    );
    progress.setPhase('cancelled');
  } else {
    progress.setPhase('checking');
    const list = request.collections
      .map((c) => facts.get(c))
      .filter((f): f is CollectionFacts => f !== undefined);
    run.problems.push(
      ...checkArrival(
        list,
        counted?.counts ?? store.counts(snapshotId),
        counted?.issues ?? store.issueCounts(snapshotId),
        { delta: request.delta.used },
      ),
    );
    // Which OneRoster version was read shows on the snapshot, as for CSV bundles (docs/oneroster-dialects.md).
    meta = store.complete(
      snapshotId,
      { pull: factsOut(), onerosterVersion: restVersionOf(opts.client.baseUrl) },
      counted ?? undefined,
    );
    progress.setPhase('complete');
  }
  progress.flush();
  return {
    snapshotId,
    status: meta.status === 'running' ? 'failed' : meta.status,
    counts: meta.counts ?? store.counts(snapshotId),
    issues: meta.issueCounts ?? store.issueCounts(snapshotId),
    error: meta.error,
    facts: factsOut(),
  };
}

/**
 * The order collections ask for their first page (the shared limiter serves requests in order): the usually
 * largest first, so a big pull learns it is big (X-Total-Count) and starts its parse and write threads before
 * the small collections' first pages arrive, which are then not read on the calling thread either.
 */
const START_ORDER: readonly PullCollection[] = [
  'enrollments',
  'users',
  'classes',
  'demographics',
  'courses',
  'academicSessions',
  'orgs',
];

function largestFirst(collections: readonly PullCollection[]): PullCollection[] {
  const rank = (c: PullCollection): number => {
    const i = START_ORDER.indexOf(c);
    return i < 0 ? START_ORDER.length : i;
  };
  return [...collections].sort((a, b) => rank(a) - rank(b));
}

function describe(error: unknown): string {
  if (isOneRosterError(error) || error instanceof ServiceError) {
    return error.hint ? `${error.message} ${error.hint}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function errorFacts(collection: PullCollection, error: unknown): Record<string, unknown> {
  if (isOneRosterError(error)) {
    const facts = oneRosterFacts(error);
    return {
      collection,
      code: error.code,
      status: facts?.status ?? null,
      message: error.message,
      hint: error.hint,
      url: facts?.url ?? null,
    };
  }
  if (error instanceof ServiceError)
    return { collection, code: error.code, message: error.message, hint: error.hint ?? null };
  return { collection, code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function requestOf(meta: SnapshotMeta): PullRequestFacts {
  const r = meta.providerFacts.pullRequest as Partial<PullRequestFacts> | undefined;
  return {
    collections: r?.collections ?? [...SNAPSHOT_COLLECTIONS],
    pageSize: r?.pageSize ?? meta.pageSize ?? DEFAULT_PAGE_SIZE,
    filter: r?.filter ?? null,
    delta: r?.delta ?? { requested: false, used: false, parentSnapshotId: null, since: null },
  };
}

function metaOf(
  opts: Pick<PullOptions, 'profileId' | 'baseUrl' | 'authKind' | 'label'>,
  pageSize: number,
): NewSnapshot {
  return {
    source: 'api',
    profileId: opts.profileId,
    label: opts.label ?? '',
    baseUrl: opts.baseUrl ?? null,
    authKind: opts.authKind ?? null,
    pageSize,
  };
}

function policyOf(opts: Pick<PullOptions, 'maxRetries' | 'retryBaseMs'>): PullRun['policy'] {
  return { maxRetries: opts.maxRetries ?? 8, retryBaseMs: opts.retryBaseMs ?? 250, maxDelayMs: 30_000 };
}

function clampInt(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));
}
