import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/sync/types';
import { Icon } from '../../components/Icon';
import { formatCount, formatDuration } from '../../format';
import { ProgressBar } from '../pull/ProgressTable';
import { PHASE_LABEL, stateLabel } from './text';

function useElapsed(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return Math.max(0, now - since);
}

/** The running sync: phase, Canvas's state and %, elapsed time, and Abort. */
export function SyncProgressPanel({
  progress,
  since,
  aborting,
  onAbort,
}: {
  progress: SyncProgress | undefined;
  since: number;
  aborting: boolean;
  onAbort(): void;
}) {
  const elapsed = useElapsed(since);
  const phase = progress?.phase ?? 'writing';
  const percent = phase === 'polling' || phase === 'downloading_errors' ? (progress?.progress ?? 0) : null;
  return (
    <section className="panel sync-progress" aria-labelledby="sync-progress-title" data-phase={phase}>
      <div className="panel-head">
        <h2 id="sync-progress-title">Syncing</h2>
        <span className="muted small" data-testid="sync-elapsed">
          {formatDuration(Math.floor(elapsed / 1000) * 1000)} elapsed
        </span>
      </div>
      <p className="phase-line" role="status" aria-live="polite" data-testid="sync-phase">
        {PHASE_LABEL[phase]}
        {phase === 'polling' && progress && (
          <>
            {' '}
            · {stateLabel(progress.workflowState)} · {formatCount(Math.round(progress.progress))}%
          </>
        )}
        {progress?.importId && <span className="muted"> · import {progress.importId}</span>}
      </p>
      <ProgressBar percent={percent} busy label="Canvas import progress" />
      {progress?.retrying && (
        <p className="notice notice-warn small" data-testid="sync-retrying">
          <Icon name="warn" size={16} /> Canvas did not answer ({progress.retrying}); retrying. The import
          keeps running in Canvas and its id is saved, so nothing is lost.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onAbort} disabled={aborting || phase === 'done'}>
          <Icon name="stop" size={16} />
          {aborting ? 'Aborting…' : 'Abort sync'}
        </button>
        <span className="muted small">
          Abort stops the import in Canvas too; rows Canvas already applied stay applied.
        </span>
      </div>
    </section>
  );
}
