import ExcelJS from 'exceljs';
import { ENTITY_TYPES, type Finding } from '../../../shared/rules/finding';
import type { ReportModel } from '../../../shared/report/model';
import { FINDING_COLUMNS, findingRow } from './findings-table';
import { VERDICT_LABEL } from './html/text';

/** Excel's row limit (minus the header): a larger group continues on a second sheet. */
export const XLSX_MAX_ROWS = 1_048_575;
/** Excel's limit per cell. */
const MAX_CELL = 32_767;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9EDF3' } };
const SEVERITY_FONT: Record<string, Partial<ExcelJS.Font>> = {
  blocker: { color: { argb: 'FFB42828' }, bold: true },
  warning: { color: { argb: 'FF955400' } },
  info: { color: { argb: 'FF2A64A8' } },
};

/**
 * Findings as a workbook (streamed with exceljs's WorkbookWriter, so large districts stay flat in memory):
 * a Summary sheet, then one sheet per entity type with a frozen, filterable header row.
 */
export async function writeFindingsXlsx(
  model: ReportModel,
  findings: readonly Finding[],
  path: string,
): Promise<{ sheets: string[] }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = `Roster Preflight ${model.appVersion}`;
  wb.created = new Date(model.generatedAt);
  writeSummary(wb, model);
  const sheets = ['Summary'];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    let g = groups.get(f.entityType);
    if (!g) groups.set(f.entityType, (g = []));
    g.push(f);
  }
  for (const type of ENTITY_TYPES) {
    const group = groups.get(type);
    if (!group) continue;
    for (let start = 0, part = 1; start < group.length; start += XLSX_MAX_ROWS, part++) {
      const name = part === 1 ? type : `${type} (${part})`;
      writeFindingSheet(wb, name, group.slice(start, start + XLSX_MAX_ROWS));
      sheets.push(name);
    }
  }
  await wb.commit();
  return { sheets };
}

function writeFindingSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, rows: readonly Finding[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = FINDING_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.addRow(FINDING_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  header.commit();
  for (const f of rows) {
    const r = findingRow(f);
    const row = ws.addRow(FINDING_COLUMNS.map((c) => clip(r[c.key])));
    row.getCell(1).font = SEVERITY_FONT[f.severity] ?? {};
    row.commit();
  }
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: rows.length + 1, column: FINDING_COLUMNS.length },
  };
  ws.commit();
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, m: ReportModel): void {
  const ws = wb.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { key: 'a', width: 28 },
    { key: 'b', width: 48 },
    { key: 'c', width: 14 },
    { key: 'd', width: 14 },
  ];
  const title = ws.addRow([`Readiness report: ${m.district.name}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  const facts: Array<[string, string | number]> = [
    ['Verdict', VERDICT_LABEL[m.verdict]],
    ['Blockers', m.counts.blocker],
    ['Acknowledged blockers', m.acknowledgedBlockers],
    ['Warnings', m.counts.warning],
    ['Info', m.counts.info],
    ['Findings', m.totalFindings],
    ['Report date (UTC)', m.generatedAt],
    ['Snapshot', `${m.snapshot.id} (${m.snapshot.label})`],
    ['Snapshot taken', m.snapshot.finishedAt ?? m.snapshot.startedAt],
    ['Canvas baseline', m.baseline ? `${m.baseline.id} (${m.baseline.fetchedAt})` : 'none'],
    ['Muted rules', m.rules.muted.map((r) => r.ruleId).join(', ') || 'none'],
    ['App version', m.appVersion],
  ];
  for (const [k, v] of facts) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  ws.addRow([]).commit();
  const head = ws.addRow(['Rule', 'Title', 'Severity', 'Findings']);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  head.commit();
  for (const r of m.byRule) ws.addRow([r.ruleId, r.title, r.severity, r.count]).commit();
  ws.autoFilter = {
    from: { row: head.number, column: 1 },
    to: { row: head.number + m.byRule.length, column: 4 },
  };
  ws.commit();
}

function clip(s: string): string {
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}
