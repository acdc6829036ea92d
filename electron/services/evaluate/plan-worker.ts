/**
 * The planner on its own thread and read-only connection (plan-thread.ts is the calling side): planning a large
 * district takes seconds of CPU that must not run on the Electron main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { CANVAS_TYPES, type Plan } from '../../../shared/plan/types';
import { buildPlan, planCounts } from '../plan';
import { openReadOnlyDatabase } from '../snapshots/read-only';
import { toWorkerFailure } from '../worker';
import { PLAN_SLICE, type FromPlanWorker, type PlanJob, type ToPlanWorker } from './plan-protocol';

const port = parentPort;
if (port === null) throw new Error('plan-worker.ts must run in a worker thread');
const post = (m: FromPlanWorker) => port.postMessage(m);
/** Resolves on the caller's `next` (see plan-protocol.ts). */
const next = () => new Promise<void>((resolve) => port.once('message', (_m: ToPlanWorker) => resolve()));

const job = workerData as PlanJob;
let db: Database.Database | null = null;
try {
  db = openReadOnlyDatabase(job.dbPath);
  const plan: Plan = buildPlan(db, job.snapshotId, job.options);
  const counts = planCounts(plan);
  const head: Partial<Plan> = { ...plan };
  for (const type of CANVAS_TYPES) {
    delete head[type];
    if (job.countsOnly) continue;
    const rows = plan[type];
    for (let i = 0; i < rows.length; i += PLAN_SLICE) {
      const asked = next();
      post({ type: 'rows', canvasType: type, rows: rows.slice(i, i + PLAN_SLICE) } as FromPlanWorker);
      await asked;
    }
  }
  post({
    type: 'done',
    head: head as Omit<Plan, (typeof CANVAS_TYPES)[number]>,
    order: Object.keys(plan),
    counts,
  });
} catch (err) {
  post({ type: 'failed', error: toWorkerFailure(err) });
} finally {
  db?.close();
  port.close();
}
