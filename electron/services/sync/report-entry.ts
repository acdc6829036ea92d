import type { SyncHistoryEntry as ReportSyncEntry } from '../../../shared/report/model';
import type { SyncHistoryEntry } from '../../../shared/sync/types';

/** The report's one-line-per-sync record (shared/report/model.ts). */
export function reportEntry(e: SyncHistoryEntry): ReportSyncEntry {
  const m = e.importMode;
  const options: ReportSyncEntry['options'] = { change_threshold: m.changeThreshold };
  if (m.mode === 'batch') options.batch_mode_term_id = m.termId;
  if (m.mode === 'diffing') options.diffing_data_set_identifier = m.dataSetId;
  if (m.mode !== 'standard') options.drop_status = m.dropStatus;
  if (m.overrideStickiness) options.override_sis_stickiness = true;
  if (e.options.changeSisIdRows > 0) options.change_sis_id_rows = e.options.changeSisIdRows;
  return {
    at: e.startedAt,
    by: e.by,
    mode: m.mode,
    options,
    importId: e.importId,
    result: e.result?.workflowState ?? (e.error ? `${e.status}: ${e.error.message}` : e.status),
    ...(e.result ? { counts: e.result.counts } : {}),
    missed: (e.predictionCheck?.missed ?? []).map((m) => ({
      key: m.entity ? `${m.key} ${m.entity.entityType} ${m.entity.sourcedId}` : m.key,
      predicted: m.predicted,
      actual: m.actual,
      message: m.message,
    })),
    acknowledgedBlockers: e.acknowledgedBlockers.reduce<Record<string, number>>(
      (acc, a) => ({ ...acc, [a.ruleId]: (acc[a.ruleId] ?? 0) + 1 }),
      {},
    ),
    forced: e.guardRails.filter((c) => c.forced).map((c) => c.label),
  };
}
