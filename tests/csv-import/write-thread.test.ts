import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importCsvBundle, importCsvBundleInWorker } from '../../electron/services/csv-import';
import { DEFECTS } from '../../electron/services/demo-provider/district/defects';
import type { SnapshotStore } from '../../electron/services/snapshots';
import { ImportResult } from '../../shared/snapshots/result';
import { writeDistrictCsv } from '../../test-support/district-csv';
import { useTempStores } from '../snapshots/helpers';
import { write12 } from './dialect-bundles';

/**
 * A big bundle's rows are inserted by a write thread while the import parses the next ones
 * (csv-import/import-writes.ts). Whichever way they go, the snapshot must hold exactly the same rows.
 */
const stores = useTempStores();
const T = '2024-08-01T00:00:00Z';

/** Every row of every table that belongs to the snapshot, in insertion order, without ids (they differ). */
function dumpSnapshot(db: Database.Database, snapshotId: string): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'snapshots' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('snapshot_id')) continue;
    const kept = columns.filter((c) => c !== 'id' && c !== 'snapshot_id');
    out[table] = db
      .prepare(
        `SELECT ${kept.map((c) => `"${c}"`).join(', ')} FROM ${table} WHERE snapshot_id = ? ORDER BY rowid`,
      )
      .raw()
      .all(snapshotId);
  }
  return out;
}

function snapshotRow(store: SnapshotStore, id: string) {
  const row = store.db
    .prepare('SELECT status, error, counts, issue_counts, provider_facts FROM snapshots WHERE id = ?')
    .get(id) as Record<string, string> & { provider_facts: string };
  return { ...row, provider_facts: JSON.parse(row.provider_facts) as unknown };
}

/** The small demo district with every known defect, plus broken rows spread over several 1000-row batches. */
function brokenDistrict(dir: string): string {
  const defects = Object.keys(DEFECTS).map((kind) => ({ kind }));
  writeDistrictCsv(dir, { preset: 'small', defects });
  const users = join(dir, 'users.csv');
  const header = readFileSync(users, 'utf8').split('\n')[0]!.split(',');
  const userRow = (values: Record<string, string>) => header.map((c) => values[c] ?? '').join(',');
  appendFileSync(
    users,
    [
      userRow({ sourcedId: '', status: 'active', dateLastModified: T, username: 'nobody', role: 'student' }),
      userRow({
        sourcedId: 'pw1',
        dateLastModified: T,
        username: 'pw',
        role: 'student',
        password: 'Hunter2',
      }),
      userRow({ sourcedId: 'pw1', dateLastModified: T, username: 'pw-again', role: 'student' }),
      `short,active,${T}`,
      `q1,active,${T},"never closed`,
      '',
    ].join('\n'),
  );
  const enrollments = join(dir, 'enrollments.csv');
  const lines = readFileSync(enrollments, 'utf8').trimEnd().split('\n');
  // Every 700th row again (same content), and once with other content, so duplicates land in several batches.
  const again = lines.slice(1).filter((_, i) => i % 700 === 0);
  const changed = again[0]!.replace(/,(student|teacher),/, ',aide,');
  appendFileSync(enrollments, [...again, changed, `e-short,active`, ''].join('\n'));
  return dir;
}

async function importBothWays(store: SnapshotStore, bundle: string) {
  const inProcess = await importCsvBundle(store, bundle, { writeThreadFrom: Infinity });
  const threaded = await importCsvBundle(store, bundle, { writeThreadFrom: 0 });
  return { inProcess, threaded };
}

describe('CSV import through the write thread', () => {
  it('stores exactly what the in-process import stores: rows, duplicates, rejects, locations, facts', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundles = [
      brokenDistrict(join(dir, 'district')),
      write12(join(dir, 'v12')),
      write12(join(dir, 'v12-delta'), { delta: true }),
    ];
    for (const bundle of bundles) {
      const { inProcess, threaded } = await importBothWays(store, bundle);
      expect(threaded.status, bundle).toBe('complete');
      const { snapshotId: _a, ...a } = inProcess;
      const { snapshotId: _b, ...b } = threaded;
      expect(b, bundle).toEqual(a);
      expect(snapshotRow(store, threaded.snapshotId), bundle).toEqual(
        snapshotRow(store, inProcess.snapshotId),
      );
      const stored = dumpSnapshot(store.db, threaded.snapshotId);
      expect(stored, bundle).toEqual(dumpSnapshot(store.db, inProcess.snapshotId));
      if (bundle.endsWith('district')) {
        // The comparison covered what matters: duplicates and rejects with their file:line locations.
        expect(stored.duplicates!.length).toBeGreaterThan(3);
        expect(stored.records_rejected!.length).toBeGreaterThanOrEqual(4);
        expect(JSON.stringify(stored.duplicates)).toMatch(/"enrollments\.csv:\d+"/);
        expect(JSON.stringify(stored.records_rejected)).toMatch(/"users\.csv:\d+"/);
        expect(JSON.stringify(stored)).not.toContain('Hunter2');
        const facts = snapshotRow(store, threaded.snapshotId).provider_facts as {
          files: Record<string, { duplicates: number; stored: number }>;
        };
        expect(facts.files['enrollments.csv']!.duplicates).toBeGreaterThan(3);
      }
    }
  }, 60_000);

  it("from the app's import worker, through a write thread started there: the same rows", async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundle = brokenDistrict(join(dir, 'district'));
    const inProcess = await importCsvBundle(store, bundle, { writeThreadFrom: Infinity });
    const nested = await importCsvBundleInWorker(store.dbPath, bundle, { writeThreadFrom: 0 });
    expect(nested.status).toBe('complete');
    expect({ ...nested, snapshotId: '' }).toEqual({ ...inProcess, snapshotId: '' });
    expect(dumpSnapshot(store.db, nested.snapshotId)).toEqual(dumpSnapshot(store.db, inProcess.snapshotId));
  }, 60_000);

  it('cancels mid-file: what the thread stored is kept and counted, and progress was reported', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundle = writeDistrictCsv(join(dir, 'bundle'), { preset: 'small' }).dir;
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await importCsvBundle(store, bundle, {
      writeThreadFrom: 0,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.bytesDone);
        if (p.file === 'enrollments.csv' && p.rows >= 1000) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(store.get(result.snapshotId)!.status).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(result.counts.users).toBeGreaterThan(0);
    // Stopped at the batch after the abort: some of the file's rows are stored, not all.
    const total = readFileSync(join(bundle, 'enrollments.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(result.counts.enrollments).toBeGreaterThanOrEqual(1000);
    expect(result.counts.enrollments).toBeLessThan(total);
    expect(result.counts.demographics).toBe(0);
    expect(store.counts(result.snapshotId)).toEqual(result.counts);
    const next = await importCsvBundle(store, bundle, { writeThreadFrom: 0 });
    expect(next.status).toBe('complete');
    expect(next.counts.enrollments).toBe(total);
  }, 60_000);

  it('fails the import cleanly when the write thread cannot store a row, keeping what it stored before', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundle = writeDistrictCsv(join(dir, 'bundle'), { preset: 'small' }).dir;
    const ids = readFileSync(join(bundle, 'enrollments.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(ids.length).toBeGreaterThan(2500);
    // A real SQLite failure inside the thread's insert, in the third 1000-row batch (as a full disk would be).
    const failAt = ids[2100]!.split(',')[0]!;
    store.db.exec(
      `CREATE TRIGGER fail_insert BEFORE INSERT ON enrollments WHEN NEW.sourced_id = '${failAt}'
       BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    const counts = [];
    for (const writeThreadFrom of [0, Infinity]) {
      const result = ImportResult.parse(await importCsvBundle(store, bundle, { writeThreadFrom }));
      expect(result.status, String(writeThreadFrom)).toBe('failed');
      expect(result.error).toBe('Storing the imported rows failed: database or disk is full');
      expect(store.get(result.snapshotId)!.status).toBe('failed');
      // The batches before the failing one stay stored (committed), the failing batch does not.
      expect(result.counts.users).toBeGreaterThan(0);
      expect(result.counts.enrollments).toBeGreaterThanOrEqual(1000);
      expect(result.counts.enrollments).toBeLessThan(2100);
      expect(store.counts(result.snapshotId)).toEqual(result.counts);
      counts.push(result.counts);
    }
    expect(counts[0]).toEqual(counts[1]);
    // Nothing is left locked or open: the store imports the next bundle normally.
    store.db.exec('DROP TRIGGER fail_insert');
    const next = await importCsvBundle(store, bundle, { writeThreadFrom: 0 });
    expect(next.status).toBe('complete');
    expect(next.counts.enrollments).toBe(ids.length);
  }, 60_000);
});
