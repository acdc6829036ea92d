import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsvBundle } from '../../electron/services/csv-import';
import { ImportResult, type CsvImportProblem } from '../../shared/snapshots/result';
import { useTempStores } from '../snapshots/helpers';
import { csvLine, writeBundle, writeZip } from './helpers';

const stores = useTempStores();
const T = '2024-08-01T00:00:00Z';
const SECRET = 'Hunter2-csv-secret';

const USERS_HEADER =
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
const userRow = (
  id: string,
  given: string,
  extra: { password?: string; userIds?: string; orgs?: string } = {},
) =>
  csvLine([
    id,
    'active',
    T,
    'true',
    extra.orgs ?? 's1',
    'student',
    `user.${id || 'none'}`,
    extra.userIds ?? '',
    given,
    'Doe',
    '',
    '',
    '',
    '',
    '',
    '',
    '09',
    extra.password ?? '',
  ]);

/** One bundle with a bit of everything that goes wrong in real exports. Line numbers are noted per row. */
function brokenBundle(dir: string): string {
  return writeBundle(dir, {
    'manifest.csv': [
      'propertyName,value',
      'manifest.version,1.0',
      'oneroster.version,1.1',
      'file.orgs,bulk',
      'file.academicSessions,bulk',
      'file.courses,bulk',
      'file.classes,bulk',
      'file.users,bulk',
      'file.enrollments,bulk',
      'file.demographics,absent',
    ].join('\n'),
    // UTF-8 BOM, CRLF line ends, a quoted comma, a metadata.* column.
    'orgs.csv':
      '\uFEFFsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.ncesId\r\n' +
      `d1,active,${T},Springfield District,district,,,\r\n` +
      `s1,active,${T},"Lincoln High, North",school,,d1,1234\r\n`,
    // A quoted title spanning lines 2-3; line 4 has a wrong column count.
    'academicSessions.csv': [
      'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
      `t1,active,${T},"Fall`,
      `Term",term,2024-08-19,2024-12-20,,2025`,
      `t2,active,${T},Spring,term,2025-01-06`,
      `y1,active,${T},2024-25,schoolYear,2024-08-19,2025-06-06,,2025`,
    ].join('\n'),
    // An unknown column; its values must survive in metadata.
    'courses.csv': [
      'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes,legacyCode',
      `k1,active,${T},y1,Algebra I,ALG1,"09,10",s1,Math,02052,OLD-77`,
    ].join('\n'),
    // Line 3: too few values; line 4: a stray quote after a quoted value (read literally, with a warning).
    'classes.csv': [
      'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
      `c1,active,${T},Algebra 1A,09,k1,ALG1A,scheduled,101,s1,"t1,t2",Math,02052,"1,2"`,
      `c2,active,${T},Algebra 1B`,
      `c3,active,${T},"Algebra" 1C,09,k1,ALG1C,scheduled,102,s1,t1,Math,02052,3`,
      `c4,active,${T},Algebra 1D,09,k1,ALG1D,scheduled,103,s1,y1,Math,02052,4`,
    ].join('\n'),
    // Line 3: no sourcedId; line 4: u1 again with other content; line 5: a quote never closed; line 7: Latin-1 bytes.
    'users.csv': Buffer.concat([
      Buffer.from(
        [
          USERS_HEADER,
          userRow('u1', 'Ann', { password: SECRET, userIds: '"{LDAP:12},{SIS:u-1}"' }),
          userRow('', 'Nobody'),
          userRow('u1', 'Annie'),
          `u3,active,${T},true,s1,student,"user.u3,{LDAP:3},Cy,Doe,,,,,,,09,${SECRET}`,
          userRow('u4', 'Dee', { orgs: '"s1,d1"' }),
          '',
        ].join('\n'),
      ),
      Buffer.from(userRow('u5', 'Ren\xe9', {}), 'latin1'),
      Buffer.from('\n'),
    ]),
    'demographics.csv': `sourcedId,status,dateLastModified,birthDate,sex\nu1,active,${T},2010-04-01,female\n`,
    'notes.csv': 'just,some,notes\n',
  });
}

function problem(result: ImportResult, file: string, code: string): CsvImportProblem {
  const found = result.errors.find((e) => e.file === file && e.code === code);
  if (!found) throw new Error(`no ${code} problem for ${file} in ${JSON.stringify(result.errors, null, 1)}`);
  return found;
}

describe('CSV import: malformed bundles', () => {
  it('imports everything valid, and reports and keeps every broken row with file, line and reason', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const result = ImportResult.parse(await importCsvBundle(store, brokenBundle(join(dir, 'bundle'))));

    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({
      orgs: 2,
      academicSessions: 2,
      courses: 1,
      classes: 3,
      users: 3,
      enrollments: 0,
      demographics: 1,
    });
    expect(result.issues.rejectedRows).toBe(4);
    expect(result.issues.byCollection.users).toMatchObject({
      rejectedRows: 2,
      duplicates: 1,
      conflictingDuplicates: 1,
    });
    expect(result.issues.byCollection.classes.rejectedRows).toBe(1);
    expect(result.issues.byCollection.academicSessions.rejectedRows).toBe(1);

    expect(problem(result, 'enrollments.csv', 'missing_file')).toMatchObject({
      severity: 'error',
      line: null,
    });
    expect(problem(result, 'academicSessions.csv', 'column_count')).toMatchObject({
      line: 4,
      severity: 'error',
    });
    expect(problem(result, 'classes.csv', 'column_count')).toMatchObject({ line: 3 });
    expect(problem(result, 'classes.csv', 'bad_quoting')).toMatchObject({ line: 4, severity: 'warning' });
    expect(problem(result, 'users.csv', 'no_sourced_id')).toMatchObject({ line: 3, column: 'sourcedId' });
    expect(problem(result, 'users.csv', 'bad_quoting')).toMatchObject({ line: 5, severity: 'error' });
    expect(problem(result, 'users.csv', 'not_utf8')).toMatchObject({ line: 7, severity: 'warning' });
    expect(problem(result, 'courses.csv', 'unknown_column')).toMatchObject({
      column: 'legacyCode',
      line: 1,
      severity: 'warning',
    });
    expect(problem(result, 'demographics.csv', 'file_not_in_manifest').severity).toBe('warning');
    expect(problem(result, 'notes.csv', 'unknown_file').severity).toBe('warning');
    expect(result.errors.some((e) => e.file === 'manifest.csv')).toBe(false);

    const id = result.snapshotId;
    const rejected = [...store.rejected(id)];
    expect(rejected.map((r) => r.location).sort()).toEqual(
      ['academicSessions.csv:4', 'classes.csv:3', 'users.csv:3', 'users.csv:5'].sort(),
    );
    expect(rejected.find((r) => r.location === 'classes.csv:3')!.raw).toBe(`c2,active,${T},Algebra 1B`);
    expect(store.getRecord(id, 'classes', 'c3')!.record.title).toBe('"Algebra" 1C');
    const unclosed = rejected.find((r) => r.location === 'users.csv:5')!;
    expect(unclosed.reason).toMatch(/never closed|not closed/);
    expect(unclosed.raw).toBe(
      `u3,active,${T},true,s1,student,"user.u3,{LDAP:3},Cy,Doe,,,,,,,09,[redacted: may hold a password]`,
    );

    // Recovered after the broken rows: multi-line values, quoted commas, lists, metadata, userIds.
    expect(store.getRecord(id, 'academicSessions', 't1')!.record.title).toBe('Fall\nTerm');
    expect(store.getRecord(id, 'academicSessions', 'y1')).not.toBeNull();
    const school = store.getRecord(id, 'orgs', 's1')!;
    expect(school.record).toMatchObject({ name: 'Lincoln High, North', parentId: 'd1' });
    expect(school.raw).toMatchObject({ metadata: { ncesId: '1234' } });
    expect(store.getRecord(id, 'orgs', 'd1')!.raw).not.toHaveProperty('metadata');
    const course = store.getRecord(id, 'courses', 'k1')!;
    expect(course.record.grades).toEqual(['09', '10']);
    expect(course.raw).toMatchObject({ metadata: { legacyCode: 'OLD-77' } });
    expect(store.getRecord(id, 'classes', 'c1')!.record).toMatchObject({
      termIds: ['t1', 't2'],
      periods: ['1', '2'],
    });
    expect(store.getRecord(id, 'classes', 'c4')).not.toBeNull();
    const u1 = store.getRecord(id, 'users', 'u1')!;
    expect(u1.record).toMatchObject({
      givenName: 'Ann',
      hasPassword: true,
      userIds: [
        { type: 'LDAP', identifier: '12' },
        { type: 'SIS', identifier: 'u-1' },
      ],
    });
    expect(u1.raw).toMatchObject({ password: '[redacted]' });
    expect(store.getRecord(id, 'users', 'u4')!.record.orgIds).toEqual(['s1', 'd1']);
    expect(store.getRecord(id, 'users', 'u5')!.record.givenName).toBe('Ren\uFFFD');

    store.close();
    for (const f of readdirSync(join(dir, 'data')))
      expect(readFileSync(join(dir, 'data', f)).includes(SECRET), f).toBe(false);
  });

  it('keeps the rows of a file without a sourcedId column as rejected, and says why', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundle = writeBundle(join(dir, 'b'), {
      'orgs.csv': `id,status,dateLastModified,name,type\no1,active,${T},One,school\no2,active,${T},Two,school\n`,
      'users.csv': `${USERS_HEADER}\n`,
      'courses.csv': '',
    });
    const result = await importCsvBundle(store, bundle);
    expect(result.status).toBe('complete');
    expect(result.counts.orgs).toBe(0);
    expect(result.issues.byCollection.orgs.rejectedRows).toBe(2);
    expect(problem(result, 'orgs.csv', 'missing_column')).toMatchObject({
      column: 'sourcedId',
      severity: 'error',
    });
    expect(problem(result, 'orgs.csv', 'unknown_column')).toMatchObject({ column: 'id' });
    expect(problem(result, 'courses.csv', 'empty_file').severity).toBe('warning');
    expect(problem(result, 'manifest.csv', 'missing_manifest').severity).toBe('warning');
    for (const missing of ['academicSessions.csv', 'classes.csv', 'enrollments.csv']) {
      expect(problem(result, missing, 'missing_file').severity).toBe('error');
    }
    expect(result.errors.some((e) => e.file === 'demographics.csv')).toBe(false); // optional without a manifest
    const rejected = [...store.rejected(result.snapshotId, 'orgs')];
    expect(rejected.map((r) => JSON.parse(r.raw) as unknown)).toEqual([
      { status: 'active', dateLastModified: T, name: 'One', type: 'school', metadata: { id: 'o1' } },
      { status: 'active', dateLastModified: T, name: 'Two', type: 'school', metadata: { id: 'o2' } },
    ]);
  });

  it('recovers from an unclosed quote within a long file and caps the problem list', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const lines = [USERS_HEADER];
    for (let i = 0; i < 3000; i++)
      lines.push(i % 2 === 0 ? userRow(`u${i}`, 'Ok') : `u${i},active,${T},true`);
    lines.splice(10, 0, `bad,active,${T},true,s1,student,"open quote,,Al,Doe,,,,,,,09,`);
    const bundle = writeBundle(join(dir, 'b'), { 'users.csv': lines.join('\n') });
    const result = await importCsvBundle(store, bundle);
    expect(result.counts.users).toBe(1500);
    expect(result.issues.rejectedRows).toBe(1501);
    expect(result.errors.length + result.moreErrors).toBe(1501 + 1 + 5); // rows + missing manifest + 5 missing files
    expect(result.errors.length).toBeLessThanOrEqual(500);
    expect(result.errors.find((e) => e.code === 'bad_quoting')).toMatchObject({ line: 11 });
  });

  it('throws a coded error, creating no snapshot, when the path is not a bundle', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    await expect(importCsvBundle(store, join(dir, 'missing.zip'))).rejects.toMatchObject({
      code: 'csv_bundle_not_found',
    });
    writeFileSync(join(dir, 'fake.zip'), 'this is not a zip');
    await expect(importCsvBundle(store, join(dir, 'fake.zip'))).rejects.toMatchObject({
      code: 'csv_bundle_unreadable',
      hint: expect.any(String),
    });
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'photos', 'cat.jpg'), 'meow');
    await expect(importCsvBundle(store, join(dir, 'photos'))).rejects.toMatchObject({
      code: 'csv_not_a_bundle',
    });
    const emptyZip = await writeZip(join(dir, 'empty.zip'), { 'readme.txt': 'nothing here' });
    await expect(importCsvBundle(store, emptyZip)).rejects.toMatchObject({ code: 'csv_not_a_bundle' });
    expect(store.list()).toEqual([]);
  });

  it('marks the snapshot failed (not complete, not partial) when a zip entry turns out to be damaged', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const rows = ['sourcedId,status,dateLastModified,name,type'];
    for (let i = 0; i < 20_000; i++) rows.push(`o${i},active,${T},Org ${i} ${(i * 7919) % 10007},school`);
    const zip = await writeZip(join(dir, 'b.zip'), {
      'orgs.csv': rows.join('\n'),
      'users.csv': `${USERS_HEADER}\n`,
    });
    const bytes = readFileSync(zip);
    for (let i = 2000; i < 2400; i++) bytes[i] = (bytes[i]! * 7 + 13) & 0xff; // inside orgs.csv's deflate data
    writeFileSync(zip, bytes);
    const result = await importCsvBundle(store, zip);
    expect(result.status).toBe('failed');
    // The message names the damaged file.
    expect(result.error).toMatch(/^orgs\.csv could not be read to the end/);
    expect(store.get(result.snapshotId)?.status).toBe('failed');
    expect(store.latestComplete(null)).toBeNull();
  });

  it('stops when cancelled and leaves a cancelled snapshot, never a complete one', async () => {
    const dir = stores.tempDir();
    const store = stores.open(join(dir, 'data'));
    const bundle = brokenBundle(join(dir, 'bundle'));
    const controller = new AbortController();
    const result = await importCsvBundle(store, bundle, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(result.status).toBe('cancelled');
    expect(store.get(result.snapshotId)).toMatchObject({
      status: 'cancelled',
      error: 'The import was cancelled.',
    });
    expect(result.counts.orgs).toBe(2);
    expect(result.counts.users).toBe(0);
    expect(store.latestComplete(null)).toBeNull();
  });
});
