import { z } from 'zod';
import { channel } from '../define';
import { EntityRef } from '../../rules/finding';
import {
  FindingRow,
  FindingsPage,
  FindingsQuery,
  FindingsSummary,
  LatestSnapshot,
  RecordView,
} from '../../findings/views';

/** The findings grid and detail panel; the shapes are in shared/findings/views.ts. */

const ProfileId = z.string().min(1).max(100);
const SnapshotId = z.string().min(1).max(100);

export const findingChannels = {
  /** One window of findings (sorted, filtered, optionally grouped), with facet counts. */
  'findings:query': channel(FindingsQuery, FindingsPage),
  /**
   * The evaluation summary for the snapshot (default: the most recent evaluation of the district), or null
   * when nothing is evaluated yet; `latestSnapshot` is the newest complete snapshot, to offer "evaluate it".
   */
  'findings:summary': channel(
    z.object({ profileId: ProfileId, snapshotId: SnapshotId.optional() }),
    z.object({ summary: FindingsSummary.nullable(), latestSnapshot: LatestSnapshot.nullable() }),
  ),
  /** One finding with its record and its related records, for the detail panel. */
  'findings:detail': channel(
    z.object({
      profileId: ProfileId,
      snapshotId: SnapshotId,
      ref: EntityRef.extend({ ruleId: z.string().max(64) }),
    }),
    z.object({ finding: FindingRow, record: RecordView, related: z.array(RecordView) }),
  ),
};
