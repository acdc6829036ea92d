import { z } from 'zod';
import { channel } from '../define';
import { SnapshotCollection } from '../../snapshots/collections';
import { ChangeKind, ChangePage, SnapshotDiff } from '../../snapshots/diff';
import { ImportResult } from '../../snapshots/result';
import { SnapshotList, SnapshotMeta } from '../../snapshots/snapshot';

const ProfileId = z.string().min(1).max(100);
const SnapshotId = z.string().min(1).max(100);

/** Progress of a CSV import job (`job:event` with kind 'import'). */
export const ImportJobEvent = z.object({
  type: z.literal('import:progress'),
  file: z.string(),
  collection: SnapshotCollection,
  /** Data rows read so far in this file. */
  rows: z.number().int().nonnegative(),
  /** Bytes read so far over the whole bundle, and its uncompressed size. */
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
});
export type ImportJobEvent = z.infer<typeof ImportJobEvent>;

/** The result of a CSV import job (`job:done` with kind 'import'). */
export const ImportJobResult = ImportResult;
export type ImportJobResult = ImportResult;

export const BundleKind = z.enum(['zip', 'folder']);
export type BundleKind = z.infer<typeof BundleKind>;

export const snapshotChannels = {
  /** Newest first; every snapshot of the district, or of every district when profileId is omitted. */
  'snapshots:list': channel(
    z.object({ profileId: ProfileId.optional() }).strict(),
    z.object({ snapshots: SnapshotList }),
  ),
  'snapshots:get': channel(z.object({ id: SnapshotId }), SnapshotMeta),
  /** Deletes a finished snapshot and all its records (explicit user action). */
  'snapshots:delete': channel(z.object({ id: SnapshotId }), z.object({ deleted: z.literal(true) })),
  /**
   * Imports a OneRoster CSV bundle as a snapshot of the district. `path` must come from `dialog:openCsvBundle`
   * in this app run: the renderer never names arbitrary files on disk.
   */
  'snapshots:importCsv': channel(
    z.object({ profileId: ProfileId, path: z.string().min(1).max(4096) }),
    z.object({ jobId: z.string() }),
  ),
  /**
   * Compares two complete snapshots (`a` before, `b` after): counts per collection, and with `collection`
   * one page of its added/removed/changed records with the fields that changed.
   */
  'snapshots:diff': channel(
    z.object({
      a: SnapshotId,
      b: SnapshotId,
      collection: SnapshotCollection.optional(),
      change: ChangeKind.optional(),
      offset: z.number().int().nonnegative().max(100_000_000).default(0),
      limit: z.number().int().positive().max(200).default(50),
    }),
    z.object({ diff: SnapshotDiff, page: ChangePage.nullable() }),
  ),
  /** The native "open" dialog for a CSV bundle (a zip file or a folder); null when the user cancels. */
  'dialog:openCsvBundle': channel(
    z.object({ kind: BundleKind.default('zip') }),
    z.object({ path: z.string().nullable() }),
  ),
};
