import { z } from 'zod';
import { SnapshotCollection } from '../snapshots/collections';

/**
 * Progress of a pull, as the main process streams it to the renderer (job events) and the CLI prints it.
 * One event carries the whole picture (overall + every collection), so a consumer that drops events
 * (throttling, a slow renderer) still shows the right numbers.
 */

export const PullCollection = SnapshotCollection;
export type PullCollection = SnapshotCollection;

export const PullPhase = z.enum(['starting', 'pulling', 'checking', 'complete', 'failed', 'cancelled']);
export type PullPhase = z.infer<typeof PullPhase>;

export const CollectionState = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export type CollectionState = z.infer<typeof CollectionState>;

export const CollectionProgress = z.object({
  collection: PullCollection,
  state: CollectionState,
  /** Records stored so far in this pull (duplicates included, they are de-duplicated by the store). */
  records: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** X-Total-Count of the first page; null when the provider does not send it. */
  totalRecords: z.number().int().nonnegative().nullable(),
  totalPages: z.number().int().nonnegative().nullable(),
  /** Records per second over the last few seconds. */
  rate: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** Why a collection was skipped or failed (plain language). */
  note: z.string().optional(),
});
export type CollectionProgress = z.infer<typeof CollectionProgress>;

export const PullProgressEvent = z.object({
  type: z.literal('pull:progress'),
  snapshotId: z.string(),
  phase: PullPhase,
  /** Records stored so far, all collections. */
  done: z.number().int().nonnegative(),
  /** Sum of the known totals; null until every running collection has one. */
  total: z.number().int().nonnegative().nullable(),
  rate: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** Requests allowed in flight right now (lowered when the provider answers 429). */
  concurrency: z.number().int().positive(),
  elapsedMs: z.number().nonnegative(),
  collections: z.array(CollectionProgress),
});
export type PullProgressEvent = z.infer<typeof PullProgressEvent>;
