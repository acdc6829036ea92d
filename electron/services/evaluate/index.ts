export { evaluateSnapshot, toEvaluationResult, type Evaluation, type EvaluateInput } from './evaluate';
export { resolveEvaluationTarget, type EvaluationTarget } from './target';
