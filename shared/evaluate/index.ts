export {
  applyRuleSettings,
  acknowledgementOf,
  ackKey,
  type Acknowledged,
  type SettingsApplied,
} from './apply-settings';
export { summarise, verdictFor, type SummaryInput } from './summary';
export {
  EvaluationResult,
  EvaluationSummary,
  PlanSummary,
  PlanCountsSchema,
  RuleTally,
  TopProblem,
} from './result';
