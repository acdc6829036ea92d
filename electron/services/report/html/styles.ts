import type { PageSize } from '../../../../shared/report/model';

/**
 * The report's stylesheet: a printed document first (page size, margins, page breaks, repeated table headers),
 * and a readable single page on screen. System fonts only: the file must be self-contained.
 */
/** Printable height per page size (page minus the @page margins), less a little slack for rounding. */
const COVER_HEIGHT_MM: Record<PageSize, number> = { A4: 297 - 34 - 4, Letter: 279.4 - 34 - 4 };

export function reportCss(pageSize: PageSize): string {
  return `
@page { size: ${pageSize}; margin: 16mm 15mm 18mm 15mm; }
:root {
  --text: #1a1e25; --muted: #5a6372; --border: #dfe3ea; --surface: #f4f6f9; --accent: #2f5bd3;
  --ok: #177245; --ok-soft: #e3f4ea; --warn: #955400; --warn-soft: #fcf0dc;
  --bad: #b42828; --bad-soft: #fbe6e6; --info: #2a64a8; --info-soft: #e4eefa;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--text); background: #fff;
  font: 10pt/1.45 'Liberation Sans', Arial, 'Helvetica Neue', Helvetica, sans-serif;
  font-variant-numeric: tabular-nums;
}
h1, h2, h3 { line-height: 1.2; margin: 0; }
h2 { font-size: 16pt; margin: 0 0 3mm; padding-bottom: 2mm; border-bottom: 2px solid var(--text); }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; }
.muted { color: var(--muted); }
.mono, code { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 8.5pt; }
section.chapter { break-before: page; }
/* Short chapters continue on the page before instead of leaving it half empty. */
section.chapter-flow { break-before: auto; margin-top: 10mm; }
.block { break-inside: avoid; margin-bottom: 6mm; }
.lede { color: var(--muted); margin-bottom: 4mm; }

/* Title page: one sheet, the verdict first. */
.cover { height: ${COVER_HEIGHT_MM[pageSize]}mm; display: flex; flex-direction: column; }
.cover-brand { display: flex; align-items: center; gap: 3mm; color: var(--muted); font-size: 9.5pt; letter-spacing: .04em; text-transform: uppercase; }
.cover-brand .mark { width: 9mm; height: 9mm; border-radius: 2mm; background: var(--accent); color: #fff; display: grid; place-items: center; font-weight: 700; font-size: 11pt; letter-spacing: 0; }
.cover-kicker { margin-top: 30mm; color: var(--muted); font-size: 12pt; }
.cover h1 { font-size: 30pt; margin: 2mm 0 8mm; overflow-wrap: anywhere; }
.verdict { display: flex; align-items: stretch; border-radius: 3mm; overflow: hidden; border: 1px solid; }
.verdict .badge { padding: 6mm 7mm; color: #fff; font-size: 20pt; font-weight: 700; min-width: 70mm; display: flex; align-items: center; }
.verdict .why { padding: 5mm 6mm; font-size: 11pt; display: flex; align-items: center; }
.verdict-ready { border-color: var(--ok); background: var(--ok-soft); } .verdict-ready .badge { background: var(--ok); }
.verdict-ready_with_warnings { border-color: var(--warn); background: var(--warn-soft); } .verdict-ready_with_warnings .badge { background: var(--warn); }
.verdict-not_ready { border-color: var(--bad); background: var(--bad-soft); } .verdict-not_ready .badge { background: var(--bad); }
.counts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; margin: 8mm 0; }
.count { border: 1px solid var(--border); border-top: 4px solid; border-radius: 2mm; padding: 3.5mm 4.5mm; }
.count strong { display: block; font-size: 24pt; line-height: 1.1; }
.count span { color: var(--muted); }
.count-blocker { border-top-color: var(--bad); } .count-blocker strong { color: var(--bad); }
.count-warning { border-top-color: var(--warn); } .count-warning strong { color: var(--warn); }
.count-info { border-top-color: var(--info); } .count-info strong { color: var(--info); }
.facts { width: 100%; border-collapse: collapse; }
.facts th { text-align: left; font-weight: 400; color: var(--muted); width: 42mm; padding: 1.6mm 0; vertical-align: top; }
.facts td { padding: 1.6mm 0; border: 0; overflow-wrap: anywhere; }
.facts tr + tr > * { border-top: 1px solid var(--border); }
.cover-top { margin-top: 8mm; }
.cover-top ol { margin: 0; padding-left: 6mm; }
.cover-top li { padding: 1.2mm 0; }
.cover-top .pill { margin-right: 1.5mm; }
.cover-foot { margin-top: auto; color: var(--muted); font-size: 8.5pt; border-top: 1px solid var(--border); padding-top: 3mm; }
.demo-note { display: inline-block; margin-left: 3mm; padding: .5mm 2.5mm; border-radius: 10mm; background: var(--info-soft); color: var(--info); font-size: 9pt; vertical-align: middle; }

/* Tables: header repeated on every printed page, rows never split. */
table.data { width: 100%; border-collapse: collapse; margin: 0 0 5mm; font-size: 9pt; }
table.data thead { display: table-header-group; }
table.data th { text-align: left; background: var(--surface); color: var(--muted); font-weight: 600; font-size: 8pt; text-transform: uppercase; letter-spacing: .03em; padding: 2mm 2.5mm; border-bottom: 1px solid #c7cdd8; }
table.data td { padding: 1.8mm 2.5mm; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: break-word; }
table.data td.rule, table.data td.nowrap { white-space: nowrap; }
table.data tr { break-inside: avoid; }
table.data .num { text-align: right; white-space: nowrap; }
.pill { display: inline-block; padding: .3mm 2mm; border-radius: 10mm; font-size: 8pt; font-weight: 600; white-space: nowrap; }
.pill-blocker, .pill-fail { background: var(--bad-soft); color: var(--bad); }
.pill-warning, .pill-warn { background: var(--warn-soft); color: var(--warn); }
.pill-info, .pill-skip { background: var(--info-soft); color: var(--info); }
.pill-pass { background: var(--ok-soft); color: var(--ok); }

/* Top problems: numbered cards with the fix. */
.problem { break-inside: avoid; border: 1px solid var(--border); border-left: 4px solid; border-radius: 2mm; padding: 3mm 4mm; margin-bottom: 3.5mm; }
.problem-blocker { border-left-color: var(--bad); } .problem-warning { border-left-color: var(--warn); } .problem-info { border-left-color: var(--info); }
.problem header { display: flex; align-items: baseline; gap: 2.5mm; }
.problem header .n { font-weight: 700; color: var(--muted); }
.problem header h3 { margin: 0; font-size: 11pt; flex: 1; }
.problem header .how-many { font-weight: 700; white-space: nowrap; }
.problem .fix { margin: 1.5mm 0 1mm; }
.problem .fix b { color: var(--ok); }
.problem ul { margin: 0; padding-left: 5mm; color: var(--muted); font-size: 8.5pt; }
.chart { display: block; max-width: 100%; height: auto; }
.chart-note { font-size: 8pt; color: var(--muted); margin-top: 1mm; }
.two-col { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.kv { font-size: 9pt; }

@media screen {
  body { background: #e9ecf1; padding: 24px 0; }
  main { max-width: 210mm; margin: 0 auto; }
  .sheet { background: #fff; padding: 16mm 15mm; margin-bottom: 24px; box-shadow: 0 1px 3px rgba(16, 24, 40, .15); }
  .cover { height: auto; min-height: 240mm; }
}
`;
}
