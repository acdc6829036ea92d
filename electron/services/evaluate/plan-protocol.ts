import type { MappingOptions } from '../../../shared/mapping/options';
import type { CanvasType, Plan, PlanCounts, PlanRows } from '../../../shared/plan/types';
import type { WorkerFailure } from '../worker';

/** What the planner thread is started with (workerData). `countsOnly`: answer the counts, not the rows. */
export interface PlanJob {
  dbPath: string;
  snapshotId: string;
  options: MappingOptions;
  countsOnly?: boolean;
}

/**
 * The plan crosses in slices (`rows`, PLAN_SLICE rows each), then `done` with the rest: one structured clone of a
 * million enrollment rows would hold the receiving (main) thread for a second or more, a slice for milliseconds.
 * The thread sends the next slice only after the caller's `next` (sent from a setImmediate): queued messages are
 * delivered back to back without the event loop turning in between, so without this the slices would not help.
 */
export type ToPlanWorker = { type: 'next' };

export type FromPlanWorker =
  | { type: 'rows'; canvasType: CanvasType; rows: PlanRows[CanvasType] }
  /** `order`: the plan's keys in buildPlan's order, so the reassembled plan serialises byte for byte the same. */
  | { type: 'done'; head: Omit<Plan, CanvasType>; order: string[]; counts: PlanCounts }
  | { type: 'failed'; error: WorkerFailure };

export const PLAN_SLICE = 10_000;
