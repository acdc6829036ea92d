import type { MappingOptions } from '../../../shared/mapping/options';
import { CANVAS_TYPES, type CanvasType, type Plan, type PlanCounts } from '../../../shared/plan/types';
import { ServiceError } from '../../../shared/errors';
import { fromWorkerFailure, startWorker } from '../worker';
import type { FromPlanWorker, PlanJob, ToPlanWorker } from './plan-protocol';

/**
 * buildPlan in a worker thread (plan-worker.ts) with its own read-only connection to `dbPath`: same plan, but the
 * calling thread only reassembles slices, each a few milliseconds of work, between which its event loop runs.
 */
export async function buildPlanInWorker(
  dbPath: string,
  snapshotId: string,
  options: MappingOptions,
): Promise<Plan> {
  const rows = Object.fromEntries(CANVAS_TYPES.map((t) => [t, [] as unknown[]])) as unknown as Record<
    CanvasType,
    Array<{ options: readonly string[] }>
  >;
  // Rows share their `options` arrays in the thread; a slice arrives with its own copies, so share them again.
  const shared = new Map<string, readonly string[]>();
  const { head, order } = await runPlanWorker({ dbPath, snapshotId, options }, (type, slice) => {
    const into = rows[type];
    for (const row of slice as Array<{ options: readonly string[] }>) {
      const key = row.options.join('\u0000');
      const same = shared.get(key);
      if (same === undefined) shared.set(key, row.options);
      else row.options = same;
      into.push(row);
    }
  });
  const parts: Record<string, unknown> = { ...head, ...rows };
  return Object.fromEntries(order.map((k) => [k, parts[k]])) as unknown as Plan;
}

/** The plan's row counts only (the mapping preview), planned in a worker thread: nothing large crosses. */
export async function planCountsInWorker(
  dbPath: string,
  snapshotId: string,
  options: MappingOptions,
): Promise<PlanCounts> {
  return (await runPlanWorker({ dbPath, snapshotId, options, countsOnly: true }, () => undefined)).counts;
}

function runPlanWorker(
  job: PlanJob,
  onRows: (type: CanvasType, rows: unknown[]) => void,
): Promise<Extract<FromPlanWorker, { type: 'done' }>> {
  const worker = startWorker('evaluate-plan', job);
  return new Promise((resolve, reject) => {
    let settled = false;
    const stopped = (message: string, cause?: unknown) =>
      new ServiceError(
        'plan_failed',
        `Planning the Canvas objects stopped: ${message}`,
        'Evaluate again; if it keeps failing, check that the data folder is readable.',
        cause === undefined ? undefined : { cause },
      );
    const fail = (error: ServiceError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    worker.on('message', (m: FromPlanWorker) => {
      if (settled) return;
      if (m.type === 'rows') {
        onRows(m.canvasType, m.rows);
        setImmediate(() => worker.postMessage({ type: 'next' } satisfies ToPlanWorker));
      } else if (m.type === 'done') {
        settled = true;
        resolve(m);
      } else fail(fromWorkerFailure(m.error, stopped));
    });
    worker.once('error', (err) => fail(stopped(err.message, err)));
    worker.once('exit', (code) =>
      fail(stopped(`the planner thread exited (code ${code}) before it answered.`)),
    );
  });
}
