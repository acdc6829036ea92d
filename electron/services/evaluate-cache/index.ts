export { EvaluationCache, type EvaluationCacheOptions } from './cache';
export { EvaluationView } from './evaluation-view';
export { resolveSchools } from './schools';
export { entityKey, type EvaluationInput, type SchoolIndex } from './types';
