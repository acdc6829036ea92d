import { readFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/rules/finding';
import { ReportModel } from '../../shared/report/model';
import { fileStamp } from '../../shared/report/file-names';
import {
  exportReport,
  FINDING_COLUMNS,
  writeFindingsCsv,
  writeFindingsXlsx,
  writeReportJson,
} from '../../electron/services/report';
import { ACK_REASON, buildFixture, FAKE_SECRET, FEED_PASSWORD, type ReportFixture } from './fixture';

let fx: ReportFixture;
let out: string;
beforeAll(async () => {
  fx = await buildFixture();
  out = mkdtempSync(join(tmpdir(), 'preflight-report-files-'));
});
afterAll(() => {
  fx?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** Findings whose text needs every CSV rule: commas, quotes, newlines, a formula, accents, a secret in detail. */
const tricky: Finding[] = [
  {
    ruleId: 'USER-NO-EMAIL',
    severity: 'warning',
    entityType: 'user',
    sourcedId: '=HYPERLINK("http://evil.example","click")',
    message: 'Zoë "Jo" O\'Neil, grade 7\nhas no email',
    remedy: 'Add an email address for students and teachers.',
    detail: { fields: ['email'], clientSecret: FAKE_SECRET, nested: { accessToken: FAKE_SECRET, ok: 1 } },
    related: [{ entityType: 'org', sourcedId: 'SCH-1' }],
  },
  {
    ruleId: 'SID-FORMAT',
    severity: 'warning',
    entityType: 'class',
    sourcedId: '-42',
    message: `see https://u:${FAKE_SECRET}@or.example.org/classes?token=${FAKE_SECRET}`,
    remedy: 'Fix the id.',
  },
];

describe('findings CSV', () => {
  it('round-trips through csv-parse: one row per finding, same ids, acknowledgements in columns', async () => {
    const path = join(out, 'findings.csv');
    await writeFindingsCsv(fx.evaluation.findings, path);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(fx.evaluation.findings.length);
    expect(Object.keys(rows[0]!)).toEqual(FINDING_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => `${r.rule_id} ${r.entity_type} ${r.sourced_id}`)).toEqual(
      fx.evaluation.findings.map((f) => `${f.ruleId} ${f.entityType} ${f.sourcedId}`),
    );
    const acked = rows.filter((r) => r.acknowledged_reason !== '');
    expect(acked).toEqual([
      expect.objectContaining({ rule_id: 'OR-REF-MISSING', acknowledged_reason: ACK_REASON }),
    ]);
    expect(text).not.toMatch(FEED_PASSWORD);
  });

  it('quotes per RFC 4180, defuses formulas and drops credentials from detail', async () => {
    const path = join(out, 'tricky.csv');
    await writeFindingsCsv(tricky, path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('\r\n');
    expect(text).not.toContain(FAKE_SECRET);
    const [a, b] = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(a!.message).toBe(tricky[0]!.message);
    expect(a!.sourced_id).toBe(`'${tricky[0]!.sourcedId}`);
    expect(JSON.parse(a!.detail!)).toEqual({ fields: ['email'], nested: { ok: 1 } });
    expect(a!.related).toBe('org:SCH-1');
    expect(b!.sourced_id).toBe('-42');
    expect(b!.message).toBe('see https://or.example.org/classes');
  });
});

describe('findings XLSX', () => {
  it('has a summary sheet and one filterable sheet with a frozen header per entity type', async () => {
    const path = join(out, 'findings.xlsx');
    const { sheets } = await writeFindingsXlsx(fx.model, fx.evaluation.findings, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(sheets);
    const byType = new Map<string, number>();
    for (const f of fx.evaluation.findings) byType.set(f.entityType, (byType.get(f.entityType) ?? 0) + 1);
    expect(names).toEqual(['Summary', ...[...byType.keys()].sort((a, b) => order(a) - order(b))]);

    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getCell('A1').value).toBe(`Readiness report: ${fx.model.district.name}`);
    const facts = new Map(
      summary
        .getSheetValues()
        .slice(2, 14)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(facts.get('Verdict')).toBe('Not ready');
    expect(facts.get('Blockers')).toBe(fx.model.counts.blocker);

    for (const [type, count] of byType) {
      const ws = wb.getWorksheet(type)!;
      expect(ws.rowCount, type).toBe(count + 1);
      expect(ws.getRow(1).values).toEqual([undefined, ...FINDING_COLUMNS.map((c) => c.header)]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBe(`A1:L${count + 1}`);
      expect(ws.getColumn(6).width).toBe(60);
    }
    const users = wb.getWorksheet('user')!;
    const ids = users.getColumn(5).values.slice(2);
    expect(ids).toEqual(
      fx.evaluation.findings.filter((f) => f.entityType === 'user').map((f) => f.sourcedId),
    );
  });
});

describe('report JSON', () => {
  it('is { report, findings } with the model and scrubbed findings', async () => {
    const path = join(out, 'report.json');
    await writeReportJson(fx.model, [...fx.evaluation.findings, ...tricky], path);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(FAKE_SECRET);
    const json = JSON.parse(text) as { report: unknown; findings: Finding[] };
    expect(ReportModel.parse(json.report)).toEqual(fx.model);
    expect(json.findings).toHaveLength(fx.evaluation.findings.length + 2);
    expect(json.findings.at(-2)!.detail).toEqual({ fields: ['email'], nested: { ok: 1 } });
  });
});

describe('exportReport', () => {
  it('writes the chosen formats under predictable names and leaves no partial files', async () => {
    const dir = join(out, 'export');
    const files = await exportReport({
      formats: ['json', 'html', 'csv', 'xlsx', 'html'],
      outDir: dir,
      model: fx.model,
      findings: fx.evaluation.findings,
    });
    expect(files.map((f) => f.format)).toEqual(['json', 'html', 'csv', 'xlsx']);
    // What the file is first, then the district and the local date and time (same scheme in the app and CLI).
    const stem = `springfield-unified-school-district-${fileStamp(fx.model.generatedAt)}`;
    expect(stem).toMatch(/-2026-03-0[123]-\d{4}$/);
    expect(files.map((f) => f.path.slice(dir.length + 1))).toEqual([
      `readiness-report-${stem}.json`,
      `readiness-report-${stem}.html`,
      `findings-${stem}.csv`,
      `findings-${stem}.xlsx`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.path.slice(dir.length + 1)).sort());
  });

  it('refuses formats it cannot produce before writing anything, with a code and a hint', async () => {
    const dir = join(out, 'refused');
    for (const format of ['pdf', 'canvas-zip', 'change-sis-id'] as const) {
      await expect(
        exportReport({ formats: ['html', format], outDir: dir, model: fx.model, findings: [] }),
      ).rejects.toMatchObject({ code: 'format_unavailable', hint: expect.any(String) });
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('writes injected formats (Canvas zip, change_sis_id) through the given writers; a failing writer leaves nothing', async () => {
    const dir = join(out, 'injected');
    const files = await exportReport({
      formats: ['change-sis-id'],
      outDir: dir,
      model: fx.model,
      findings: [],
      changeSisId: async (p) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(p, 'old_id,new_id,old_integration_id,new_integration_id,type\r\n');
      },
    });
    expect(readFileSync(files[0]!.path, 'utf8')).toMatch(/^old_id,new_id/);
    await expect(
      exportReport({
        formats: ['canvas-zip'],
        outDir: dir,
        model: fx.model,
        findings: [],
        canvasZip: async (p) => {
          const { writeFile } = await import('node:fs/promises');
          await writeFile(p, 'partial');
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([files[0]!.path.slice(dir.length + 1)]);
  });
});

function order(type: string): number {
  const all = ['org', 'academicSession', 'course', 'class', 'user', 'enrollment', 'demographics', 'endpoint'];
  return all.indexOf(type);
}
