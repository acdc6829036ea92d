import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { ConversionState } from '../../../shared/ipc/channels/conversion';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { NoDistrictState, NoSnapshotState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { TabButton } from '../../components/TabButton';
import { formatCount, formatDateTime, plural } from '../../format';
import { BaselineBar, BaselineProgress, NoBaselineState } from './BaselineBar';
import { CountCards } from './CountCards';
import { ObjectsTable, type ObjectsFilter } from './ObjectsTable';
import { ProposalsTable } from './ProposalsTable';
import { SimulationPanel } from './SimulationPanel';
import { useConversion, type ConversionView } from './useConversion';
import './conversion.css';

export function ConversionScreen() {
  const active = useApp().activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="swap" title="No district yet">
        <p>Add a district (or open the demo district), pull its roster, then compare it with Canvas here.</p>
      </NoDistrictState>
    );
  }
  return <ConversionPanel key={active.profile.id} view={active} />;
}

type Tab = 'objects' | 'proposals' | 'simulation';

function ConversionPanel({ view }: { view: ProfileView }) {
  const profileId = view.profile.id;
  const conversion = useConversion(profileId);
  const { state } = conversion;

  if (state === undefined) {
    return conversion.error ? <ErrorNotice error={conversion.error} /> : <p className="muted">Loading…</p>;
  }
  const notices = (
    <>
      {conversion.error && <ErrorNotice error={conversion.error} onDismiss={conversion.clearError} />}
      {conversion.running && <BaselineProgress view={conversion} />}
    </>
  );
  if (state.status === 'no_snapshot') {
    return (
      <NoSnapshotState title="Pull the roster first">
        <p>
          The conversion compares {view.profile.name}’s roster with Canvas, so it needs a complete snapshot.
        </p>
      </NoSnapshotState>
    );
  }
  if (state.status === 'no_baseline' || state.summary === null || state.conversionId === null) {
    return (
      <div className="conversion">
        {notices}
        {!conversion.running && <NoBaselineState view={conversion} />}
      </div>
    );
  }
  return <ConversionReady profileId={profileId} state={state} conversion={conversion} notices={notices} />;
}

function ConversionReady({
  profileId,
  state,
  conversion,
  notices,
}: {
  profileId: string;
  state: ConversionState;
  conversion: ConversionView;
  notices: React.ReactNode;
}) {
  const [tab, setTab] = useState<Tab>('objects');
  const [filter, setFilter] = useState<ObjectsFilter>({ type: 'users', status: undefined });
  const summary = state.summary!;
  const conversionId = state.conversionId!;
  const { reload } = conversion;

  return (
    <div className="conversion">
      <BaselineBar view={conversion} />
      {notices}
      <div className="conversion-meta muted small">
        Roster snapshot of {formatDateTime(state.snapshot!.at)} compared with Canvas today.
      </div>
      <CountCards
        counts={summary.counts}
        onPick={(type, status) => {
          setFilter({ type, status });
          setTab('objects');
        }}
      />
      <div className="tabs">
        <div className="tabs-list" role="tablist" aria-label="Conversion views">
          <TabButton
            id="conv-tab-objects"
            panel="conv-panel-objects"
            selected={tab === 'objects'}
            onSelect={() => setTab('objects')}
          >
            Canvas today ↔ after sync
          </TabButton>
          <TabButton
            id="conv-tab-proposals"
            panel="conv-panel-proposals"
            selected={tab === 'proposals'}
            onSelect={() => setTab('proposals')}
          >
            Remap review
            <span className="pill" data-testid="pending-count">
              {formatCount(summary.proposals.pending)} pending
            </span>
          </TabButton>
          <TabButton
            id="conv-tab-simulation"
            panel="conv-panel-simulation"
            selected={tab === 'simulation'}
            onSelect={() => setTab('simulation')}
          >
            Threshold simulation
            {summary.simulation.exceeds.length > 0 && <span className="pill pill-bad">over threshold</span>}
          </TabButton>
        </div>
        <div className="tabs-end">
          <ExportButton profileId={profileId} accepted={summary.proposals.accepted} />
        </div>
      </div>
      <div
        id={`conv-panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`conv-tab-${tab}`}
        className={tab === 'simulation' ? 'conv-panel' : 'conv-panel tab-fill'}
      >
        {tab === 'objects' && (
          <ObjectsTable
            profileId={profileId}
            conversionId={conversionId}
            counts={summary.counts}
            filter={filter}
            onFilter={setFilter}
          />
        )}
        {tab === 'proposals' && (
          <ProposalsTable
            profileId={profileId}
            conversionId={conversionId}
            proposals={summary.proposals}
            onChanged={reload}
          />
        )}
        {tab === 'simulation' && (
          <SimulationPanel
            key={JSON.stringify(state.importMode)}
            profileId={profileId}
            state={state}
            onChanged={reload}
          />
        )}
      </div>
    </div>
  );
}

/** change_sis_id.csv of the accepted remaps, saved where the user chooses. */
function ExportButton({ profileId, accepted }: { profileId: string; accepted: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const res = await call('conversion:exportChangeSisId', { profileId });
      if (res.path !== null) setSaved(`${plural(res.rows, 'row', 'rows')} saved to ${res.path}`);
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-box">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void run()}
        disabled={busy}
        title={accepted === 0 ? 'Accept remaps first: only accepted ones are exported' : undefined}
      >
        <Icon name="download" size={14} />
        Export change_sis_id.csv
        <span className="pill">{formatCount(accepted)}</span>
      </button>
      {saved && (
        <span className="muted small export-note" role="status">
          {saved}
        </span>
      )}
      {error && (
        <div className="export-error">
          <ErrorNotice error={error} onDismiss={() => setError(undefined)} />
        </div>
      )}
    </div>
  );
}
