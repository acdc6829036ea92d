import { userInfo } from 'node:os';
import type { RuleChange } from '../../../../shared/ipc/channels/settings';
import { DEFAULT_MAPPING_OPTIONS, type RuleSettings } from '../../../../shared/mapping/options';
import type { EvaluationCache } from '../../../services/evaluate-cache';
import { MappingPreview } from '../../../services/evaluate/mapping-preview';
import { parseMappingOptions } from '../../../services/settings';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { EvaluationSession } from '../../../services/evaluate/session';
import { requireProfile } from './profiles';

export interface SettingsHandlerOptions {
  /** Who acknowledges a blocker: the OS user running the app (tests may pass a fixed name). */
  whoAmI?: () => string;
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

export function settingsHandlers(
  services: HandlerServices,
  cache: EvaluationCache,
  evaluator: EvaluationSession,
  options: SettingsHandlerOptions = {},
): HandlerGroup<
  | 'settings:getMapping'
  | 'settings:setMapping'
  | 'settings:previewMapping'
  | 'settings:getRules'
  | 'settings:setRules'
> {
  const whoAmI = options.whoAmI ?? osUserName;
  const preview = new MappingPreview(services, cache);

  const audit = (reason: string | undefined) => (reason === undefined ? undefined : { reason, by: whoAmI() });

  async function applyChange(profileId: string, change: RuleChange): Promise<RuleSettings> {
    const store = services.settings;
    switch (change.kind) {
      case 'severity':
        return store.setSeverity(profileId, change.ruleId, change.severity, audit(change.reason));
      case 'mute':
        return store.setMuted(profileId, change.ruleId, change.muted, audit(change.reason));
      case 'acknowledge':
        return store.acknowledge(profileId, {
          ruleId: change.ruleId,
          entityType: change.entityType,
          sourcedId: change.sourcedId,
          reason: change.reason,
          by: whoAmI(),
        });
      case 'unacknowledge':
        return store.unacknowledge(profileId, change);
    }
  }

  return {
    'settings:getMapping': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return { options: services.settings.getMapping(profileId), defaults: DEFAULT_MAPPING_OPTIONS };
    },
    'settings:setMapping': async ({ profileId, options: proposed }) => {
      await requireProfile(services, profileId);
      const saved = await services.settings.setMapping(profileId, proposed);
      const hasSnapshot = services.snapshots.latestComplete(profileId) !== null;
      const evaluated = cache.latest(profileId);
      // Re-plan what the user looks at: the evaluated snapshot, else the newest.
      const job = hasSnapshot ? await evaluator.start(profileId, evaluated?.snapshotId) : null;
      return { options: saved, jobId: job?.jobId ?? null };
    },
    'settings:previewMapping': async ({ profileId, options: proposedInput }) => {
      await requireProfile(services, profileId);
      const proposed = parseMappingOptions(proposedInput);
      return preview.preview(profileId, services.settings.getMapping(profileId), proposed);
    },
    'settings:getRules': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return services.settings.getRules(profileId);
    },
    'settings:setRules': async ({ profileId, change }) => {
      await requireProfile(services, profileId);
      const rules = await applyChange(profileId, change);
      cache.applySettings(profileId, rules);
      return rules;
    },
  };
}
