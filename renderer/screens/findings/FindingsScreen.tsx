import { useCallback, useEffect, useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { RuleChange } from '../../../shared/ipc/channels/settings';
import type { RuleSettings } from '../../../shared/mapping/options';
import { call } from '../../api/client';
import { useApp } from '../../app/state';
import { EmptyState, NoDistrictState, NoSnapshotState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { NextStep } from '../../components/NextStep';
import { formatCount, formatDateTime } from '../../format';
import { FindingsExplorer } from './FindingsExplorer';
import { INITIAL_GRID, NO_FILTERS, type GridState } from './gridState';
import { Overview } from './Overview';
import { useEvaluation, type EvaluationState } from './useEvaluation';
import { VerdictStrip } from './VerdictStrip';
import './findings.css';
import { TabButton } from '../../components/TabButton';

export function FindingsScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="flag" title="No district yet">
        <p>Add a district (or open the demo district), pull its roster, then evaluate it here.</p>
      </NoDistrictState>
    );
  }
  return <FindingsPanel key={active.profile.id} view={active} />;
}

type Tab = 'overview' | 'findings';

function FindingsPanel({ view }: { view: ProfileView }) {
  const app = useApp();
  const profileId = view.profile.id;
  const evaluation = useEvaluation(profileId);
  const [tab, setTab] = useState<Tab>('overview');
  const [grid, setGrid] = useState<GridState>(INITIAL_GRID);
  const [rules, setRules] = useState<RuleSettings | undefined>();

  useEffect(() => {
    let live = true;
    call('settings:getRules', { profileId }).then(
      (r) => live && setRules(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [profileId]);

  const { reload } = evaluation;
  const onRuleChange = useCallback(
    async (change: RuleChange) => {
      setRules(await call('settings:setRules', { profileId, change }));
      reload();
    },
    [profileId, reload],
  );
  const onGrid = useCallback((update: (s: GridState) => GridState) => setGrid(update), []);

  const data = evaluation.data;
  const summary = data?.summary ?? null;
  const latest = data?.latestSnapshot ?? null;
  const outdated = summary !== null && latest !== null && latest.id !== summary.snapshotId;

  const selectRule = (ruleId: string) => {
    setGrid((s) => ({ ...s, filters: { ...NO_FILTERS, ruleId: [ruleId] } }));
    setTab('findings');
  };
  // Opened from elsewhere (a failing guard rail on the Sync screen): the grid filtered by that rule.
  const target = app.findingsTarget;
  const [appliedTarget, setAppliedTarget] = useState(0);
  if (target && target.seq !== appliedTarget) {
    setAppliedTarget(target.seq);
    setGrid((s) => ({ ...s, filters: { ...NO_FILTERS, ruleId: [target.ruleId] } }));
    setTab('findings');
  }

  if (data === undefined) {
    return evaluation.error ? <ErrorNotice error={evaluation.error} /> : <p className="muted">Loading…</p>;
  }
  if (latest === null && summary === null) {
    return (
      <NoSnapshotState title="Nothing to evaluate yet">
        <p>
          Pull {view.profile.name}’s roster into a snapshot first; the findings of every rule appear here.
        </p>
      </NoSnapshotState>
    );
  }

  return (
    <div className="findings">
      <EvaluateBar evaluation={evaluation} latest={latest} outdated={outdated} evaluated={summary !== null} />
      {evaluation.error && <ErrorNotice error={evaluation.error} onDismiss={evaluation.clearError} />}
      {summary === null ? (
        !evaluation.running && (
          <EmptyState
            icon="flag"
            title="Not evaluated yet"
            actions={
              <button type="button" className="btn btn-primary" onClick={() => void evaluation.start()}>
                <Icon name="play" size={16} />
                Evaluate snapshot
              </button>
            }
          >
            <p>
              Evaluation maps the snapshot to Canvas and runs every rule. It takes seconds for a district of
              ten thousand users.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <VerdictStrip view={summary} />
          <div className="tabs">
            <div className="tabs-list" role="tablist" aria-label="Findings views">
              <TabButton
                id="tab-overview"
                panel="panel-overview"
                selected={tab === 'overview'}
                onSelect={() => setTab('overview')}
              >
                Overview
              </TabButton>
              <TabButton
                id="tab-findings"
                panel="panel-findings"
                selected={tab === 'findings'}
                onSelect={() => setTab('findings')}
              >
                All findings
                <span className="pill">
                  {formatCount(
                    summary.summary.counts.blocker +
                      summary.summary.counts.warning +
                      summary.summary.counts.info,
                  )}
                </span>
              </TabButton>
            </div>
            <div className="tabs-end row-actions">
              <button type="button" className="btn btn-small" onClick={() => app.go('options')}>
                <Icon name="edit" size={15} />
                Mapping options
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void evaluation.start()}
                disabled={evaluation.running}
              >
                <Icon name="refresh" size={15} />
                Re-evaluate
              </button>
            </div>
          </div>
          {tab === 'overview' ? (
            <div role="tabpanel" id="panel-overview" aria-labelledby="tab-overview" className="tab-panel">
              <Overview
                view={summary}
                selectedRules={grid.filters.ruleId}
                onSelectRule={selectRule}
                onUnmute={(ruleId) => void onRuleChange({ kind: 'mute', ruleId, muted: false })}
              />
              {summary.summary.verdict === 'not_ready' ? (
                <NextStep
                  text="fix the blockers in the SIS (each rule says how) or acknowledge them with a reason, then pull again."
                  action="Show the blockers"
                  onAction={() => {
                    setGrid((s) => ({ ...s, filters: { ...NO_FILTERS, severity: ['blocker'] } }));
                    setTab('findings');
                  }}
                />
              ) : (
                <NextStep
                  text="see what happens to the users, courses and terms already in Canvas."
                  action="Go to Conversion"
                  screen="conversion"
                />
              )}
            </div>
          ) : (
            <div
              role="tabpanel"
              id="panel-findings"
              aria-labelledby="tab-findings"
              className="tab-panel tab-fill"
            >
              <FindingsExplorer
                profileId={profileId}
                view={summary}
                state={grid}
                onState={onGrid}
                rules={rules}
                onRuleChange={onRuleChange}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function EvaluateBar({
  evaluation,
  latest,
  outdated,
  evaluated,
}: {
  evaluation: EvaluationState;
  latest: { id: string; finishedAt: string | null } | null;
  outdated: boolean;
  evaluated: boolean;
}) {
  const p = evaluation.progress;
  if (evaluation.running) {
    const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : undefined;
    return (
      <div className="banner banner-running evaluate-bar" role="status" data-testid="evaluate-progress">
        <span className="spinner" aria-hidden="true" />
        <strong>{p?.label ?? 'Starting the evaluation…'}</strong>
        {pct !== undefined && <span className="muted">{pct}%</span>}
        <button
          type="button"
          className="btn btn-small evaluate-cancel"
          onClick={() => void evaluation.cancel()}
        >
          <Icon name="stop" size={14} />
          Cancel
        </button>
      </div>
    );
  }
  if (!evaluated || !outdated) return null;
  return (
    <div className="banner evaluate-bar evaluate-outdated" role="status">
      <Icon name="info" size={18} />
      <span>
        A newer snapshot exists{latest?.finishedAt ? ` (${formatDateTime(latest.finishedAt)})` : ''}: these
        findings are for an older one.
      </span>
      <button
        type="button"
        className="btn btn-primary btn-small evaluate-cancel"
        onClick={() => void evaluation.start()}
      >
        Evaluate newest snapshot
      </button>
    </div>
  );
}
