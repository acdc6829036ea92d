import { z } from 'zod';
import { channel } from '../define';
import { MappingOptions, RuleSettings } from '../../mapping/options';
import { RULES_BY_ID } from '../../rules/catalog';
import { EntityType, Severity } from '../../rules/finding';
import { PlanCountsView } from '../../findings/views';

const ProfileId = z.string().min(1).max(100);
const RuleId = z
  .string()
  .max(64)
  .refine((id) => RULES_BY_ID.has(id), { message: 'Unknown rule id' });

const DowngradeReason = z
  .string()
  .max(500, 'Keep the reason under 500 characters')
  .refine((r) => r.trim().length > 0, 'Say why this rule may stop blocking the sync');

/**
 * One change to a district's rule settings; main adds who and when (the OS user name, never typed by the UI).
 * Lowering or muting a blocker rule needs `reason` (the settings service refuses it otherwise).
 */
export const RuleChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('severity'),
    ruleId: RuleId,
    severity: Severity.nullable(),
    reason: DowngradeReason.optional(),
  }),
  z.object({
    kind: z.literal('mute'),
    ruleId: RuleId,
    muted: z.boolean(),
    reason: DowngradeReason.optional(),
  }),
  z.object({
    kind: z.literal('acknowledge'),
    ruleId: RuleId,
    entityType: EntityType,
    sourcedId: z.string().min(1).max(1000),
    reason: z
      .string()
      .max(500, 'Keep the reason under 500 characters')
      .refine((r) => r.trim().length > 0, 'Say why this blocker is acceptable'),
  }),
  z.object({
    kind: z.literal('unacknowledge'),
    ruleId: RuleId,
    entityType: EntityType,
    sourcedId: z.string().min(1).max(1000),
  }),
]);
export type RuleChange = z.infer<typeof RuleChange>;

export const MappingPreview = z.object({
  snapshotId: z.string(),
  /** Plan counts under the saved options, and under the proposed ones. */
  current: PlanCountsView,
  proposed: PlanCountsView,
  /** Option keys (dotted for roleMap) that differ from the saved options. */
  changed: z.array(z.string()),
});
export type MappingPreview = z.infer<typeof MappingPreview>;

export const settingsChannels = {
  'settings:getMapping': channel(
    z.object({ profileId: ProfileId }),
    z.object({ options: MappingOptions, defaults: MappingOptions }),
  ),
  /** Saves the district's mapping options; when it has a complete snapshot, re-evaluates it (`jobId`). */
  'settings:setMapping': channel(
    z.object({ profileId: ProfileId, options: MappingOptions }),
    z.object({ options: MappingOptions, jobId: z.string().nullable() }),
  ),
  /** What the proposed options would change: plan counts per Canvas type, saved vs proposed (nothing saved). */
  'settings:previewMapping': channel(
    z.object({ profileId: ProfileId, options: MappingOptions }),
    MappingPreview,
  ),
  'settings:getRules': channel(z.object({ profileId: ProfileId }), RuleSettings),
  /** Applies one change; the district's evaluations reflect it at once (no re-evaluation needed). */
  'settings:setRules': channel(z.object({ profileId: ProfileId, change: RuleChange }), RuleSettings),
};
