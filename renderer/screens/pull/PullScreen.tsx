import type { PullJobResult } from '../../../shared/ipc/channels/pull';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { SnapshotListItem } from '../../../shared/snapshots/snapshot';
import { useJob } from '../../app/jobs';
import { useJobSlot } from '../../app/jobSlots';
import { useApp } from '../../app/state';
import { NoDistrictState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime, formatDuration, plural } from '../../format';
import { hostOf } from '../profiles/ProfileCard';
import { pairFor, setCompareSelection } from '../snapshots/compareSelection';
import { ImportCsvButtons, ImportStatus } from '../snapshots/ImportCsv';
import { SnapshotTable } from '../snapshots/SnapshotTable';
import { useSnapshots } from '../snapshots/useSnapshots';
import { ProgressBar, ProgressTable } from './ProgressTable';
import { percentOf, phaseLine } from './pullText';
import { usePullRun, type PullRunView } from './usePullRun';
import './pull.css';
import '../snapshots/snapshots.css';

export function PullScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="download" title="No district to pull yet">
        <p>
          Add a district (or open the demo district) first; then download its roster into a snapshot here.
        </p>
      </NoDistrictState>
    );
  }
  return <PullPanel key={active.profile.id} view={active} />;
}

function totalRecords(s: Pick<SnapshotListItem, 'counts'>): number {
  return s.counts ? SNAPSHOT_COLLECTIONS.reduce((n, c) => n + (s.counts?.[c] ?? 0), 0) : 0;
}

function PullPanel({ view }: { view: ProfileView }) {
  const app = useApp();
  const { profile } = view;
  const run = usePullRun(profile.id);
  const importJob = useJob(useJobSlot('import', profile.id)?.jobId);
  const reloadKey = [
    run.jobId,
    run.progress?.snapshotId,
    run.running,
    importJob?.jobId,
    importJob?.done === undefined,
  ].join('|');
  const list = useSnapshots(profile.id, reloadKey);
  const snapshots = list.snapshots ?? [];
  const lastComplete = snapshots.find((s) => s.status === 'complete' && s.source === 'api');
  const hasSecret = view.secrets['oneroster.clientSecret'] === true;
  const importing = importJob !== undefined && importJob.done === undefined;

  const deltaWhyNot = !lastComplete ? 'Delta pull is available after the first complete pull.' : undefined;

  const compare = (id: string) => {
    const pair = pairFor(id, snapshots);
    if (!pair) return;
    setCompareSelection(profile.id, pair);
    app.go('compare');
  };

  return (
    <div className="pull">
      <section className="panel pull-head">
        <div className="pull-target">
          <h2>{profile.name}</h2>
          <p className="muted mono">{hostOf(profile.oneroster.baseUrl)}</p>
          <p className="muted small">
            {lastComplete
              ? `Last complete pull ${formatDateTime(lastComplete.finishedAt ?? lastComplete.startedAt)} · ${plural(totalRecords(lastComplete), 'record', 'records')}`
              : run.running
                ? 'First pull in progress'
                : 'Not pulled yet'}
            {!hasSecret && <span className="warn-text"> · no secret stored</span>}
          </p>
        </div>
        <div className="pull-actions">
          <div className="row-actions">
            {run.running ? (
              <button type="button" className="btn" onClick={() => void run.cancel()}>
                <Icon name="stop" size={16} />
                Cancel pull
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="btn"
                  onClick={() => void run.start(true)}
                  disabled={deltaWhyNot !== undefined}
                  aria-describedby={deltaWhyNot ? 'delta-why-not' : undefined}
                  title="Fetch only the records changed since the last complete pull"
                >
                  <Icon name="refresh" size={16} />
                  Delta pull
                </button>
                <button type="button" className="btn btn-primary" onClick={() => void run.start(false)}>
                  <Icon name="download" size={16} />
                  Pull now
                </button>
              </>
            )}
          </div>
          {deltaWhyNot && !run.running && (
            <p id="delta-why-not" className="muted small pull-why">
              {deltaWhyNot}
            </p>
          )}
        </div>
      </section>

      {run.error && <ErrorNotice error={run.error} onDismiss={run.clearError} />}
      {!run.running && run.result && (
        <ResultBanner
          result={run.result}
          previous={lastComplete}
          onResume={() => void run.resume(run.result!.snapshotId)}
        />
      )}
      {run.running && !run.progress && (
        <div className="banner banner-running" role="status">
          <span className="spinner" aria-hidden="true" />
          <strong>Connecting to {hostOf(profile.oneroster.baseUrl)}…</strong>
        </div>
      )}
      {run.progress && <ProgressPanel run={run} />}

      <section className="panel" aria-labelledby="snapshots-title">
        <div className="panel-head">
          <div className="panel-title">
            <h2 id="snapshots-title">Snapshots</h2>
            {list.snapshots && (
              <span className="muted small">{plural(snapshots.length, 'snapshot', 'snapshots')}</span>
            )}
          </div>
          <ImportCsvButtons profileId={profile.id} disabled={importing} />
        </div>
        <ImportStatus profileId={profile.id} />
        {list.error && <ErrorNotice error={list.error} />}
        {list.snapshots === undefined && !list.error && <p className="muted">Loading snapshots…</p>}
        {list.snapshots?.length === 0 && (
          <p className="muted list-empty">
            No snapshots yet. <strong>Pull now</strong> downloads every collection into a dated snapshot; or
            import a OneRoster CSV bundle exported by the SIS.
          </p>
        )}
        {snapshots.length > 0 && (
          <SnapshotTable
            snapshots={snapshots}
            resumeDisabled={run.running ? 'A pull is running for this district' : undefined}
            onResume={(id) => void run.resume(id)}
            onCompare={compare}
            onDeleted={list.refresh}
          />
        )}
      </section>
    </div>
  );
}

function ProgressPanel({ run }: { run: PullRunView }) {
  const p = run.progress!;
  const pct = p.phase === 'complete' ? 100 : percentOf(p.done, p.total);
  const facts = `${formatDuration(p.elapsedMs)} · ${plural(p.concurrency, 'request', 'requests')} in parallel`;
  if (!run.running) {
    // Finished: the banner says how it ended; the numbers per collection stay one click away
    // (open at once when it failed, to show which collection stopped it).
    return (
      <details className="panel pull-details" data-phase={p.phase} open={p.phase === 'failed'}>
        <summary>
          <span className="cell-title">Per-collection details</span>
          <span className="muted small">{facts}</span>
        </summary>
        <ProgressTable collections={p.collections} finished />
      </details>
    );
  }
  return (
    <section className="panel" aria-labelledby="pull-progress-title" data-phase={p.phase}>
      <div className="panel-head">
        <h2 id="pull-progress-title">Pulling</h2>
        <span className="muted small">{facts}</span>
      </div>
      <p className="phase-line" role="status" aria-live="polite" data-testid="phase-line">
        {phaseLine(p)}
      </p>
      <ProgressBar percent={pct} busy label="Overall progress" />
      <ProgressTable collections={p.collections} finished={false} />
    </section>
  );
}

function ResultBanner({
  result,
  previous,
  onResume,
}: {
  result: PullJobResult;
  previous: SnapshotListItem | undefined;
  onResume(): void;
}) {
  const total = SNAPSHOT_COLLECTIONS.reduce((n, c) => n + result.counts[c], 0);
  if (result.status === 'complete') {
    return (
      <section className="banner result-ok" aria-label="Pull result" data-status="complete">
        <Icon name="pass" size={24} className="result-icon" />
        <div className="result-body">
          <h2 className="result-title">Snapshot complete</h2>
          <p>
            {result.delta?.used && result.delta.since
              ? `${plural(result.received, 'changed record', 'changed records')} since ${formatDateTime(result.delta.since)} fetched in ${formatDuration(result.durationMs)} · the snapshot holds ${plural(total, 'record', 'records')}`
              : `${plural(total, 'record', 'records')} in ${formatDuration(result.durationMs)}`}
          </p>
          {result.delta?.fallbackReason && <p className="muted">{result.delta.fallbackReason}</p>}
          {result.notes.length > 0 && (
            <ul className="result-notes">
              {result.notes.slice(0, 4).map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      </section>
    );
  }
  const failed = result.status === 'failed';
  const kept = previous
    ? `The previous complete snapshot (${formatDateTime(previous.startedAt)}, ${formatCount(totalRecords(previous))} records) is kept.`
    : 'Nothing was lost: the pages already stored are kept.';
  return (
    <section
      className={`banner ${failed ? 'result-bad' : 'result-neutral'}`}
      aria-label="Pull result"
      data-status={result.status}
      role={failed ? 'alert' : undefined}
    >
      <Icon name={failed ? 'fail' : 'info'} size={24} className="result-icon" />
      <div className="result-body">
        <h2 className="result-title">{failed ? 'The pull failed' : 'Pull cancelled'}</h2>
        {failed && result.error && <p className="result-message">{result.error}</p>}
        <p className="muted">
          {kept} Resume continues from the {formatCount(total)} records already stored and fetches only the
          missing pages.
        </p>
      </div>
      <button type="button" className="btn btn-primary" onClick={onResume}>
        <Icon name="play" size={16} />
        Resume
      </button>
    </section>
  );
}
