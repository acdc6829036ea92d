import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import {
  locateRow,
  orderAccounts,
  planToCsvFiles,
  validateCanvasCsvZip,
  writeCanvasZip,
  writeChangeSisIdCsv,
  type ChangeSisIdRow,
} from '../../electron/services/canvas-csv';
import { openZipEntries } from '../../electron/services/canvas-csv/zip-entries';
import { CANVAS_COLUMNS, type AccountRow, type Plan } from '../../shared/plan/types';
import { demoPlan, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function zipTexts(path: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  const zip = await openZipEntries(path);
  try {
    const out = [];
    for (const e of zip.entries) {
      const chunks: Buffer[] = [];
      for await (const c of await e.open()) chunks.push(c as Buffer);
      out.push({ name: e.name, bytes: Buffer.concat(chunks) });
    }
    return out;
  } finally {
    zip.close();
  }
}

const account = (id: string, parent: string): AccountRow => ({
  account_id: id,
  parent_account_id: parent,
  name: `Account ${id}`,
  status: 'active',
  source: id,
  options: [],
});

describe('planToCsvFiles / writeCanvasZip', () => {
  const plan = demoPlan({ preset: 'tiny' }, { observers: true });
  const remaps: ChangeSisIdRow[] = [
    {
      old_id: 'old-u1',
      new_id: plan.users[0]!.user_id,
      old_integration_id: '',
      new_integration_id: '',
      type: 'user',
      source: plan.users[0]!.source,
    },
  ];

  it('writes every non-empty type in Canvas processing order with the plan columns', async () => {
    expect(plan.user_observers.length).toBeGreaterThan(0);
    const written = await writeCanvasZip(plan, { changeSisIdRows: remaps }, join(tmp.dir, 'sis.zip'));
    expect(written.files.map((f) => f.name)).toEqual([
      'change_sis_id.csv',
      'accounts.csv',
      'terms.csv',
      'courses.csv',
      'sections.csv',
      'users.csv',
      'enrollments.csv',
      'user_observers.csv',
    ]);
    const files = await zipTexts(written.path);
    expect(files.map((f) => f.name)).toEqual(written.files.map((f) => f.name));
    for (const f of files) {
      expect(f.bytes[0]).not.toBe(0xef); // no UTF-8 BOM
      const rows = parse(f.bytes.toString('utf8')) as string[][];
      const kind = f.name.replace('.csv', '') as keyof typeof CANVAS_COLUMNS | 'change_sis_id';
      if (kind === 'change_sis_id') {
        expect(rows[0]).toEqual(['old_id', 'new_id', 'old_integration_id', 'new_integration_id', 'type']);
      } else {
        expect(rows[0]).toEqual([...CANVAS_COLUMNS[kind]]);
        expect(rows.length - 1).toBe((plan[kind] as unknown[]).length);
      }
    }
    const users = parse(files.find((f) => f.name === 'users.csv')!.bytes, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(users[3]).toMatchObject({ user_id: plan.users[3]!.user_id, login_id: plan.users[3]!.login_id });
    expect(readFileSync(written.path).length).toBe(written.bytes);
  });

  it('is accepted by the Canvas rules validator with no problem at all', async () => {
    const path = join(tmp.dir, 'clean.zip');
    await writeCanvasZip(plan, { changeSisIdRows: remaps }, path);
    const v = await validateCanvasCsvZip(path);
    expect(v.problems).toEqual([]);
    expect(v.counts).toMatchObject({
      change_sis_id: 1,
      accounts: plan.accounts.length,
      terms: plan.terms.length,
      courses: plan.courses.length,
      sections: plan.sections.length,
      users: plan.users.length,
      enrollments: plan.enrollments.length,
      user_observers: plan.user_observers.length,
    });
  });

  it('keeps accounts.csv parents before children and always writes parent_account_id', async () => {
    const shuffled: Plan = {
      ...plan,
      accounts: [account('C', 'B'), account('B', 'A'), account('A', ''), account('X', 'ELSEWHERE')],
    };
    expect(orderAccounts(shuffled.accounts).map((a) => a.account_id)).toEqual(['A', 'X', 'B', 'C']);
    const files = planToCsvFiles(shuffled);
    const accounts = files.find((f) => f.kind === 'accounts')!;
    expect([...accounts.chunks()].join('')).toBe(
      'account_id,parent_account_id,name,status\nA,,Account A,active\nX,ELSEWHERE,Account X,active\nB,A,Account B,active\nC,B,Account C,active\n',
    );
    // Row numbers Canvas reports (header = 1) map back to the OneRoster record of the written row.
    expect(locateRow(files, 'accounts.csv', 4)).toEqual({ entityType: 'org', sourcedId: 'B' });
    expect(locateRow(files, 'users.csv', 2)).toEqual({
      entityType: 'user',
      sourcedId: plan.users[0]!.source,
    });
    expect(locateRow(files, 'enrollments.csv', plan.enrollments.length + 1)).toEqual({
      entityType: 'enrollment',
      sourcedId: plan.enrollments.at(-1)!.source,
    });
    expect(locateRow(files, 'users.csv', plan.users.length + 2)).toBeNull();
  });

  it('quotes commas, quotes, newlines and keeps Unicode intact', async () => {
    const tricky = ['Smith, Jr.', 'Say "hi"', 'line1\nline2', 'Zoë Ñúñez 山田 👩‍🏫', ' padded ', 'plain'];
    const users = plan.users.map((u, i) =>
      i < tricky.length ? { ...u, first_name: tricky[i]!, last_name: `${tricky[i]!}-${i}` } : u,
    );
    const trickyPlan: Plan = { ...plan, users };
    const path = join(tmp.dir, 'tricky.zip');
    await writeCanvasZip(trickyPlan, {}, path);
    const text = (await zipTexts(path)).find((f) => f.name === 'users.csv')!.bytes.toString('utf8');
    expect(text).toContain('"Smith, Jr."');
    expect(text).toContain('"Say ""hi"""');
    expect(text).toContain('"line1\nline2"');
    expect(text).toContain('" padded "');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.slice(0, tricky.length).map((r) => r.first_name)).toEqual(tricky);
    const v = await validateCanvasCsvZip(path);
    expect(v.problems).toEqual([]);
    expect(v.counts.users).toBe(plan.users.length);
  });

  it('writes change_sis_id.csv alone', async () => {
    const path = join(tmp.dir, 'change_sis_id.csv');
    const n = await writeChangeSisIdCsv(
      [
        ...remaps,
        {
          old_id: '',
          new_id: '',
          old_integration_id: 'int,01',
          new_integration_id: '<delete>',
          type: 'section',
        },
      ],
      path,
    );
    expect(n).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(
      `old_id,new_id,old_integration_id,new_integration_id,type\nold-u1,${remaps[0]!.new_id},,,user\n,,"int,01",<delete>,section\n`,
    );
  });
});
