import type { ClassificationCounts } from '../../../../shared/conversion/types';
import { CLASSIFICATIONS, CONVERSION_TYPES } from '../../../../shared/conversion/types';
import type { Severity } from '../../../../shared/rules/finding';
import { esc, type Formatters } from './text';

/**
 * Inline SVG charts for the report (no renderer code, no scripts): static markup that prints crisply at any
 * zoom. Colours match the app's light theme tokens so the report and the Findings screen read alike.
 */
export const COLORS = {
  blocker: '#b42828',
  warning: '#c27400',
  info: '#2a64a8',
  accent: '#2f5bd3',
  text: '#1a1e25',
  muted: '#5a6372',
  grid: '#dfe3ea',
  keep: '#177245',
  remap: '#2f5bd3',
  create: '#8a9bb8',
  orphan: '#b42828',
} as const;

const FONT = `font-family="'Liberation Sans', Arial, Helvetica, sans-serif"`;

export interface Bar {
  label: string;
  /** Small text before the label (e.g. the rule id). */
  code?: string;
  value: number;
  color: string;
}

/**
 * Horizontal bars with the label on the left and the count after the bar. `scale: 'sqrt'` (as in the app's
 * chart) keeps one very large value from flattening the rest; the exact count is always written.
 */
export function barChart(
  bars: readonly Bar[],
  fmt: Formatters,
  opts: { width?: number; labelWidth?: number; scale?: 'linear' | 'sqrt'; title: string },
): string {
  const width = opts.width ?? 680;
  const labelW = opts.labelWidth ?? 250;
  const countW = 70;
  const rowH = 22;
  const gap = 6;
  const barMax = width - labelW - countW;
  const f = opts.scale === 'sqrt' ? Math.sqrt : (n: number) => n;
  const max = Math.max(1, ...bars.map((b) => f(b.value)));
  const height = Math.max(rowH, bars.length * (rowH + gap) - gap);
  // With codes (rule ids): the id in a left column, the title after it, both left-aligned like a table.
  const codeW = bars.some((b) => b.code) ? 150 : 0;
  const titleChars = Math.floor((labelW - codeW - 12) / 6);
  const rows = bars.map((b, i) => {
    const y = i * (rowH + gap);
    const w = b.value === 0 ? 0 : Math.max(3, Math.round((f(b.value) / max) * barMax));
    const label =
      codeW > 0
        ? `<text x="0" y="${rowH / 2}" dominant-baseline="central" font-size="9.5" fill="${COLORS.muted}" font-family="'DejaVu Sans Mono', monospace">${esc(b.code ?? '')}</text>` +
          `<text x="${codeW}" y="${rowH / 2}" dominant-baseline="central" font-size="11.5" fill="${COLORS.text}">${esc(truncate(b.label, titleChars))}</text>`
        : `<text x="0" y="${rowH / 2}" dominant-baseline="central" font-size="11.5" fill="${COLORS.text}">${esc(truncate(b.label, titleChars))}</text>`;
    return (
      `<g transform="translate(0 ${y})"><title>${esc(`${b.code ? `${b.code} ` : ''}${b.label}: ${fmt.count(b.value)}`)}</title>${label}` +
      `<rect x="${labelW}" y="3" width="${w}" height="${rowH - 6}" rx="2.5" fill="${b.color}"/>` +
      `<text x="${labelW + w + 7}" y="${rowH / 2}" dominant-baseline="central" font-size="11.5" font-weight="600" fill="${COLORS.text}">${esc(fmt.count(b.value))}</text></g>`
    );
  });
  return svg(
    width,
    height,
    opts.title,
    `<line x1="${labelW}" y1="0" x2="${labelW}" y2="${height}" stroke="${COLORS.grid}"/>${rows.join('')}`,
  );
}

export const severityColor = (s: Severity): string => COLORS[s];

/** One 100 % stacked bar per Canvas type: keep / remap / create / orphan, with a legend. */
export function conversionChart(counts: ClassificationCounts, fmt: Formatters, width = 640): string {
  const labelW = 110;
  const totalW = 80;
  const rowH = 24;
  const gap = 8;
  const legendH = 26;
  const barMax = width - labelW - totalW;
  const types = CONVERSION_TYPES.filter((t) => counts[t] !== undefined);
  const rows = types.map((t, i) => {
    const c = counts[t] ?? {};
    const total = CLASSIFICATIONS.reduce((a, k) => a + (c[k] ?? 0), 0);
    const y = legendH + i * (rowH + gap);
    let x = labelW;
    const parts = CLASSIFICATIONS.map((k) => {
      const n = c[k] ?? 0;
      if (n === 0 || total === 0) return '';
      const w = Math.max(2, (n / total) * barMax);
      const seg =
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${COLORS[k]}"><title>${esc(`${t} ${k}: ${fmt.count(n)}`)}</title></rect>` +
        (w > 34
          ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + rowH / 2}" dominant-baseline="central" text-anchor="middle" font-size="10" fill="#fff">${esc(fmt.count(n))}</text>`
          : '');
      x += w;
      return seg;
    }).join('');
    return (
      `<text x="${labelW - 10}" y="${y + rowH / 2}" dominant-baseline="central" text-anchor="end" font-size="11.5" fill="${COLORS.text}">${esc(capitalise(t))}</text>` +
      (total === 0
        ? `<rect x="${labelW}" y="${y + 3}" width="${barMax}" height="${rowH - 6}" fill="none" stroke="${COLORS.grid}"/>`
        : parts) +
      `<text x="${width - totalW + 8}" y="${y + rowH / 2}" dominant-baseline="central" font-size="11.5" font-weight="600" fill="${COLORS.text}">${esc(fmt.count(total))}</text>`
    );
  });
  const legend = CLASSIFICATIONS.map(
    (k, i) =>
      `<g transform="translate(${labelW + i * 96} 4)"><rect width="12" height="12" rx="2" fill="${COLORS[k]}"/><text x="18" y="6" dominant-baseline="central" font-size="11" fill="${COLORS.text}">${esc(capitalise(k))}</text></g>`,
  ).join('');
  const height = legendH + types.length * (rowH + gap);
  return svg(width, height, 'Canvas objects by conversion outcome', legend + rows.join(''));
}

function svg(width: number, height: number, title: string, body: string): string {
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" ${FONT}>` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}
