/** Pull: fast, resumable OneRoster pulls into SQLite snapshots (plain Node). */
export { pullSnapshot, resumePull } from './engine';
export { createPullClient, type PullTarget } from './client-factory';
export { AdaptiveLimiter } from './limiter';
export {
  createProgressPrinter,
  progressLine,
  plainLine,
  formatDuration,
  type ProgressPrinter,
  type ProgressSink,
} from './render-progress';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_DELTA_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  MAX_CONCURRENCY,
  type CollectionFacts,
  type DeltaInfo,
  type PullFacts,
  type PullOptions,
  type PullProblem,
  type PullResult,
  type ResumeOptions,
} from './types';
