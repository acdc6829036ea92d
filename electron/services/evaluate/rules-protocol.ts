import type { MappingOptions } from '../../../shared/mapping/options';
import type { RawRuleRun } from '../rules/runner';
import type { WorkerFailure } from '../worker';

/** What the rules thread is started with (workerData). */
export interface RulesJob {
  dbPath: string;
  snapshotId: string;
  options: MappingOptions;
}

/** The rules thread's one message: every module's findings, or why the thread could not run them. */
export type FromRulesWorker = { type: 'done'; run: RawRuleRun } | { type: 'failed'; error: WorkerFailure };
