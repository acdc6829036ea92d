import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { SyncJobResult } from '../../../shared/ipc/channels/sync';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { useJob } from '../../app/jobs';
import { useJobSlot } from '../../app/jobSlots';
import { useApp } from '../../app/state';
import { EmptyState, NoDistrictState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useEvaluation } from '../findings/useEvaluation';
import { hostOf } from '../profiles/ProfileCard';
import { ConfirmSyncDialog } from './ConfirmSyncDialog';
import { GuardRails } from './GuardRails';
import { HistoryList } from './HistoryList';
import { ModePicker } from './ModePicker';
import { PredictedSkips, PredictedVsActual } from './PredictionPanels';
import { SimulationTable } from './SimulationTable';
import { SyncProgressPanel } from './SyncProgressPanel';
import { SyncResultPanel } from './SyncResultPanel';
import { useHistory, usePreflight, useSimulation, useSyncRun, useUnfinished } from './useSync';
import '../pull/pull.css';
import '../snapshots/snapshots.css';
import '../report/report.css';
import './sync.css';

export function SyncScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="upload" title="No district to sync yet">
        <p>Add a district with its Canvas connection (or open the demo district) to run a supervised sync.</p>
      </NoDistrictState>
    );
  }
  return <SyncPanel key={active.profile.id} view={active} />;
}

function SyncPanel({ view }: { view: ProfileView }) {
  const app = useApp();
  const { profile } = view;
  const evaluation = useEvaluation(profile.id);
  // Everything reloads when a sync starts or ends (and the preflight when the evaluation changes).
  const slot = useJobSlot('sync', profile.id);
  const job = useJob(slot?.jobId);
  const jobKey = `${slot?.jobId ?? ''}|${job?.done ? 'done' : job ? 'running' : ''}`;
  const pre = usePreflight(profile.id, `${jobKey}|${evaluation.data?.summary?.evaluationId ?? ''}`);
  const run = useSyncRun(profile.id, pre.data?.activeJobId);
  const history = useHistory(profile.id, jobKey);
  const status = useUnfinished(profile.id, jobKey);
  const [edited, setMode] = useState<ImportMode | undefined>();
  const [confirming, setConfirming] = useState(false);
  // A deliberate choice to send with undecided remaps / unacknowledged ambiguous matches (their rows are skipped).
  const [allowPending, setAllowPending] = useState(false);
  // A history row the user picked, remembered with the job that was current then.
  const [picked, setPicked] = useState<{ id: string; jobId: string | undefined }>();
  const preflight = pre.data;
  // The district's saved mode until the user changes it.
  const mode = edited ?? preflight?.importMode;
  const sim = useSimulation(
    profile.id,
    mode,
    preflight?.evaluation != null,
    allowPending,
    pre.data ? jobKey : '',
  );
  const doneEntry = run.done?.ok ? (run.done.result as SyncJobResult | undefined)?.entry : undefined;

  if (pre.error) return <ErrorNotice error={pre.error} />;
  if (!preflight || !mode) {
    return (
      <div className="banner banner-running" role="status">
        <span className="spinner" aria-hidden="true" />
        <strong>Checking the guard rails…</strong>
      </div>
    );
  }
  if (preflight.canvas === null) {
    return (
      <EmptyState
        icon="upload"
        title="Connect Canvas first"
        actions={
          <button type="button" className="btn btn-primary" onClick={() => app.go('profiles')}>
            Go to Districts
          </button>
        }
      >
        <p>
          {profile.name} has no Canvas settings. Add the Canvas URL, the root account id and an access token
          to the district; the token stays in the OS keychain.
        </p>
      </EmptyState>
    );
  }

  const entries = history.data?.entries ?? [];
  // A sync that just finished shows its result; otherwise the row picked, else the newest.
  const selectedId = picked && picked.jobId === run.jobId ? picked.id : doneEntry?.id;
  const shownEntry = entries.find((e) => e.id === selectedId) ?? (run.running ? undefined : entries[0]);
  // The checklist of the mode on screen (what would be sent); the saved mode's until that answer arrives.
  const checks = sim.shown?.checks ?? preflight.checks;
  const refusals = sim.simulation?.refusals ?? preflight.refusals;
  const refused = refusals.length > 0;
  const modeIncomplete =
    (mode.mode === 'batch' && mode.termId === '') ||
    (mode.mode === 'diffing' && mode.dataSetId.trim() === '');
  const whyNot = run.running
    ? 'A sync is running.'
    : refused
      ? 'The guard rails below must pass first.'
      : modeIncomplete
        ? 'Complete the import mode first.'
        : !sim.simulation
          ? 'Waiting for the simulation…'
          : undefined;
  const unfinished = !run.running ? status.data?.unfinished : null;

  return (
    <div className="sync">
      <section className="panel sync-head">
        <div>
          <h2>{profile.name}</h2>
          <p className="muted small">
            <span className="mono">{hostOf(preflight.canvas.baseUrl)}</span> · root account{' '}
            {preflight.canvas.rootAccountId} ·{' '}
            {preflight.canvas.tokenStored ? (
              <span className="ok-inline">token in keychain ✓</span>
            ) : (
              <span className="warn-text">no token stored</span>
            )}
          </p>
        </div>
        <div className="sync-go">
          <button
            type="button"
            className="btn btn-primary"
            disabled={whyNot !== undefined}
            aria-describedby={whyNot ? 'sync-why-not' : undefined}
            onClick={() => setConfirming(true)}
          >
            <Icon name="upload" size={16} />
            Sync to Canvas…
          </button>
          {whyNot && (
            <span id="sync-why-not" className="muted small">
              {whyNot}
            </span>
          )}
        </div>
      </section>

      {run.error && <ErrorNotice error={run.error} onDismiss={run.clearError} />}
      {run.done && !run.done.ok && run.done.error && run.done.error.code !== 'cancelled' && (
        <ErrorNotice error={run.done.error} />
      )}
      {unfinished && (
        <div className="notice notice-warn" role="status" data-testid="sync-unfinished">
          <Icon name="warn" size={18} />
          <div className="notice-body">
            <p className="notice-message">
              Canvas import {unfinished.importId} was sent, but its outcome is not known yet.
            </p>
            <p className="notice-hint">It keeps running in Canvas. Resume to follow it to the end.</p>
          </div>
          <button type="button" className="btn btn-small" onClick={() => void run.resume()}>
            <Icon name="refresh" size={14} /> Resume
          </button>
        </div>
      )}

      {run.running && (
        <SyncProgressPanel
          progress={run.progress}
          since={run.since ?? 0}
          aborting={run.aborting}
          onAbort={() => void run.abort()}
        />
      )}
      {!run.running && shownEntry?.predictionCheck && (
        <PredictedVsActual key={`pva-${shownEntry.id}`} check={shownEntry.predictionCheck} />
      )}
      {!run.running && shownEntry && <SyncResultPanel key={shownEntry.id} entry={shownEntry} />}

      <GuardRails
        preflight={preflight}
        checks={checks}
        refusals={refusals}
        syncing={run.running}
        allowPendingRemaps={allowPending}
        onAllowPendingRemaps={setAllowPending}
      />

      <section className="panel" aria-labelledby="sync-sim-title">
        <div className="panel-head">
          <h2 id="sync-sim-title">What the sync would do</h2>
          {sim.shown && (
            <span className="muted small" data-testid="sim-basis">
              {sim.shown.basis === 'baseline'
                ? 'Against the Canvas baseline'
                : 'From the plan (no Canvas baseline)'}
              {sim.loading && ' · updating…'}
            </span>
          )}
        </div>
        <ModePicker value={mode} terms={preflight.terms} disabled={run.running} onChange={setMode} />
        {preflight.evaluation === null ? (
          <div className="sim-empty">
            <p className="muted">
              Evaluate the latest snapshot to see what the sync would create, update and delete.
            </p>
            <button
              type="button"
              className="btn"
              onClick={() => void evaluation.start()}
              disabled={evaluation.running}
            >
              <Icon name="play" size={16} />
              {evaluation.running ? 'Evaluating…' : 'Evaluate now'}
            </button>
          </div>
        ) : (
          <>
            {sim.error && <ErrorNotice error={sim.error} />}
            {sim.shown && <PredictedSkips prediction={sim.shown.prediction} />}
            {sim.shown && <SimulationTable simulation={sim.shown} />}
            {sim.shown?.notes.map((n) => (
              <p key={n} className="muted small sim-note">
                <Icon name="info" size={14} /> {n}
              </p>
            ))}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="sync-history-title">
        <div className="panel-head">
          <h2 id="sync-history-title">History</h2>
        </div>
        {history.error && <ErrorNotice error={history.error} />}
        <HistoryList
          entries={entries}
          selectedId={shownEntry?.id}
          onSelect={(id) => setPicked({ id, jobId: run.jobId })}
        />
      </section>

      {confirming && sim.simulation && (
        <ConfirmSyncDialog
          districtName={preflight.districtName}
          canvasHost={hostOf(preflight.canvas.baseUrl)}
          importMode={mode}
          simulation={sim.simulation}
          busy={false}
          onCancel={() => setConfirming(false)}
          onConfirm={(typed) => {
            void run.start(mode, typed, allowPending).then(() => setConfirming(false));
          }}
        />
      )}
    </div>
  );
}
