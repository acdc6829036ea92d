import { describe, expect, it } from 'vitest';
import { syncCheckBlock } from '../../electron/services/report/html/sync-check';
import { formatters } from '../../electron/services/report/html/text';
import { comparePrediction, reportEntry } from '../../electron/services/sync';
import type { ReportModel } from '../../shared/report/model';
import { ImportMode } from '../../shared/sync/import-mode';
import type { SyncHistoryEntry, SyncResult } from '../../shared/sync/types';

const result: SyncResult = {
  importId: '7',
  workflowState: 'imported_with_messages',
  ok: true,
  progress: 100,
  counts: { users: 9, enrollments: 20, warning_count: 1, error_count: 0 },
  errors: [],
  warnings: [
    {
      severity: 'warning',
      file: 'users.csv',
      message: 'An existing Canvas user with the SIS ID old-1 has already claimed u1 login, skipping',
      row: 2,
      entity: { entityType: 'user', sourcedId: 'u1' },
    },
  ],
  errorFile: null,
  canvasLink: 'https://canvas.example/accounts/1/sis_import',
  endedAt: '2026-12-06T04:00:00Z',
};

describe('missed predictions in the sync history and the next report', () => {
  it('compares counts and messages row by row, and the report lists each miss with the acknowledged blockers', () => {
    const prediction = {
      basis: 'predictor' as const,
      counts: { users: 10, enrollments: 20, warning_count: 0, error_count: 0 },
      skips: [],
    };
    const check = comparePrediction(prediction, result);
    expect(check.missed.map((m) => [m.kind, m.key, m.predicted, m.actual])).toEqual([
      ['count', 'users', '10', '9'],
      ['count', 'warning_count', '0', '1'],
      ['message', 'users.csv', 'imported', 'warning'],
    ]);
    // Predicted exactly: nothing missed.
    const exact = comparePrediction(
      {
        basis: 'predictor',
        counts: { users: 9, enrollments: 20, warning_count: 1 },
        skips: [
          {
            file: 'users.csv',
            row: 2,
            entity: { entityType: 'user', sourcedId: 'u1' },
            message: result.warnings[0]!.message,
            ruleId: null,
            orderDependent: false,
          },
        ],
      },
      result,
    );
    expect(exact.missed).toEqual([]);

    const entry: SyncHistoryEntry = {
      id: 'e1',
      profileId: 'p1',
      by: 'admin',
      startedAt: '2026-12-06T03:59:00Z',
      endedAt: '2026-12-06T04:00:00Z',
      canvasUrl: 'https://canvas.example',
      rootAccountId: '1',
      importMode: ImportMode.parse({}),
      options: { snapshotId: 's1', zipBytes: 10, files: [], changeSisIdRows: 0 },
      importId: '7',
      status: 'finished',
      result,
      error: null,
      guardRails: [
        {
          id: 'remaps_pending',
          status: 'warn',
          label: '2 remap proposals are undecided',
          hint: '',
          count: 2,
          rules: [],
          forced: true,
        },
      ],
      acknowledgedBlockers: [
        {
          ruleId: 'CNV-LOGIN-CLAIMED',
          entityType: 'user',
          sourcedId: 'u1',
          reason: 'test login',
          by: 'admin',
        },
      ],
      prediction,
      predictionCheck: check,
    };
    const row = reportEntry(entry);
    expect(row.missed).toHaveLength(3);
    expect(row.acknowledgedBlockers).toEqual({ 'CNV-LOGIN-CLAIMED': 1 });
    const fmt = formatters({ locale: 'en-US', timeZone: 'UTC' } as Parameters<typeof formatters>[0]);
    const text = syncCheckBlock({ syncHistory: [row] } as unknown as ReportModel, fmt).__html;
    expect(text).toContain('3 missed predictions');
    expect(text).toContain('CNV-LOGIN-CLAIMED 1');
    expect(text).toContain('2 remap proposals are undecided');
    expect(text).toContain('users.csv user u1');
  });
});
