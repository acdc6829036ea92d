/**
 * Every worker thread the app starts, by name → its entry (a `<x>-worker.ts` beside its `<x>-thread.ts` host side
 * and `<x>-protocol.ts` messages). electron.vite.config.ts bundles each as `out/main/<name>-worker.js`; from the
 * source tree (tsx, vitest, benchmarks) startWorker loads the .ts entry through boot.mjs. Paths are relative to
 * the project root.
 */
export const WORKER_ENTRIES = {
  'pull-write': 'electron/services/pull/write-worker.ts',
  'pull-parse': 'electron/services/pull/parse-worker.ts',
  'evaluate-rules': 'electron/services/evaluate/rules-worker.ts',
  'evaluate-plan': 'electron/services/evaluate/plan-worker.ts',
  'csv-import': 'electron/services/csv-import/import-worker.ts',
  conversion: 'electron/services/conversion/conversion-worker.ts',
  'demo-servers': 'electron/services/demo/servers-worker.ts',
  report: 'electron/services/report/report-worker.ts',
  'baseline-import': 'electron/services/canvas-baseline/import-worker.ts',
  'baseline-count': 'electron/services/canvas-baseline/fetch-count-worker.ts',
} as const;

export type WorkerName = keyof typeof WORKER_ENTRIES;
