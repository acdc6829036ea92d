import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importProvisioningZip } from '../../electron/services/canvas-baseline';
import { PROVISIONING_COLUMNS } from '../../shared/canvas/baseline';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { csvValue, writeProvisioningZip, writeZip } from '../../electron/services/demo-canvas/write-zip';
import { tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());

const userCols = PROVISIONING_COLUMNS.users;
const userLine = (values: Record<string, string>) =>
  `${userCols.map((c) => csvValue(values[c] ?? '')).join(',')}\n`;
const good = (n: number) =>
  userLine({
    canvas_user_id: String(n),
    user_id: `U${n}`,
    login_id: `user${n}`,
    status: 'active',
    created_by_sis: 'true',
  });

describe('provisioning report problems', () => {
  it('reports bad rows with file and line, keeps the good ones', async () => {
    const zip = join(stores.dir, 'bad-rows.zip');
    await writeZip(zip, {
      'users.csv': [
        `${userCols.join(',')},favourite_colour\n`,
        good(1).replace('\n', ',blue\n'),
        userLine({ canvas_user_id: 'x12', login_id: 'a', status: 'active' }).replace('\n', ',\n'), // line 3
        userLine({ canvas_user_id: '3', login_id: 'c', status: 'gone' }).replace('\n', ',\n'), // line 4
        '4,U4,,,"broken,quote\n', // line 5: unclosed quote
        '5,U5,too,few\n', // line 6
        good(6).replace('\n', ',red\n'),
      ],
    });
    const result = await importProvisioningZip(stores.baselines, zip, { profileId: 'bad' });
    expect(result.counts.users.total).toBe(2);
    const at = (line: number) => result.errors.find((e) => e.file === 'users.csv' && e.line === line);
    expect(at(1)).toMatchObject({
      code: 'unknown_columns',
      message: expect.stringContaining('favourite_colour'),
    });
    expect(at(3)).toMatchObject({ code: 'invalid_row', message: expect.stringContaining('canvas_user_id') });
    expect(at(4)).toMatchObject({ code: 'invalid_row', message: expect.stringContaining('status') });
    expect(at(5)).toMatchObject({ code: 'bad_quoting' });
    expect(at(6)).toMatchObject({ code: 'wrong_column_count' });
    // The five other parts are missing, each reported once.
    expect(
      result.errors
        .filter((e) => e.code === 'missing_file')
        .map((e) => e.file)
        .sort(),
    ).toEqual(['accounts.csv', 'courses.csv', 'enrollments.csv', 'sections.csv', 'terms.csv']);
    expect(result.errorCount).toBe(result.errors.length);
    expect([...stores.baselines.iterate(result.baselineId, 'users')].map((u) => u.user_id)).toEqual([
      'U1',
      'U6',
    ]);
  });

  it('skips a file without its required columns, unknown files, and xlist rows for unknown sections', async () => {
    const baseline = generateBaseline({ preset: 'tiny' }, { crosslisted: 1 });
    const zip = join(stores.dir, 'parts.zip');
    await writeProvisioningZip(baseline, zip, { parts: ['accounts', 'courses', 'sections'] });
    const zip2 = join(stores.dir, 'parts2.zip');
    await writeZip(zip2, {
      'terms.csv': ['term_id,name\n', 'T1,Fall\n'],
      'notes.csv': ['hello,world\n'],
      'admins.csv': ['admin_user_name,canvas_user_id\n'],
      'xlist.csv': [`${PROVISIONING_COLUMNS.xlist.join(',')}\n`, '10000,C1,999,S9,active,10001,C2\n'],
      'users.csv': [`${userCols.join(',')}\n`, good(1)],
    });
    const first = await importProvisioningZip(stores.baselines, zip);
    expect(first.counts.sections.total).toBe(baseline.sections.length);
    expect(first.counts.crosslisted).toBe(0); // no xlist part written
    const second = await importProvisioningZip(stores.baselines, zip2);
    const codes = second.errors.map((e) => `${e.file}:${e.line}:${e.code}`);
    expect(codes).toContain('terms.csv:1:missing_columns');
    expect(codes).toContain('notes.csv:0:unknown_file');
    expect(codes).toContain('xlist.csv:2:unknown_section');
    expect(codes.some((c) => c.startsWith('admins.csv'))).toBe(false);
    expect(second.counts.terms.total).toBe(0);
    expect(second.counts.users.total).toBe(1);
  });

  it('reads a single CSV download by its header', async () => {
    const file = join(stores.dir, 'provisioning_csv_27_Nov_2026.csv');
    writeFileSync(file, `${userCols.join(',')}\n${good(1)}${good(2)}`);
    const result = await importProvisioningZip(stores.baselines, file);
    expect(result.counts.users.total).toBe(2);
  });

  it('refuses a file that is no provisioning report, and a damaged zip', async () => {
    const zip = join(stores.dir, 'none.zip');
    await writeZip(zip, { 'readme.txt': ['hello\n'] });
    await expect(importProvisioningZip(stores.baselines, zip)).rejects.toMatchObject({
      code: 'baseline_no_report_files',
      hint: expect.stringContaining('Provisioning'),
    });
    const broken = join(stores.dir, 'broken.zip');
    writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
    await expect(importProvisioningZip(stores.baselines, broken)).rejects.toMatchObject({
      code: 'baseline_report_unreadable',
      hint: expect.stringContaining('Provisioning report'),
    });
  });

  it('cancels: the baseline is marked failed, never left half-written as complete', async () => {
    const baseline = generateBaseline({ preset: 'tiny' });
    const zip = join(stores.dir, 'cancel.zip');
    await writeProvisioningZip(baseline, zip);
    const ac = new AbortController();
    const before = new Set(stores.baselines.list().map((b) => b.id));
    await expect(
      importProvisioningZip(stores.baselines, zip, {
        profileId: 'cx',
        signal: ac.signal,
        onProgress: () => ac.abort(),
      }),
    ).rejects.toMatchObject({ code: 'baseline_import_cancelled' });
    const created = stores.baselines.list({ profileId: 'cx' }).filter((b) => !before.has(b.id));
    expect(created.map((b) => b.status)).toEqual(['failed']);
    expect(stores.baselines.latest('cx')).toBeNull();
  });
});
