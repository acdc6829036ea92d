import { z } from 'zod';
import { channel } from '../define';
import { VerifyReport } from '../../verify/report';

const ProfileId = z.string().min(1).max(100);

export const verifyChannels = {
  /** Starts a verification job; progress arrives as `job:event`, the report as `job:done`. */
  'verify:start': channel(z.object({ profileId: ProfileId }), z.object({ jobId: z.string() })),
  /** The last finished report for this profile (kept across restarts), or null. */
  'verify:last': channel(z.object({ profileId: ProfileId }), VerifyReport.nullable()),
};
