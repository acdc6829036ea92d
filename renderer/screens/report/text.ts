import type { ReportFormat } from '../../../shared/report/model';

/** What each export format is, in the order the Report screen lists them. */
export const FORMAT_INFO: Record<ReportFormat, { label: string; detail: string }> = {
  pdf: { label: 'PDF report', detail: 'Print-quality, one-page verdict, charts and tables' },
  html: { label: 'HTML report', detail: 'The same report as a web page' },
  xlsx: { label: 'Findings (XLSX)', detail: 'Summary sheet and one sheet per record type' },
  csv: { label: 'Findings (CSV)', detail: 'Every finding, one per row' },
  json: { label: 'JSON', detail: 'The report and findings for other tools' },
  'canvas-zip': { label: 'Canvas SIS import zip', detail: 'The CSV files the sync would send' },
  'change-sis-id': { label: 'change_sis_id.csv', detail: 'Accepted remaps, to import before the first sync' },
};

/** Ticked by default: what a district is usually sent. */
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx'];

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${sizeFormat.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}
