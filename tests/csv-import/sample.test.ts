import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importCsvBundle } from '../../electron/services/csv-import';
import { diffSnapshots } from '../../electron/services/diff/diff';
import { ImportResult } from '../../shared/snapshots/result';
import { useTempStores } from '../snapshots/helpers';
import { folderEntries, SAMPLE_DIR, writeZip } from './helpers';

const stores = useTempStores();

/** Rows per file counted independently of the importer (csv-parse on the whole file). */
function rowsIn(file: string): number {
  return (
    parse(readFileSync(join(SAMPLE_DIR, file)), {
      bom: true,
      columns: true,
      relax_column_count: true,
    }) as unknown[]
  ).length;
}

describe('CSV import: public Ed-Fi Grand Bend 1.1 sample', () => {
  it('imports the folder with exact counts and reports its quirks instead of failing', async () => {
    const store = stores.open();
    const progress: string[] = [];
    const result = ImportResult.parse(
      await importCsvBundle(store, SAMPLE_DIR, {
        profileId: 'grand-bend',
        onProgress: (p) => progress.push(p.file),
      }),
    );
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({
      orgs: 2,
      academicSessions: 3,
      courses: 2,
      classes: 2,
      users: 10,
      enrollments: 24,
      demographics: 0,
    });
    expect(result.counts).toMatchObject({
      orgs: rowsIn('orgs.csv'),
      academicSessions: rowsIn('academicSessions.csv'),
      courses: rowsIn('courses.csv'),
      classes: rowsIn('classes.csv'),
      users: rowsIn('users.csv'),
      enrollments: rowsIn('enrollments.csv'),
    });
    // Blank status/dateLastModified on every row: without a manifest the bundle is read as bulk, where the CSV
    // binding allows both blank (status = active), so no record is invalid and none rejected.
    expect(result.issues).toMatchObject({ invalidRecords: 0, rejectedRows: 0, duplicates: 0 });
    // The two teacher rows end with one comma too many (an empty 19th value): imported, with a warning.
    expect(result.errors.map((e) => [e.file, e.line, e.code])).toEqual([
      ['manifest.csv', null, 'missing_manifest'],
      ['users.csv', 10, 'extra_values'],
      ['users.csv', 11, 'extra_values'],
    ]);
    expect(new Set(progress)).toEqual(
      new Set([
        'orgs.csv',
        'academicSessions.csv',
        'courses.csv',
        'classes.csv',
        'users.csv',
        'enrollments.csv',
      ]),
    );

    const meta = store.get(result.snapshotId)!;
    expect(meta).toMatchObject({
      source: 'csv',
      profileId: 'grand-bend',
      label: 'edfi-grand-bend-1.1',
      status: 'complete',
    });
    expect(meta.providerFacts).toMatchObject({
      format: 'folder',
      manifest: null,
      files: { 'users.csv': { rows: 10, stored: 10, rejected: 0 } },
    });

    const cls = store.getRecord(result.snapshotId, 'classes', '25590100101Trad120ENG112011')!;
    expect(cls.record).toMatchObject({
      courseId: 'ENG-1',
      schoolId: '255901001',
      termIds: ['255901001_2021_2020-2021_Fall', '255901001_2021_2020-2021_Spring'],
      periods: ['1'],
      status: 'active',
      dateLastModified: null,
    });
    expect(cls.issues).toEqual([]);
    const teacher = store.getRecord(result.snapshotId, 'users', '207270')!.record;
    expect(teacher).toMatchObject({
      role: 'teacher',
      email: null,
      username: 'Kelley Heidi Christian',
      orgIds: ['255901001'],
    });
    const student = store.getRecord(result.snapshotId, 'users', '605015')!.record;
    expect(student.userIds).toEqual([{ type: 'Local', identifier: '015' }]);
    const teacherEnrollments = [...store.iterate(result.snapshotId, 'enrollments')].filter(
      (e) => e.role === 'teacher',
    );
    expect(teacherEnrollments.every((e) => e.primary === true)).toBe(true);
  });

  it('imports the same bundle from a zip (files in a folder, macOS junk alongside) with identical records', async () => {
    const store = stores.open();
    const zipPath = await writeZip(join(stores.tempDir(), 'grand-bend.zip'), {
      ...folderEntries(SAMPLE_DIR, 'Grand Bend/'),
      '__MACOSX/Grand Bend/._users.csv': Buffer.from([0, 5, 22, 7, 0, 2]),
    });
    const fromFolder = await importCsvBundle(store, SAMPLE_DIR);
    const fromZip = await importCsvBundle(store, zipPath, { label: 'zip' });
    expect(fromZip.status).toBe('complete');
    expect(fromZip.counts).toEqual(fromFolder.counts);
    expect(fromZip.issues).toEqual(fromFolder.issues);
    expect(store.get(fromZip.snapshotId)?.providerFacts.format).toBe('zip');
    const diff = diffSnapshots(store, fromFolder.snapshotId, fromZip.snapshotId);
    for (const [collection, c] of Object.entries(diff.collections)) {
      expect({ collection, ...c }).toEqual({
        collection,
        added: 0,
        removed: 0,
        changed: 0,
        unchanged: fromFolder.counts[collection as 'users'],
      });
    }
  });
});
