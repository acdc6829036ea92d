import { z } from 'zod';
import { CollectionCounts } from './collections';
import { SnapshotIssues } from './result';

/** Snapshot metadata as the store returns it and as it crosses IPC (list and detail views). */

export const SnapshotStatus = z.enum(['running', 'complete', 'failed', 'cancelled']);
export type SnapshotStatus = z.infer<typeof SnapshotStatus>;

export const SnapshotSource = z.enum(['api', 'csv']);
export type SnapshotSource = z.infer<typeof SnapshotSource>;

export const SnapshotMeta = z.object({
  id: z.string(),
  profileId: z.string().nullable(),
  source: SnapshotSource,
  label: z.string(),
  status: SnapshotStatus,
  /** ISO 8601 UTC. */
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  baseUrl: z.string().nullable(),
  authKind: z.string().nullable(),
  pageSize: z.number().int().positive().nullable(),
  /** What the pull or import learned about the source: envelope quirks, clamped limits, totals, CSV manifest… */
  providerFacts: z.record(z.string(), z.unknown()),
  /** Stored records per collection; null until the snapshot is finished. */
  counts: CollectionCounts.nullable(),
  issueCounts: SnapshotIssues.nullable(),
  /** Plain-language reason for failed/cancelled snapshots ('interrupted' after a crash). */
  error: z.string().nullable(),
  /** Delta pulls start from a copy of this snapshot. */
  parentSnapshotId: z.string().nullable(),
  deltaSince: z.string().nullable(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

/** The list view does not need the provider facts. */
export const SnapshotListItem = SnapshotMeta.omit({ providerFacts: true });
export type SnapshotListItem = z.infer<typeof SnapshotListItem>;

export const SnapshotList = z.array(SnapshotListItem);
export type SnapshotList = z.infer<typeof SnapshotList>;
