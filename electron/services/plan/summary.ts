import { CANVAS_TYPES, type Plan, type PlanCounts } from '../../../shared/plan/types';

/** Planned rows per Canvas type (every status). */
export function planCounts(plan: Plan): PlanCounts {
  const counts = {} as PlanCounts;
  for (const type of CANVAS_TYPES) counts[type] = plan[type].length;
  return counts;
}
