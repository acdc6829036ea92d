import { z } from 'zod';
import { channel, IpcError } from '../define';

export const JobKind = z.string().min(1).max(50);

export const jobChannels = {
  /** Cancels a running job; `cancelled: false` when it had already finished. */
  'jobs:cancel': channel(
    z.object({ jobId: z.string().min(1).max(100) }),
    z.object({ cancelled: z.boolean() }),
  ),
};

/** Main → renderer: one progress event of a running job (its shape depends on `kind`, e.g. VerifyEvent). */
export const JobEventMessage = z.object({
  type: z.literal('job:event'),
  jobId: z.string(),
  kind: JobKind,
  event: z.unknown(),
});
export type JobEventMessage = z.infer<typeof JobEventMessage>;

/** Main → renderer: a job finished (ok with its result, or with an error; cancelled jobs end with code 'cancelled'). */
export const JobDoneMessage = z.object({
  type: z.literal('job:done'),
  jobId: z.string(),
  kind: JobKind,
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: IpcError.optional(),
});
export type JobDoneMessage = z.infer<typeof JobDoneMessage>;
