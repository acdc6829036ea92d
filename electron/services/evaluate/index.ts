export {
  evaluateSnapshot,
  toEvaluationResult,
  WORKER_MIN_RECORDS,
  type Evaluation,
  type EvaluateInput,
  type RulesThread,
} from './evaluate';
export { resolveEvaluationTarget, type EvaluationTarget } from './evaluation-target';
