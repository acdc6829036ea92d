import type { ReportModel } from '../../../../shared/report/model';
import { downgradeSummary } from '../../../../shared/text/vocabulary';
import { html, type Formatters, type Raw } from './text';

/** Blocker rules someone downgraded or muted for this district, with who, when and why. */
export function downgradedBlock(d: ReportModel['rules']['downgraded'], fmt: Formatters): Raw | '' {
  if (d.entries.length === 0) return '';
  return html`<div class="block" data-testid="report-downgraded">
    <h3>Downgraded blocker rules: ${downgradeSummary(d.rules, d.findings)}</h3>
    <p class="muted">
      These rules find blockers, but were lowered or muted for this district, so their findings no longer make
      it “not ready”.
    </p>
    <table class="data">
      <thead>
        <tr>
          <th>Rule</th>
          <th>Title</th>
          <th class="num">Findings</th>
          <th>Reason</th>
          <th>By</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody>
        ${d.entries.map(
          (e) =>
            html`<tr>
              <td class="mono rule">${e.ruleId}</td>
              <td>${e.title}</td>
              <td class="num">${fmt.count(e.findings)}</td>
              <td>${e.reason ?? 'Not recorded'}</td>
              <td>${e.by ?? '—'}</td>
              <td>${fmt.dateTime(e.at)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
