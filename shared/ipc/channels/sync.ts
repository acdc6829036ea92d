import { z } from 'zod';
import { channel } from '../define';
import { Verdict } from '../../rules/finding';
import { ImportMode } from '../../sync/import-mode';
import { SyncHistoryEntry, SyncProgress, SyncRefusal, SyncSimulation } from '../../sync/types';
import { GuardRailCheck, SyncPrediction } from '../../sync/guard-rails';

const ProfileId = z.string().min(1).max(100);
const EntryId = z.string().min(1).max(100);

/** Progress of a sync job (`job:event` with kind 'sync'): Canvas's state, the whole picture each time. */
export const SyncJobEvent = SyncProgress;
export type SyncJobEvent = SyncProgress;

/** The result of a sync job (`job:done` with kind 'sync'): the history entry, finished. */
export const SyncJobResult = z.object({ entry: SyncHistoryEntry });
export type SyncJobResult = z.infer<typeof SyncJobResult>;

/** The district's Canvas connection as the Sync screen may see it: never the token, only whether one is stored. */
export const SyncCanvasView = z.object({
  baseUrl: z.string(),
  rootAccountId: z.string(),
  tokenStored: z.boolean(),
});

/** What the Sync screen needs before anything is sent: the guard rails and what would be sent. */
export const SyncPreflight = z.object({
  districtName: z.string(),
  /** null: no Canvas settings on the profile (the screen links to Districts). */
  canvas: SyncCanvasView.nullable(),
  /** The district's saved import mode (shared with the Conversion screen's simulation). */
  importMode: ImportMode,
  evaluation: z
    .object({
      snapshotId: z.string(),
      snapshotLabel: z.string(),
      evaluatedAt: z.string(),
      verdict: Verdict,
      openBlockers: z.number().int(),
      acknowledgedBlockers: z.number().int(),
    })
    .nullable(),
  /** Canvas terms the plan creates (for batch mode's term), id + name. */
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Every reason the sync would be refused now, except the typed confirmation (empty = allowed). */
  refusals: z.array(SyncRefusal),
  /** The guard-rail checklist for the saved import mode (the same list `preflight sync` prints). */
  checks: z.array(GuardRailCheck),
  /** The sync job this window can follow (running, or resumed after a restart). */
  activeJobId: z.string().nullable(),
});
export type SyncPreflight = z.infer<typeof SyncPreflight>;

export const syncChannels = {
  /** Guard rails and context for the Sync screen (no confirmation checked here). */
  'sync:preflight': channel(z.object({ profileId: ProfileId }), SyncPreflight),
  /**
   * What the import would do under `importMode`, per type and term (from the conversion when a Canvas baseline
   * exists, else from the plan). `save` makes it the district's import mode.
   */
  'sync:simulate': channel(
    z.object({
      profileId: ProfileId,
      importMode: ImportMode,
      save: z.boolean().default(true),
      allowPendingRemaps: z.boolean().default(false),
    }),
    SyncSimulation.extend({
      /** The checklist for exactly this import mode (what `sync:start` checks again). */
      checks: z.array(GuardRailCheck),
      refusals: z.array(SyncRefusal),
      /** Predicted Canvas counts and the rows Canvas is predicted to skip (shown before sending). */
      prediction: SyncPrediction,
    }),
  ),
  /**
   * Starts the sync: the guard rails are checked again here, including `confirmName` against the district name.
   * Progress arrives as `job:event` (SyncProgress), the result as `job:done` (SyncJobResult).
   */
  'sync:start': channel(
    z.object({
      profileId: ProfileId,
      importMode: ImportMode,
      confirmName: z.string().max(200),
      /** The user chose to send with undecided remaps / unacknowledged ambiguous matches (their rows are skipped). */
      allowPendingRemaps: z.boolean().default(false),
    }),
    z.object({ jobId: z.string() }),
  ),
  /** Aborts the running sync (Canvas is asked to abort the import too); false when none is running. */
  'sync:abort': channel(z.object({ profileId: ProfileId }), z.object({ aborting: z.boolean() })),
  /** Follows an import that was sent but whose outcome is not known (e.g. the network dropped while polling). */
  'sync:resume': channel(z.object({ profileId: ProfileId }), z.object({ jobId: z.string() })),
  /** The running sync job, if any, and the newest unfinished import. */
  'sync:status': channel(
    z.object({ profileId: ProfileId }),
    z.object({ jobId: z.string().nullable(), unfinished: SyncHistoryEntry.nullable() }),
  ),
  /** Every sync of the district, newest first. */
  'sync:history': channel(
    z.object({ profileId: ProfileId }),
    z.object({ entries: z.array(SyncHistoryEntry) }),
  ),
  /**
   * Downloads Canvas's error file of a finished sync into a folder picked with `dialog:chooseFolder` in this run.
   */
  'sync:saveErrorFile': channel(
    z.object({ profileId: ProfileId, entryId: EntryId, outDir: z.string().min(1).max(4096) }),
    z.object({ path: z.string(), name: z.string() }),
  ),
};
