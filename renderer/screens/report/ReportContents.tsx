import type { ReportModel } from '../../../shared/report/model';
import { useApp } from '../../app/state';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime, plural } from '../../format';
import { hostOf } from '../profiles/ProfileCard';
import { connectionLabel, downgradeSummary } from '../../../shared/text/vocabulary';
import { PLAN_LABEL, PLAN_TYPES, VERDICT_TITLE } from '../findings/text';

const VERDICT_ICON = { ready: 'pass', ready_with_warnings: 'warn', not_ready: 'fail' } as const;

/** What the exported report will say: verdict, counts, and the facts it records (snapshot, baseline, settings). */
export function ReportContents({ model }: { model: ReportModel }) {
  const app = useApp();
  const { counts, snapshot, baseline, rules } = model;
  const planTotal = PLAN_TYPES.reduce((n, t) => n + (model.plan.counts[t] ?? 0), 0);
  return (
    <section className="panel report-contents" aria-labelledby="report-contents-title">
      <div className="panel-head">
        <h2 id="report-contents-title">What the report will contain</h2>
      </div>
      <div
        className={`banner verdict verdict-${model.verdict} report-verdict`}
        aria-label="Report verdict"
        data-verdict={model.verdict}
      >
        <Icon name={VERDICT_ICON[model.verdict]} size={22} className="verdict-icon" />
        <div className="verdict-body">
          <strong className="verdict-title">{VERDICT_TITLE[model.verdict]}</strong>
          <span className="verdict-counts" data-testid="report-counts">
            <span data-severity="blocker">
              <strong>{formatCount(counts.blocker)}</strong> {counts.blocker === 1 ? 'blocker' : 'blockers'}
            </span>
            <span data-severity="warning">
              <strong>{formatCount(counts.warning)}</strong> {counts.warning === 1 ? 'warning' : 'warnings'}
            </span>
            <span data-severity="info">
              <strong>{formatCount(counts.info)}</strong> info
            </span>
            {rules.downgraded.rules > 0 && (
              <span className="warn-text" data-testid="report-downgraded">
                {downgradeSummary(rules.downgraded.rules, rules.downgraded.findings)}
              </span>
            )}
          </span>
        </div>
      </div>
      <dl className="report-facts">
        <dt>Snapshot</dt>
        <dd data-testid="report-snapshot">
          {snapshot.label || 'Unnamed snapshot'}
          <span className="muted small">
            {' '}
            · {formatDateTime(snapshot.finishedAt ?? snapshot.startedAt)} ·{' '}
            {snapshot.source === 'api' ? 'pulled' : 'imported CSV'}
          </span>
        </dd>
        <dt>Canvas baseline</dt>
        <dd data-testid="report-baseline">
          {baseline ? (
            <>
              {baseline.canvasUrl ? hostOf(baseline.canvasUrl) : 'Provisioning report'}
              <span className="muted small"> · {formatDateTime(baseline.fetchedAt)}</span>
            </>
          ) : (
            <>
              <span className="muted">None, so no conversion chapter.</span>{' '}
              <button type="button" className="link-button" onClick={() => app.go('conversion')}>
                Attach one
              </button>
            </>
          )}
        </dd>
        <dt>Findings</dt>
        <dd>
          {plural(model.totalFindings, 'finding', 'findings')}
          {model.acknowledgedBlockers > 0 && (
            <span className="muted small">
              {' '}
              · {plural(model.acknowledgedBlockers, 'blocker acknowledged', 'blockers acknowledged')}
            </span>
          )}
        </dd>
        <dt>Planned in Canvas</dt>
        <dd>
          {plural(planTotal, 'object', 'objects')}
          <span className="muted small">
            {' '}
            ·{' '}
            {PLAN_TYPES.filter((t) => (model.plan.counts[t] ?? 0) > 0)
              .map((t) => `${PLAN_LABEL[t]} ${formatCount(model.plan.counts[t])}`)
              .join(', ')}
          </span>
        </dd>
        <dt>Rule settings</dt>
        <dd>
          {rules.muted.length === 0 && rules.overridden.length === 0
            ? 'Catalogue defaults'
            : [
                rules.muted.length > 0 ? plural(rules.muted.length, 'rule muted', 'rules muted') : null,
                rules.overridden.length > 0
                  ? plural(rules.overridden.length, 'severity changed', 'severities changed')
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
        </dd>
        <dt>Mapping options</dt>
        <dd>
          {model.mapping.changed.length === 0
            ? 'Defaults'
            : plural(model.mapping.changed.length, 'option changed', 'options changed')}
        </dd>
        <dt>Connection check</dt>
        <dd>
          {model.connectivity
            ? `${connectionLabel(model.connectivity.verdict)} · ${formatDateTime(model.connectivity.finishedAt)}`
            : 'Not verified yet'}
        </dd>
        <dt>One-off syncs</dt>
        <dd data-testid="report-syncs">
          {model.syncHistory.length === 0 ? 'None yet' : plural(model.syncHistory.length, 'sync', 'syncs')}
        </dd>
      </dl>
      <p className="muted small report-note">
        <Icon name="key" size={14} /> Never includes passwords, tokens or client secrets. App{' '}
        {model.appVersion}.
      </p>
    </section>
  );
}
