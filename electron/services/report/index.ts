export { buildReportModel, type ReportInput } from './model';
export { renderReportHtml, type HtmlOptions } from './html/render';
export { writeFindingsCsv } from './csv';
export { writeFindingsXlsx, XLSX_MAX_ROWS } from './xlsx';
export { writeReportJson } from './json';
export { FINDING_COLUMNS, findingRow, type FindingRow } from './findings-table';
export {
  createPlaywrightPdfPrinter,
  footerTemplate,
  CHROMIUM_ENV,
  DEFAULT_CHROMIUM,
  type PdfPrinter,
} from './pdf';
export {
  exportReport,
  defaultBaseName,
  type ExportOptions,
  type ExportedFile,
  type FileWriter,
  type ReportRenderer,
} from './export';
export { exportReportInWorker, renderReportHtmlInWorker, startReportThread } from './report-thread';
