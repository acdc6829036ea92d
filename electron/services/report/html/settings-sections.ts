import { CANVAS_TYPES } from '../../../../shared/plan/types';
import type { ReportModel } from '../../../../shared/report/model';
import { downgradedBlock } from './downgraded-rules';
import { syncCheckBlock } from './sync-check';
import { html, SEVERITY_LABEL, type Formatters, type Raw } from './text';

/** The report's closing chapters: plan detail, configuration (mapping, rule settings), sync history, appendix. */

/** Long acknowledgement lists are cut in print; the XLSX/CSV carry every finding with its acknowledgement. */
const MAX_ACKS = 200;

const OPTION_LABEL: Record<string, string> = {
  userIdSource: 'User SIS id from',
  loginIdSource: 'Login id from',
  loginUserIdsType: 'Login userIds type',
  integrationIdSource: 'Integration id from',
  accountIdSource: 'Sub-account id from',
  orgLevels: 'Org levels',
  rootOrgId: 'Root org',
  courseMode: 'Courses',
  courseLongNameTemplate: 'Course long name',
  courseShortNameTemplate: 'Course short name',
  sectionNameTemplate: 'Section name',
  termMerge: 'Merge per-school terms',
  roleMap: 'Enrollment roles',
  nonPrimaryTeacherRole: 'Non-primary teachers as',
  observers: 'Observers (parents)',
  dropStatus: 'Dropped enrollments become',
};

export function planChapter(m: ReportModel, fmt: Formatters): Raw {
  const snapCounts = m.snapshot.counts;
  return html`<section class="chapter sheet">
    <h2>Data and plan</h2>
    <div class="two-col">
      <div class="block">
        <h3>OneRoster records in the snapshot</h3>
        ${
          snapCounts
            ? html`<table class="data">
                <thead>
                  <tr>
                    <th>Collection</th>
                    <th class="num">Records</th>
                  </tr>
                </thead>
                <tbody>
                  ${Object.entries(snapCounts).map(
                    ([k, v]) =>
                      html`<tr>
                        <td>${k}</td>
                        <td class="num">${fmt.count(v)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">Not recorded.</p>`
        }
      </div>
      <div class="block">
        <h3>Canvas SIS import rows</h3>
        <table class="data">
          <thead>
            <tr>
              <th>File</th>
              <th class="num">Rows</th>
            </tr>
          </thead>
          <tbody>
            ${CANVAS_TYPES.map(
              (t) =>
                html`<tr>
                  <td class="mono">${t}.csv</td>
                  <td class="num">${fmt.count(m.plan.counts[t])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>
    ${
      m.plan.skipped.length > 0
        ? html`<div class="block">
            <h3>Left out of the plan</h3>
            <table class="data">
              <thead>
                <tr>
                  <th>Type</th>
                  <th class="num">Records</th>
                  <th>Why</th>
                  <th>Examples</th>
                </tr>
              </thead>
              <tbody>
                ${m.plan.skipped.map(
                  (s) =>
                    html`<tr>
                      <td>${s.entityType}</td>
                      <td class="num">${fmt.count(s.count)}</td>
                      <td>${s.reason}</td>
                      <td class="mono">${s.examples.slice(0, 3).join(', ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }
  </section>`;
}

export function configurationChapter(m: ReportModel, fmt: Formatters): Raw {
  const { rules } = m;
  const changed = new Set(m.mapping.changed);
  const acks = rules.acknowledgedBlockers.slice(0, MAX_ACKS);
  return html`<section class="chapter chapter-flow sheet">
    <h2>Configuration used</h2>
    <p>
      Canvas dates: terms and enrollments start at 00:00:00 on their first day and end at 23:59:59 on their
      last, in <span class="mono">${m.canvasDates.timeZone}</span>
      (${m.canvasDates.source === 'profile' ? "the district profile's time zone" : "this computer's time zone; set one on the district profile"}).
      ${m.snapshot.onerosterVersion ? `The feed was read as OneRoster ${m.snapshot.onerosterVersion}.` : ''}
    </p>
    <div class="block">
      <h3>Mapping options</h3>
      <p class="muted">
        How OneRoster records become Canvas objects. Options changed from the defaults are marked ●.
      </p>
      <table class="data kv">
        <thead>
          <tr>
            <th style="width:55%">Option</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(m.mapping.options).map(
            ([k, v]) =>
              html`<tr>
                <td>
                  ${changed.has(k) ? '● ' : ''}${OPTION_LABEL[k] ?? k} <span class="muted mono">${k}</span>
                </td>
                <td class="mono">${optionValue(v)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="block">
      <h3>Muted rules</h3>
      ${
        rules.muted.length === 0
          ? html`<p>No rule is muted: every check counts.</p>`
          : html`<table class="data">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Title</th>
                  <th class="num">Findings hidden</th>
                </tr>
              </thead>
              <tbody>
                ${rules.muted.map(
                  (r) =>
                    html`<tr>
                      <td class="mono rule">${r.ruleId}</td>
                      <td>${r.title}</td>
                      <td class="num">${fmt.count(r.findings)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>
    ${
      rules.overridden.length > 0
        ? html`<div class="block">
            <h3>Severity changes</h3>
            <table class="data">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Title</th>
                  <th>Catalogue</th>
                  <th>This district</th>
                </tr>
              </thead>
              <tbody>
                ${rules.overridden.map(
                  (r) =>
                    html`<tr>
                      <td class="mono rule">${r.ruleId}</td>
                      <td>${r.title}</td>
                      <td>${SEVERITY_LABEL[r.from]}</td>
                      <td>${SEVERITY_LABEL[r.to]}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }
    ${downgradedBlock(rules.downgraded, fmt)}
    <h3>Acknowledged blockers</h3>
    ${
      acks.length === 0
        ? html`<p>No blocker has been acknowledged.</p>`
        : html`<p class="muted">
              Blockers someone decided to accept, with their reason. They stay listed but no longer make the
              district “not ready”.
            </p>
            <table class="data">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Record</th>
                  <th>Reason</th>
                  <th>By</th>
                  <th>When</th>
                </tr>
              </thead>
              <tbody>
                ${acks.map(
                  (a) =>
                    html`<tr>
                      <td class="mono rule">${a.ruleId}</td>
                      <td class="mono">${a.entityType} ${a.sourcedId}</td>
                      <td>${a.reason}</td>
                      <td>${a.by}</td>
                      <td class="nowrap">${fmt.day(a.at)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${
              rules.acknowledgedBlockers.length > acks.length
                ? html`<p class="muted">
                    ${fmt.count(rules.acknowledgedBlockers.length - acks.length)} more in the findings
                    spreadsheet.
                  </p>`
                : ''
            }`
    }
    ${
      rules.staleAcknowledgements > 0
        ? html`<p class="muted">
            ${fmt.count(rules.staleAcknowledgements)} earlier acknowledgements no longer match a finding (the
            problem is gone).
          </p>`
        : ''
    }
  </section>`;
}

export function syncHistoryBlock(m: ReportModel, fmt: Formatters): Raw {
  return html`<div class="block">
    <h3>Sync history</h3>
    ${
      m.syncHistory.length === 0
        ? html`<p>No sync has been run from Roster Preflight for this district.</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th>When</th>
                <th>By</th>
                <th>Mode</th>
                <th>Options</th>
                <th>Import</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              ${m.syncHistory.map(
                (s) =>
                  html`<tr>
                    <td>${fmt.dateTime(s.at)}</td>
                    <td>${s.by}</td>
                    <td>${s.mode}</td>
                    <td class="mono">
                      ${Object.entries(s.options)
                        .map(([k, v]) => `${k}=${String(v)}`)
                        .join(', ')}
                    </td>
                    <td class="mono">${s.importId ?? '—'}</td>
                    <td>
                      ${s.result}${
                        s.counts
                          ? html`<div class="muted">
                              ${Object.entries(s.counts)
                                .map(([k, v]) => `${k} ${fmt.count(v)}`)
                                .join(' · ')}
                            </div>`
                          : ''
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </div>`;
}

export function appendixChapter(m: ReportModel, fmt: Formatters): Raw {
  return html`<section class="chapter sheet">
    <h2>Appendix: all rules with findings</h2>
    ${
      m.byRule.length === 0
        ? html`<p>No findings.</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th>Severity</th>
                <th>Rule</th>
                <th>Title</th>
                <th class="num">Findings</th>
              </tr>
            </thead>
            <tbody>
              ${m.byRule.map(
                (r) =>
                  html`<tr>
                    <td><span class="pill pill-${r.severity}">${SEVERITY_LABEL[r.severity]}</span></td>
                    <td class="mono rule">${r.ruleId}</td>
                    <td>${r.title}</td>
                    <td class="num">${fmt.count(r.count)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <div class="block">
      <h3>Findings per record type</h3>
      <table class="data">
        <thead>
          <tr>
            <th>Record type</th>
            <th class="num">Findings</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(m.byEntityType).map(
            ([k, v]) =>
              html`<tr>
                <td>${k}</td>
                <td class="num">${fmt.count(v)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${syncHistoryBlock(m, fmt)} ${syncCheckBlock(m, fmt)}
    <div class="block">
      <h3>About this report</h3>
      <table class="facts">
        <tr>
          <th>Application</th>
          <td>Roster Preflight ${m.appVersion}</td>
        </tr>
        <tr>
          <th>Generated</th>
          <td>${fmt.dateTime(m.generatedAt)}</td>
        </tr>
        <tr>
          <th>Snapshot</th>
          <td class="mono">${m.snapshot.id} (${m.snapshot.label})</td>
        </tr>
        ${
          m.baseline
            ? html`<tr>
                <th>Canvas baseline</th>
                <td class="mono">${m.baseline.id}</td>
              </tr>`
            : ''
        }
        <tr>
          <th>Report format</th>
          <td>Version ${m.reportVersion}</td>
        </tr>
      </table>
    </div>
  </section>`;
}

function optionValue(v: unknown): string {
  if (v === null) return '(none)';
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k} → ${x === null ? 'not enrolled' : String(x)}`)
      .join(', ');
  }
  if (v === '') return '(empty)';
  return String(v);
}
