import type {
  MissedPrediction,
  PredictedSkip,
  PredictionCheck,
  SyncPrediction,
} from '../../../shared/sync/guard-rails';
import type { SyncMessage, SyncResult } from '../../../shared/sync/types';
import type { CanvasCsvFile } from '../canvas-csv';

/**
 * Closing the loop after Canvas finished: what the preview predicted (rows per file that import, the rows Canvas
 * skips with its message) against what Canvas reported. Every difference is a missed prediction — a defect of
 * the preview — stored in the sync history, shown on the Sync screen and in the next readiness report.
 */

/** Canvas's data.counts key for each CSV file of the zip (change_sis_id.csv counts as change_sis_ids). */
export const countKeyOf = (fileName: string): string => {
  const base =
    fileName
      .replace(/\.csv$/i, '')
      .split('/')
      .pop() ?? fileName;
  return base === 'change_sis_id' ? 'change_sis_ids' : base;
};

/** Rows per CSV file of a zip: all a plan-based prediction needs (small enough to cross threads). */
export type FileRows = ReadonlyArray<{ name: string; rows: number }>;

export const rowsPerFile = (files: readonly CanvasCsvFile[]): FileRows =>
  files.map((f) => ({ name: f.name, rows: f.rows.length }));

/** The prediction for a zip: every row imports except the predicted skips (the predictor's row outcomes). */
export function predictionFor(
  files: FileRows,
  skips: readonly PredictedSkip[],
  basis: SyncPrediction['basis'],
): SyncPrediction {
  const counts: Record<string, number> = {};
  for (const f of files) counts[countKeyOf(f.name)] = (counts[countKeyOf(f.name)] ?? 0) + f.rows;
  for (const s of skips) {
    const key = countKeyOf(s.file);
    if (counts[key] !== undefined) counts[key] = Math.max(0, counts[key] - 1);
  }
  return { basis, counts, skips: [...skips] };
}

const messagesOf = (result: SyncResult): SyncMessage[] => {
  // The error file has every row; processing_* lists are capped at 24 + a "more" line.
  const fromFile = result.errorFile?.messages.filter((m) => m.severity !== 'message') ?? [];
  if (fromFile.length > 0) return fromFile;
  return [...result.errors, ...result.warnings].filter((m) => !/^There were \d+ more /.test(m.message));
};

const entityKey = (e: { entityType: string; sourcedId: string } | null) =>
  e ? `${e.entityType}\u0000${e.sourcedId}` : '';

export function comparePrediction(prediction: SyncPrediction, result: SyncResult): PredictionCheck {
  const missed: MissedPrediction[] = [];
  const messages = messagesOf(result);
  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.filter((m) => m.severity === 'warning').length;
  const actual = { workflowState: result.workflowState, counts: result.counts, warnings, errors };

  if (!result.ok) {
    missed.push({
      kind: 'state',
      key: 'workflow_state',
      predicted: 'imported',
      actual: result.workflowState,
      entity: null,
      message: `Canvas ended the import ${result.workflowState}; the preview expected it to be imported.`,
    });
  } else {
    for (const [key, predicted] of Object.entries(prediction.counts)) {
      const got = result.counts[key];
      if (got === undefined || got === predicted) continue;
      missed.push({
        kind: 'count',
        key,
        predicted: String(predicted),
        actual: String(got),
        entity: null,
        message: `Canvas imported ${got} ${key}; the preview predicted ${predicted}.`,
      });
    }
  }

  // Row by row: a Canvas message on a record the preview did not skip, and a predicted skip Canvas did not make.
  const predicted = new Map<string, PredictedSkip>();
  for (const s of prediction.skips) predicted.set(`${countKeyOf(s.file)}\u0001${entityKey(s.entity)}`, s);
  const seen = new Set<string>();
  for (const m of messages) {
    const key = `${countKeyOf(m.file)}\u0001${entityKey(m.entity)}`;
    if (m.entity !== null && predicted.has(key)) {
      seen.add(key);
      continue;
    }
    missed.push({
      kind: 'message',
      key: m.file || '(import)',
      predicted: 'imported',
      actual: m.severity,
      entity: m.entity,
      message: m.message,
    });
  }
  // Canvas lists 24 messages on the import; without the error file, unseen predictions cannot be told apart.
  const complete =
    result.errorFile !== null || messages.length === result.errors.length + result.warnings.length;
  if (result.ok && complete) {
    for (const [key, s] of predicted) {
      if (seen.has(key) || s.entity === null || s.orderDependent) continue;
      missed.push({
        kind: 'message',
        key: s.file,
        predicted: 'skipped',
        actual: 'imported',
        entity: s.entity,
        message: `The preview predicted "${s.message}", but Canvas reported nothing for this row.`,
      });
    }
  }
  return { predicted: prediction, actual, missed };
}
