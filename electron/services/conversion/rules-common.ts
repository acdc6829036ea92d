import type { ThresholdSimulation } from '../../../shared/conversion/types';
import type { Plan } from '../../../shared/plan/types';
import { ruleInfo } from '../../../shared/rules/catalog';
import type { EntityRef, EntityType, Finding } from '../../../shared/rules/finding';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { DropGroup } from './enrollments';
import type { BaselineIndex } from './index-baseline';
import type { Leftovers } from './orphans';
import type { MatchSet, ViewMaps } from './views';

/** What every CNV rule reads, and the one way they build a finding (catalogue severity and remedy). */
export interface RulesInput {
  plan: Plan;
  index: BaselineIndex;
  matches: MatchSet;
  decisions: Record<string, 'accepted' | 'rejected'>;
  proposed: ViewMaps;
  left: Leftovers;
  drops: DropGroup[];
  simulation: ThresholdSimulation;
  importMode: ImportMode;
}

export function finding(
  ruleId: string,
  entityType: EntityType,
  sourcedId: string,
  message: string,
  detail: Record<string, unknown>,
  related: EntityRef[] = [],
): Finding {
  const info = ruleInfo(ruleId);
  return {
    ruleId,
    severity: info.severity,
    entityType,
    sourcedId,
    message,
    remedy: info.remedy,
    detail,
    ...(related.length ? { related } : {}),
  };
}
