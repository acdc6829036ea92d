import type { PullCollection, PullProgressEvent } from '../../../shared/pull/progress';
import type { SnapshotResult } from '../../../shared/snapshots/result';
import type { OneRosterClient } from '../oneroster/client';
import type { SnapshotStore } from '../snapshots/store';

/** Defaults chosen for real providers: Infinite Campus asks for ≤5 concurrent requests, ClassLink pages of 1000. */
export const DEFAULT_PAGE_SIZE = 1000;
/** Pulls expected to hold this many records or more write through a worker thread (see writeThreadFrom). */
export const DEFAULT_WRITE_THREAD_FROM = 20_000;
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 32;
/** Delta pulls ask for records modified since the last pull's newest record minus this, to survive clock skew. */
export const DEFAULT_DELTA_OVERLAP_MS = 60 * 60 * 1000;

export interface PullOptions {
  store: SnapshotStore;
  /** Build it with `concurrency` ≥ the pull's: its own cap applies too (see createPullClient). */
  client: OneRosterClient;
  /** The district profile the snapshot belongs to (null for ad-hoc CLI pulls). */
  profileId: string | null;
  /** Default: every collection; demographics are skipped when the provider does not offer them. */
  collections?: readonly PullCollection[];
  pageSize?: number;
  /** Requests in flight across all collections; lowered automatically on HTTP 429. */
  concurrency?: number;
  /** Start from the newest complete snapshot of the profile and fetch only what changed since. */
  delta?: boolean;
  deltaOverlapMs?: number;
  signal?: AbortSignal;
  onProgress?: (event: PullProgressEvent) => void;
  /** Recorded with the snapshot (never a secret). */
  baseUrl?: string | null;
  authKind?: string | null;
  label?: string;
  /** Retries per page for 429, 5xx, resets and timeouts (the pull's own, with backoff). Default 8. */
  maxRetries?: number;
  /** Backoff base for those retries, default 250 ms. */
  retryBaseMs?: number;
  /**
   * Pulls expected to hold at least this many records write through a worker thread (HTTP and SQLite on
   * two cores, the calling thread never blocked by a page write); smaller ones write in-process.
   * Default DEFAULT_WRITE_THREAD_FROM; 0 always uses the thread, Infinity never.
   */
  writeThreadFrom?: number;
}

export type ResumeOptions = Omit<PullOptions, 'profileId' | 'delta' | 'deltaOverlapMs' | 'collections'>;

/** Something a pull noticed about the provider's data or paging; kept in the snapshot's provider facts. */
export interface PullProblem {
  code:
    | 'total_mismatch'
    | 'empty_collection'
    | 'collection_unavailable'
    | 'malformed_page'
    | 'offset_ignored'
    | 'limit_clamped'
    | 'limit_ignored'
    | 'total_changed'
    | 'delta_filter_rejected'
    | 'envelope_quirk';
  collection?: PullCollection;
  message: string;
}

/** What the pull learned about one collection. */
export interface CollectionFacts {
  collection: PullCollection;
  state: 'done' | 'skipped';
  /** X-Total-Count of the first page (null when not sent). */
  totalCount: number | null;
  /** Records the provider sent over all pages (duplicates and unreadable records included). */
  received: number;
  pages: number;
  mode: 'parallel' | 'sequential';
  /** Records per request actually served (less than asked when the server clamps `limit`). */
  pageStep: number;
  quirks: string[];
  /** HTTP status when skipped (403/404 on an optional collection). */
  skippedStatus?: number;
}

export interface DeltaInfo {
  requested: boolean;
  /** True when this snapshot is previous + changes; false when it fell back to a full pull. */
  used: boolean;
  parentSnapshotId: string | null;
  since: string | null;
  /** Why a requested delta became a full pull. */
  fallbackReason?: string;
}

export interface PullFacts {
  pageSize: number;
  concurrency: { max: number; lowest: number; final: number; throttled: number };
  retries: number;
  collections: Partial<Record<PullCollection, CollectionFacts>>;
  problems: PullProblem[];
  delta: DeltaInfo;
  resumedFrom?: string;
  durationMs: number;
}

/** The shared snapshot result plus what only a pull knows. */
export interface PullResult extends SnapshotResult {
  facts: PullFacts;
}
