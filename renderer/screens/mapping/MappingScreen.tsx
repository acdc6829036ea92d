import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import { useApp } from '../../app/state';
import { EmptyState, NoDistrictState, NoSnapshotState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../format';
import { useEvaluation } from '../findings/useEvaluation';
import { TermsView } from '../terms/TermsView';
import { Explorer } from './Explorer';
import './mapping.css';
import { TabButton } from '../../components/TabButton';

/** Journey 4: the mapping tree with its details, and the term timeline. Built from the latest evaluation. */
export function MappingScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="tree" title="No district yet">
        <p>
          Add a district (or open the demo district), pull and evaluate it; its mapping to Canvas appears
          here.
        </p>
      </NoDistrictState>
    );
  }
  return <MappingPanel key={active.profile.id} view={active} />;
}

type Tab = 'tree' | 'terms';

function MappingPanel({ view }: { view: ProfileView }) {
  const profileId = view.profile.id;
  const evaluation = useEvaluation(profileId);
  const [tab, setTab] = useState<Tab>('tree');
  // The panel mounts with the Explorer tab: "open in Mapping" from Findings always lands in the tree.
  const shownTab = tab;

  const data = evaluation.data;
  if (data === undefined) {
    return evaluation.error ? <ErrorNotice error={evaluation.error} /> : <p className="muted">Loading…</p>;
  }
  const summary = data.summary;
  if (summary === null) {
    return (
      <div className="mapping-empty">
        {evaluation.error && <ErrorNotice error={evaluation.error} onDismiss={evaluation.clearError} />}
        {data.latestSnapshot === null ? (
          <NoSnapshotState icon="tree" title="Nothing to map yet">
            <p>Pull {view.profile.name}’s roster into a snapshot first, then evaluate it.</p>
          </NoSnapshotState>
        ) : (
          <EmptyState
            icon="tree"
            title="Evaluate the district to see its mapping"
            actions={
              <button
                type="button"
                className="btn btn-primary"
                disabled={evaluation.running}
                onClick={() => void evaluation.start()}
              >
                {evaluation.running ? (evaluation.progress?.label ?? 'Evaluating…') : 'Evaluate now'}
              </button>
            }
          >
            <p>
              The tree shows how {view.profile.name}’s latest snapshot lands in Canvas, with the findings of
              every rule on each school, term, course and section.
            </p>
          </EmptyState>
        )}
      </div>
    );
  }

  return (
    <div className="mapping">
      <div className="mapping-bar">
        <div className="mtabs" role="tablist" aria-label="Mapping views">
          <TabButton
            id="mtab-tree"
            panel="mpanel-tree"
            selected={shownTab === 'tree'}
            onSelect={() => setTab('tree')}
          >
            Explorer
          </TabButton>
          <TabButton
            id="mtab-terms"
            panel="mpanel-terms"
            selected={shownTab === 'terms'}
            onSelect={() => setTab('terms')}
          >
            Terms
          </TabButton>
        </div>
        <p className="muted small mapping-source">
          Snapshot of {formatDateTime(summary.snapshotAt)} · evaluated{' '}
          {formatDateTime(summary.summary.evaluatedAt)}
          {evaluation.running && ' · evaluating again…'}
        </p>
      </div>
      {shownTab === 'tree' ? (
        <div className="mapping-panel" role="tabpanel" id="mpanel-tree" aria-labelledby="mtab-tree">
          <Explorer profileId={profileId} evaluationKey={summary.evaluationId} />
        </div>
      ) : (
        <div className="mapping-panel" role="tabpanel" id="mpanel-terms" aria-labelledby="mtab-terms">
          <TermsView profileId={profileId} evaluationKey={summary.evaluationId} />
        </div>
      )}
    </div>
  );
}
