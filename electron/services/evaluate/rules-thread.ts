import type { MappingOptions } from '../../../shared/mapping/options';
import { ServiceError } from '../../../shared/errors';
import type { RawRuleRun } from '../rules/runner';
import { fromWorkerFailure, startWorker } from '../worker';
import type { FromRulesWorker, RulesJob } from './rules-protocol';

/**
 * Every registered rule module over one complete snapshot, in a worker thread (rules-worker.ts) with its own
 * read-only connection to `dbPath`. Same result as `runRuleModules` in process: the worker runs exactly that.
 */
export function runRuleModulesInWorker(
  dbPath: string,
  snapshotId: string,
  options: MappingOptions,
): Promise<RawRuleRun> {
  const job: RulesJob = { dbPath, snapshotId, options };
  return new Promise((resolve, reject) => {
    const worker = startWorker('evaluate-rules', job);
    let settled = false;
    const stopped = (message: string, cause?: unknown) =>
      new ServiceError(
        'evaluate_rules_failed',
        `The rule checks stopped: ${message}`,
        'Evaluate again; if it keeps failing, check that the data folder is readable.',
        cause === undefined ? undefined : { cause },
      );
    const fail = (error: ServiceError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    worker.once('message', (m: FromRulesWorker) => {
      if (m.type === 'done') {
        settled = true;
        resolve(m.run);
      } else fail(fromWorkerFailure(m.error, stopped));
    });
    worker.once('error', (err) => fail(stopped(err.message, err)));
    worker.once('exit', (code) =>
      fail(stopped(`the rules thread exited (code ${code}) before it answered.`)),
    );
  });
}
