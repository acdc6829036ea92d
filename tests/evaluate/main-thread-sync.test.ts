import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateRow, planToCsvFiles, type ChangeSisIdRow } from '../../electron/services/canvas-csv';
import { ConversionWorker } from '../../electron/services/conversion/conversion-thread';
import { buildPlan } from '../../electron/services/plan';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { rowsPerFile } from '../../electron/services/sync/compare';
import { readCanvasMessages, type CanvasReport } from '../../electron/services/sync/read-messages';
import type { Plan } from '../../shared/plan/types';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { expectNoStall, MAX_DELAY_MS, measured } from './stall-checks';

/**
 * The main thread while a district WITHOUT a Canvas baseline is synced (main-thread-jobs.test.ts covers the
 * district with one): the preview's rows per file, and after the sync Canvas's error file read and the records
 * behind its rows located in the sync's CSV files. The conversion thread builds those files (`planToCsvFiles`,
 * one stretch of ~1 s on the large district). The medium district with 20,000 users is the smallest where the
 * in-process control always holds the loop for over 100 ms (10,000 users: 70-150 ms), so the checks can fail.
 */

let dir: string;
let store: SnapshotStore;
let snapshotId: string;
let plan: Plan;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-main-thread-sync-'));
  store = openSnapshotStore(dir);
  snapshotId = writeDistrictSnapshot(store, { preset: 'medium', users: 20_000 }).snapshotId;
  plan = buildPlan(store.db, snapshotId, DEFAULT_MAPPING_OPTIONS);
}, 180_000);

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the main thread during a sync of a district without a Canvas baseline', () => {
  const remaps: ChangeSisIdRow[] = [];
  const timeZone = 'America/Chicago';
  const files = () => ({ snapshotId, mapping: DEFAULT_MAPPING_OPTIONS, remaps, timeZone });

  it('preview: the rows per file come from the conversion thread, the same as built in process', async () => {
    const worker = new ConversionWorker(store.dbPath);
    try {
      const threaded = await measured('sync files, rows per file (thread)', () =>
        worker.countSyncFiles(files()),
      );
      expectNoStall(threaded);
      // Control: what prepareSync did on this thread without a baseline (from the plan the app already held).
      const control = await measured('sync files, rows per file (in process)', async () =>
        rowsPerFile(planToCsvFiles(plan, { changeSisIdRows: remaps, timeZone })),
      );
      expect(control.busyMs).toBeGreaterThan(MAX_DELAY_MS);
      expect(threaded.value).toEqual(control.value);
      expect(threaded.value.find((f) => f.name === 'enrollments.csv')?.rows).toBeGreaterThan(50_000);
    } finally {
      await worker.dispose();
    }
  }, 300_000);

  it("after the sync: Canvas's answer is read and its rows located in the thread, the same as in process", async () => {
    const worker = new ConversionWorker(store.dbPath);
    try {
      // An error file as Canvas writes it (sis_import_id,file,message,row): 10,000 rows (its messages are
      // capped there), every file named, some rows past the end; the import lists 20 of them as warnings.
      const csv = planToCsvFiles(plan, { changeSisIdRows: remaps, timeZone });
      const rows = Array.from({ length: 10_000 }, (_, i) => {
        const f = csv[i % csv.length]!;
        return { file: f.name, row: 2 + ((i * 7919) % (f.rows.length + 3)), message: `Skipped row ${i}` };
      });
      const errorFile = [
        'sis_import_id,file,message,row',
        ...rows.map((r) => `7,${r.file},"${r.message}, as Canvas says",${r.row}`),
      ].join('\n');
      const report: CanvasReport = {
        processingErrors: [],
        processingWarnings: rows.slice(0, 20).map((r) => [r.file, `${r.message}, as Canvas says`] as const),
        errorFile,
      };
      const threaded = await measured("reading Canvas's answer (thread)", () =>
        worker.readSyncMessages({ files: files(), report }),
      );
      expectNoStall(threaded);
      // Control: what the app did on this thread when Canvas finished (the sync's files built on first use).
      const control = await measured("reading Canvas's answer (in process)", async () => {
        let built: ReturnType<typeof planToCsvFiles> | undefined;
        return readCanvasMessages(report, (file, row) =>
          locateRow((built ??= planToCsvFiles(plan, { changeSisIdRows: remaps, timeZone })), file, row),
        );
      });
      expect(control.busyMs).toBeGreaterThan(MAX_DELAY_MS);
      expect(threaded.value).toEqual(control.value);
      expect(threaded.value.fileRows).toBe(10_000);
      expect(threaded.value.warnings).toHaveLength(20);
      expect(threaded.value.warnings.filter((m) => m.entity !== null).length).toBeGreaterThan(10);
      const located = threaded.value.fileMessages.filter((m) => m.entity !== null);
      expect(located.length).toBeGreaterThan(5_000);
      expect(located.some((m) => m.entity?.entityType === 'enrollment')).toBe(true);
    } finally {
      await worker.dispose();
    }
  }, 300_000);
});
