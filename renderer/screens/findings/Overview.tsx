import { useState } from 'react';
import type { FindingsSummary } from '../../../shared/findings/views';
import { SeverityBadge } from '../../components/Badges';
import { formatCount, plural } from '../../format';
import { RuleChart } from './RuleChart';
import { ENTITY_LABEL, PLAN_LABEL, PLAN_TYPES } from './text';

const CHART_RULES = 14;

/** Overview tab: findings per rule, the Canvas plan, top problems with remedies, muted rules. */
export function Overview({
  view,
  selectedRules,
  onSelectRule,
  onUnmute,
}: {
  view: FindingsSummary;
  /** Rules the grid is filtered to, shown pressed in the chart. */
  selectedRules?: readonly string[];
  onSelectRule(ruleId: string): void;
  onUnmute(ruleId: string): void;
}) {
  const s = view.summary;
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? s.byRule : s.byRule.slice(0, CHART_RULES);
  return (
    <div className="findings-overview">
      <section className="panel overview-chart" aria-labelledby="per-rule-title">
        <div className="panel-head">
          <h2 id="per-rule-title">Findings per rule</h2>
          <span className="muted small">
            {s.byRule.length > CHART_RULES && !showAll
              ? `Top ${CHART_RULES} of ${s.byRule.length} rules`
              : plural(s.byRule.length, 'rule', 'rules')}{' '}
            · choose a rule to list its findings
          </span>
        </div>
        <div className="chart-box">
          {s.byRule.length === 0 ? (
            <p className="muted">No findings: every check passed.</p>
          ) : (
            <RuleChart rules={shown} selected={selectedRules} onSelect={onSelectRule} />
          )}
          {s.byRule.length > CHART_RULES && (
            <button
              type="button"
              className="link-button chart-more"
              aria-expanded={showAll}
              onClick={() => setShowAll((v) => !v)}
            >
              {showAll ? `Show the top ${CHART_RULES} only` : `Show all ${s.byRule.length} rules`}
            </button>
          )}
        </div>
      </section>

      <section className="panel overview-plan" aria-labelledby="plan-title">
        <div className="panel-head">
          <h2 id="plan-title">Canvas plan</h2>
          <span className="muted small">rows the sync would import</span>
        </div>
        <dl className="plan-tiles" data-testid="plan-counts">
          {PLAN_TYPES.map((t) => (
            <div key={t} className="plan-tile" data-type={t}>
              <dt>{PLAN_LABEL[t]}</dt>
              <dd>{formatCount(view.plan.counts[t])}</dd>
            </div>
          ))}
        </dl>
        {view.plan.skipped.length > 0 && (
          <ul className="plan-skipped small">
            {view.plan.skipped.slice(0, 3).map((g) => (
              <li key={`${g.entityType}:${g.reason}`}>
                {plural(
                  g.count,
                  ENTITY_LABEL[g.entityType].toLowerCase(),
                  `${ENTITY_LABEL[g.entityType].toLowerCase()}s`,
                )}{' '}
                left out: {g.reason}
              </li>
            ))}
          </ul>
        )}
        {view.mutedRules.length > 0 && (
          <div className="muted-rules">
            <h3>Muted rules</h3>
            <ul>
              {view.mutedRules.map((id) => (
                <li key={id} data-muted-rule={id}>
                  <span className="mono">{id}</span>
                  <span className="muted small">
                    {s.muted.byRule[id] ? plural(s.muted.byRule[id], 'finding', 'findings') : 'none now'}
                  </span>
                  <button type="button" className="btn btn-small" onClick={() => onUnmute(id)}>
                    Unmute
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="panel overview-top" aria-labelledby="top-title">
        <div className="panel-head">
          <h2 id="top-title">Top problems</h2>
          <span className="muted small">most severe first, then most frequent</span>
        </div>
        {s.topProblems.length === 0 ? (
          <p className="muted">Nothing to fix.</p>
        ) : (
          <ol className="top-problems">
            {s.topProblems.slice(0, 5).map((p) => (
              <li key={p.ruleId} data-rule={p.ruleId}>
                <div className="top-head">
                  <SeverityBadge severity={p.severity} />
                  <button type="button" className="link-button" onClick={() => onSelectRule(p.ruleId)}>
                    {p.title}
                  </button>
                  <span className="mono muted">{p.ruleId}</span>
                  <span className="top-count">{plural(p.count, 'record', 'records')}</span>
                </div>
                <p className="finding-remedy">{p.remedy}</p>
                {p.examples.length > 0 && (
                  <p className="muted small top-examples">
                    e.g. {p.examples.map((e) => e.message).join(' · ')}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
