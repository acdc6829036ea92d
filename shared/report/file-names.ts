import type { ReportFormat } from './model';

/**
 * Exported file names, one scheme for the app and the CLI: what the file is first (so a list of files is told apart
 * at a glance even when names are cut short), then the district and the local date and time it was made:
 * `findings-springfield-usd-2026-03-02-0915.csv`.
 */
export const EXPORT_KIND: Record<ReportFormat, { kind: string; ext: string }> = {
  pdf: { kind: 'readiness-report', ext: 'pdf' },
  html: { kind: 'readiness-report', ext: 'html' },
  json: { kind: 'readiness-report', ext: 'json' },
  csv: { kind: 'findings', ext: 'csv' },
  xlsx: { kind: 'findings', ext: 'xlsx' },
  'canvas-zip': { kind: 'canvas-sis-import', ext: 'zip' },
  'change-sis-id': { kind: 'change_sis_id', ext: 'csv' },
};

/** "Springfield Public Schools" → "springfield-public-schools". */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'district'
  );
}

/** `YYYY-MM-DD-HHMM` of an instant, in `timeZone` (IANA) or this computer's zone. */
export function fileStamp(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(d);
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}`;
}

/** `<district-slug>-<YYYY-MM-DD-HHMM>`: the part of a name shared by everything one export writes. */
export function exportStem(district: string, iso: string, timeZone?: string): string {
  return `${fileSlug(district)}-${fileStamp(iso, timeZone)}`;
}

/** `<what>-<stem>.<ext>`, e.g. `canvas-sis-import-demo-district-2026-12-06-0745.zip`. */
export function exportFileName(format: ReportFormat, stem: string): string {
  const { kind, ext } = EXPORT_KIND[format];
  return `${kind}-${stem}.${ext}`;
}
