import { z } from 'zod';
import { EntityRef } from '../rules/finding';
import { SimulationRow } from '../conversion/types';
import { ImportMode } from './import-mode';
import { AcknowledgedBlocker, GuardRailCheck, PredictionCheck, SyncPrediction } from './guard-rails';

/** One-off sync (docs/architecture.md "Data flow"): shapes shared by the sync service, the CLI, IPC and the UI. */

/** Canvas SisImport workflow states (docs/canvas-importer.md). */
export const FINISHED_STATES = [
  'imported',
  'imported_with_messages',
  'failed',
  'failed_with_messages',
  'aborted',
];
export const SUCCESS_STATES = ['imported', 'imported_with_messages'];

/** Why a sync may not start; every reason says what to do. */
export const SyncRefusal = z.object({
  code: z.enum([
    'not_evaluated',
    'blockers_open',
    'checks_missing',
    'confirm_mismatch',
    'sync_running',
    'no_canvas',
    'remaps_pending',
    'ambiguous_matches',
    'batch_term_unknown',
    'guard_rail',
  ]),
  message: z.string(),
  hint: z.string(),
});
export type SyncRefusal = z.infer<typeof SyncRefusal>;

/** What the import would do, per type and term, shown before anything is sent. */
export const SyncSimulation = z.object({
  /** baseline: from the conversion's threshold simulation; plan: no baseline, so creates and updates are one count. */
  basis: z.enum(['baseline', 'plan']),
  importMode: ImportMode,
  rows: z.array(SimulationRow),
  percentages: z.object({ courses: z.number(), sections: z.number(), enrollments: z.number() }),
  exceeds: z.array(z.enum(['courses', 'sections', 'enrollments'])),
  /** Plain-language caveats (e.g. deletions unknown without a baseline). */
  notes: z.array(z.string()),
});
export type SyncSimulation = z.infer<typeof SyncSimulation>;

export const SyncPhase = z.enum(['writing', 'posting', 'polling', 'aborting', 'downloading_errors', 'done']);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncProgress = z.object({
  phase: SyncPhase,
  importId: z.string().nullable(),
  /** Canvas workflow_state ('' before Canvas answered). */
  workflowState: z.string(),
  /** 0–100 as Canvas reports it. */
  progress: z.number(),
  polls: z.number().int(),
  /** Set while polling is retrying after a failed request. */
  retrying: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** A Canvas warning or error, with the row and OneRoster record it came from when they could be found. */
export const SyncMessage = z.object({
  severity: z.enum(['error', 'warning', 'message']),
  file: z.string(),
  message: z.string(),
  /** Canvas row number (header = 1), from the error file; null when Canvas gave none. */
  row: z.number().int().nullable(),
  entity: EntityRef.nullable(),
});
export type SyncMessage = z.infer<typeof SyncMessage>;

export const SyncResult = z.object({
  importId: z.string(),
  workflowState: z.string(),
  /** imported or imported_with_messages. */
  ok: z.boolean(),
  progress: z.number(),
  /** Canvas's data.counts (accounts, users, …, error_count, warning_count). */
  counts: z.record(z.string(), z.number()),
  /** processing_errors / processing_warnings as Canvas listed them (capped by Canvas at 24 + a "more" row). */
  errors: z.array(SyncMessage),
  warnings: z.array(SyncMessage),
  /** Every row of the downloadable error file (first 10,000), mapped to entities. */
  errorFile: z
    .object({ name: z.string(), url: z.string(), rows: z.number().int(), messages: z.array(SyncMessage) })
    .nullable(),
  /** Link to the import in Canvas (the SIS import page). */
  canvasLink: z.string(),
  endedAt: z.string().nullable(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const SyncStatus = z.enum(['posting', 'polling', 'interrupted', 'finished', 'not_sent']);
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncHistoryEntry = z.object({
  id: z.string(),
  profileId: z.string(),
  /** OS user who started it. */
  by: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  canvasUrl: z.string(),
  rootAccountId: z.string(),
  importMode: ImportMode,
  /** What was sent: snapshot, zip name/size/rows per file, remaps included. */
  options: z.object({
    snapshotId: z.string().nullable(),
    zipBytes: z.number().int(),
    files: z.array(z.object({ name: z.string(), rows: z.number().int() })),
    changeSisIdRows: z.number().int(),
  }),
  /** Stored as soon as Canvas answers the POST, before polling, so polling can resume after a crash. */
  importId: z.string().nullable(),
  status: SyncStatus,
  result: SyncResult.nullable(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
  /** The guard-rail checklist as it stood when the sync was sent (forced checks marked). */
  guardRails: z.array(GuardRailCheck).default([]),
  /** Blockers (catalogue severity) sent with an acknowledgement, and the reason given. */
  acknowledgedBlockers: z.array(AcknowledgedBlocker).default([]),
  /** What the preview predicted Canvas would report. */
  prediction: SyncPrediction.nullable().default(null),
  /** After Canvas finished: predicted vs actual, and every missed prediction. */
  predictionCheck: PredictionCheck.nullable().default(null),
});
export type SyncHistoryEntry = z.infer<typeof SyncHistoryEntry>;
