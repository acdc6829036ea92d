import { z } from 'zod';
import { channel } from '../define';
import { PullProgressEvent } from '../../pull/progress';
import { SnapshotResult } from '../../snapshots/result';

const ProfileId = z.string().min(1).max(100);
const SnapshotId = z.string().min(1).max(100);

/** Progress of a pull job (`job:event` with kind 'pull'): the engine's event, the whole picture each time. */
export const PullJobEvent = PullProgressEvent;
export type PullJobEvent = PullProgressEvent;

/** The result of a pull job (`job:done` with kind 'pull'): the snapshot's outcome plus what the UI explains. */
export const PullJobResult = SnapshotResult.extend({
  /** Set when a delta pull was asked for. */
  delta: z
    .object({
      used: z.boolean(),
      since: z.string().nullable(),
      /** Why a requested delta became a full pull (plain language). */
      fallbackReason: z.string().optional(),
    })
    .nullable(),
  /** Plain-language notes about the provider's data or paging (totals that did not match, clamped pages…). */
  notes: z.array(z.string()),
  /** Records the provider sent for this snapshot, duplicates included (for a delta pull: only the changes). */
  received: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type PullJobResult = z.infer<typeof PullJobResult>;

export const pullChannels = {
  /** Starts a pull of the district into a new snapshot; progress arrives as `job:event`, the result as `job:done`. */
  'pull:start': channel(
    z.object({ profileId: ProfileId, delta: z.boolean().default(false) }),
    z.object({ jobId: z.string() }),
  ),
  /** Continues a failed or cancelled pull in a new snapshot (only the missing pages are fetched). */
  'pull:resume': channel(z.object({ snapshotId: SnapshotId }), z.object({ jobId: z.string() })),
  /** The pull job running for this district, if any (so a reopened window can follow it again). */
  'pull:active': channel(z.object({ profileId: ProfileId }), z.object({ jobId: z.string().nullable() })),
};
