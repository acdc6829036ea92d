import { z } from 'zod';
import { channel, NoInput } from '../define';
import { BaselineMeta, BaselineProblem } from '../../canvas/baseline';

const ProfileId = z.string().min(1).max(100);
const BaselineId = z.string().min(1).max(100);

/** Where a fetch reads Canvas: the read APIs page by page, or the provisioning report Canvas builds. */
export const BaselineVia = z.enum(['api', 'report']);
export type BaselineVia = z.infer<typeof BaselineVia>;

/** Progress of a baseline job (`job:event` with kind 'baseline'): fetch via API/report, or a zip import. */
export const BaselineJobEvent = z.object({
  type: z.literal('baseline:progress'),
  /** e.g. 'users', 'report', 'download', 'import'. */
  phase: z.string(),
  /** Plain-language line for the UI ("Reading users from Canvas…"). */
  label: z.string(),
  /** Rows stored so far over every type. */
  rows: z.number().int().nonnegative(),
  /** 0–100 when the source says how far it is (Canvas report progress), else null. */
  percent: z.number().min(0).max(100).nullable(),
});
export type BaselineJobEvent = z.infer<typeof BaselineJobEvent>;

/** The result of a baseline job (`job:done` with kind 'baseline'). */
export const BaselineJobResult = z.object({
  baseline: BaselineMeta,
  /** Report rows that were skipped or odd (first 50), and how many there were in all. */
  problems: z.array(BaselineProblem),
  problemCount: z.number().int().nonnegative(),
});
export type BaselineJobResult = z.infer<typeof BaselineJobResult>;

export const baselineChannels = {
  /**
   * Fetches what the district's Canvas holds today into a new baseline (profile Canvas URL + keychain token);
   * progress arrives as `job:event`, the result as `job:done`; cancel with `jobs:cancel`.
   */
  'baseline:fetch': channel(
    z.object({ profileId: ProfileId, via: BaselineVia.default('api') }),
    z.object({ jobId: z.string() }),
  ),
  /** Imports a provisioning report zip chosen with `dialog:openBaselineZip` in this app run (same job kind). */
  'baseline:importZip': channel(
    z.object({ profileId: ProfileId, path: z.string().min(1).max(4096) }),
    z.object({ jobId: z.string() }),
  ),
  /** The baseline job running for this district, if any. */
  'baseline:active': channel(z.object({ profileId: ProfileId }), z.object({ jobId: z.string().nullable() })),
  /** The district's baselines, newest first. */
  'baseline:list': channel(
    z.object({ profileId: ProfileId }),
    z.object({ baselines: z.array(BaselineMeta) }),
  ),
  /** Deletes a baseline and its rows (explicit user action). */
  'baseline:delete': channel(z.object({ id: BaselineId }), z.object({ deleted: z.literal(true) })),
  /** The native "open" dialog for a provisioning report (.zip or .csv); null when the user cancels. */
  'dialog:openBaselineZip': channel(NoInput, z.object({ path: z.string().nullable() })),
};
