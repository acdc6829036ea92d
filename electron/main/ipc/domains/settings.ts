import { userInfo } from 'node:os';
import type { PlanCountsView } from '../../../../shared/findings/views';
import type { RuleChange } from '../../../../shared/ipc/channels/settings';
import { ServiceError } from '../../../../shared/errors';
import {
  DEFAULT_MAPPING_OPTIONS,
  type MappingOptions,
  type RuleSettings,
} from '../../../../shared/mapping/options';
import type { EvaluationCache } from '../../../services/evaluate-cache';
import { planCountsInWorker } from '../../../services/evaluate/plan-thread';
import { parseMappingOptions } from '../../../services/settings';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { EvaluationSession } from '../../../services/evaluate/session';
import { requireProfile } from './profiles';

/** Plans kept for previews (per snapshot + options): toggling an option back and forth must not re-plan. */
const PREVIEW_CACHE_SIZE = 12;

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

/** Option keys (roleMap.* dotted) whose values differ. */
export function changedOptions(a: MappingOptions, b: MappingOptions): string[] {
  const out: string[] = [];
  for (const key of Object.keys(a) as Array<keyof MappingOptions>) {
    if (key === 'roleMap') {
      for (const role of Object.keys(a.roleMap) as Array<keyof MappingOptions['roleMap']>) {
        if (a.roleMap[role] !== b.roleMap[role]) out.push(`roleMap.${role}`);
      }
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  }
  return out;
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
  const previews = new Map<string, Promise<PlanCountsView>>();

  /** Planned in a worker thread (a large district takes seconds): the main thread only awaits the counts. */
  function countsFor(snapshotId: string, opts: MappingOptions): Promise<PlanCountsView> {
    const key = `${snapshotId}\u0000${JSON.stringify(opts)}`;
    const hit = previews.get(key);
    if (hit) return hit;
    const counts = planCountsInWorker(services.snapshots.dbPath, snapshotId, opts);
    counts.catch(() => previews.delete(key));
    previews.set(key, counts);
    if (previews.size > PREVIEW_CACHE_SIZE) previews.delete(previews.keys().next().value as string);
    return counts;
  }

  /** The snapshot a preview plans: the district's evaluated one (what Findings shows), else its newest. */
  function previewSnapshot(profileId: string): string {
    const view = cache.latest(profileId);
    if (view && services.snapshots.get(view.snapshotId) !== null) return view.snapshotId;
    const latest = services.snapshots.latestComplete(profileId);
    if (!latest) {
      throw new ServiceError(
        'no_snapshot',
        'There is no snapshot to preview the mapping on yet.',
        'Pull the district first; the preview then shows what each option changes.',
      );
    }
    return latest.id;
  }

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
      const current = services.settings.getMapping(profileId);
      const snapshotId = previewSnapshot(profileId);
      const view = cache.get(profileId, snapshotId);
      const currentCounts =
        view && changedOptions(view.input.options, current).length === 0
          ? view.input.plan.counts
          : await countsFor(snapshotId, current);
      const changed = changedOptions(current, proposed);
      return {
        snapshotId,
        current: currentCounts,
        proposed: changed.length === 0 ? currentCounts : await countsFor(snapshotId, proposed),
        changed,
      };
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
