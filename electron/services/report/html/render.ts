import type { PageSize, ReportModel } from '../../../../shared/report/model';
import { redactSecrets } from '../../logging/redact';
import {
  connectivityChapter,
  conversionChapter,
  coverPage,
  summaryChapter,
  topProblemsChapter,
} from './sections';
import { appendixChapter, configurationChapter, planChapter } from './settings-sections';
import { reportCss } from './styles';
import { formatters, html, raw, VERDICT_LABEL } from './text';

export interface HtmlOptions {
  pageSize?: PageSize;
  /** Numbers and dates (default en-US, UTC). */
  locale?: string;
  timeZone?: string;
}

/**
 * The readiness report as one self-contained HTML file: inline CSS and SVG, no scripts, no external requests
 * (a CSP forbids them), every value escaped. The same file is printed to PDF by Chromium.
 */
export function renderReportHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const fmt = formatters({ locale: options.locale ?? 'en-US', timeZone: options.timeZone ?? 'UTC' });
  const title = `Readiness report: ${model.district.name} (${VERDICT_LABEL[model.verdict]})`;
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Roster Preflight ${model.appVersion}" />
        <title>${title}</title>
        <style>
          ${raw(reportCss(options.pageSize ?? 'A4'))}
        </style>
      </head>
      <body>
        <main>
          ${coverPage(model, fmt)} ${summaryChapter(model, fmt)} ${topProblemsChapter(model, fmt)}
          ${conversionChapter(model, fmt)} ${connectivityChapter(model, fmt)} ${planChapter(model, fmt)}
          ${configurationChapter(model, fmt)} ${appendixChapter(model, fmt)}
        </main>
      </body>
    </html> `;
  // Last line of defence: any registered secret value is removed (roster text is never pattern-scrubbed).
  return redactSecrets(doc.__html);
}
