import { RULES_BY_ID, type RuleInfo } from '../../../shared/rules/catalog';
import { classRules } from './families/classes';
import { courseRules } from './families/courses';
import { enrollmentRules } from './families/enrollments';
import { feedRules } from './families/feed';
import { idRules } from './families/ids';
import { orgRules } from './families/orgs';
import { recordRules } from './families/records';
import { termRules } from './families/terms';
import { userRules } from './families/users';
import type { RuleModule } from './types';

/**
 * Every OneRoster-data rule module `evaluate` runs, in a fixed order (findings are sorted afterwards, so the
 * order only matters for timing output). Add a module here when you add a family; a test checks that every
 * catalogue id of family 'oneroster' is reported by exactly one module.
 */
export const MODULES: readonly RuleModule[] = [
  feedRules,
  recordRules,
  orgRules,
  termRules,
  classRules,
  courseRules,
  idRules,
  userRules,
  enrollmentRules,
];

/** Catalogue entry for a rule id (title, default severity, remedy); undefined for an unknown id. */
export function catalogueInfo(ruleId: string): RuleInfo | undefined {
  return RULES_BY_ID.get(ruleId);
}

/** Which module reports each rule id. */
export function moduleOfRule(modules: readonly RuleModule[] = MODULES): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of modules) for (const id of m.ruleIds) out.set(id, m.name);
  return out;
}
