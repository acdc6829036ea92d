import { z } from 'zod';
import { channel } from '../define';
import { FindingCounts, Verdict } from '../../rules/finding';

const ProfileId = z.string().min(1).max(100);
const SnapshotId = z.string().min(1).max(100);

/** Progress of an evaluation job (`job:event` with kind 'evaluate'): which phase, and how far it is. */
export const EvaluateJobEvent = z.object({
  type: z.literal('evaluate:progress'),
  /** e.g. 'load', 'plan', 'rules', 'index'. */
  phase: z.string(),
  /** Plain-language line for the UI ("Checking rules: users"). */
  label: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type EvaluateJobEvent = z.infer<typeof EvaluateJobEvent>;

/** The result of an evaluation job (`job:done` with kind 'evaluate'); the details come from `findings:*`. */
export const EvaluateJobResult = z.object({
  profileId: z.string(),
  snapshotId: z.string(),
  evaluationId: z.string(),
  verdict: Verdict,
  counts: FindingCounts,
  durationMs: z.number().nonnegative(),
});
export type EvaluateJobResult = z.infer<typeof EvaluateJobResult>;

export const evaluateChannels = {
  /** Plans and evaluates a complete snapshot (default: the district's newest); the summary arrives as `job:done`. */
  'evaluate:start': channel(
    z.object({ profileId: ProfileId, snapshotId: SnapshotId.optional() }),
    z.object({ jobId: z.string(), snapshotId: z.string() }),
  ),
  /** The evaluation job running for this district, if any (so a reopened screen can follow it again). */
  'evaluate:active': channel(z.object({ profileId: ProfileId }), z.object({ jobId: z.string().nullable() })),
};
