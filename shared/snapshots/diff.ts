import { z } from 'zod';
import { SnapshotCollection } from './collections';

/** Snapshot comparison (what changed since the last pull), as it crosses IPC. */

export const ChangeCounts = z.object({
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** Same sourcedId, different normalised content (dateLastModified alone does not count). */
  changed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type ChangeCounts = z.infer<typeof ChangeCounts>;

export const SnapshotDiff = z.object({
  /** The older snapshot (before) and the newer one (after). */
  from: z.string(),
  to: z.string(),
  collections: z.object({
    orgs: ChangeCounts,
    academicSessions: ChangeCounts,
    courses: ChangeCounts,
    classes: ChangeCounts,
    users: ChangeCounts,
    enrollments: ChangeCounts,
    demographics: ChangeCounts,
  }),
});
export type SnapshotDiff = z.infer<typeof SnapshotDiff>;

export const ChangeKind = z.enum(['added', 'removed', 'changed']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const ChangedRecord = z.object({
  sourcedId: z.string(),
  change: ChangeKind,
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** Only for 'changed': the normalised fields that differ. */
  fields: z.array(FieldChange),
});
export type ChangedRecord = z.infer<typeof ChangedRecord>;

export const ChangePageRequest = z.object({
  from: z.string(),
  to: z.string(),
  collection: SnapshotCollection,
  /** Omit for all three kinds. */
  change: ChangeKind.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(1000).default(100),
});
export type ChangePageRequest = z.input<typeof ChangePageRequest>;

export const ChangePage = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(ChangedRecord),
});
export type ChangePage = z.infer<typeof ChangePage>;
