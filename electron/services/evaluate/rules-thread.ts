import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MappingOptions } from '../../../shared/mapping/options';
import { ServiceError } from '../errors';
import type { RawRuleRun } from '../rules/runner';
import type { FromRulesWorker, RulesJob } from './rules-protocol';

/** The built app bundles the worker as its own entry (electron.vite.config.ts); it sits next to main. */
const BUNDLED_WORKER = 'evaluate-rules-worker.js';
/** Source tree (tsx, vitest): a bootstrap that registers tsx in the thread, then loads rules-worker.ts. */
const SOURCE_WORKER = 'rules-worker-boot.mjs';

function workerUrl(): URL {
  // Names passed as variables: bundlers must not try to resolve these URLs at build time.
  const bundled = new URL(`./${BUNDLED_WORKER}`, import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return bundled;
  return new URL(`./${SOURCE_WORKER}`, import.meta.url);
}

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
    const worker = new Worker(workerUrl(), { workerData: job });
    let settled = false;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      reject(
        new ServiceError(
          'evaluate_rules_failed',
          `The rule checks stopped: ${message}`,
          'Evaluate again; if it keeps failing, check that the data folder is readable.',
          cause === undefined ? undefined : { cause },
        ),
      );
    };
    worker.once('message', (m: FromRulesWorker) => {
      if (m.type === 'done') {
        settled = true;
        resolve(m.run);
      } else if (m.error.code !== null && m.error.hint !== null) {
        settled = true;
        reject(new ServiceError(m.error.code, m.error.message, m.error.hint));
      } else fail(m.error.message);
    });
    worker.once('error', (err) => fail(err.message, err));
    worker.once('exit', (code) => fail(`the rules thread exited (code ${code}) before it answered.`));
  });
}
