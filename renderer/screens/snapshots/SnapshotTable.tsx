import { useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import { SNAPSHOT_COLLECTIONS } from '../../../shared/snapshots/collections';
import type { SnapshotListItem, SnapshotStatus } from '../../../shared/snapshots/snapshot';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime } from '../../format';
import { COLLECTION_LABEL, COLLECTION_SHORT, issueSummary, issueTotal } from '../pull/pullText';
import { ConfirmDialog } from './ConfirmDialog';

const STATUS_LABEL: Record<SnapshotStatus, string> = {
  complete: 'Complete',
  running: 'Running',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function SnapshotStatusBadge({ status }: { status: SnapshotStatus }) {
  return <span className={`badge snap-${status}`}>{STATUS_LABEL[status]}</span>;
}

export function snapshotName(s: SnapshotListItem): string {
  return `${formatDateTime(s.startedAt)} (${s.source === 'csv' ? 'CSV' : 'API'})`;
}

/**
 * The district's snapshots, newest first: when, where from, status, records per collection, issues, and
 * what can be done with each (resume a stopped pull, compare, delete).
 */
export function SnapshotTable({
  snapshots,
  resumeDisabled,
  onResume,
  onCompare,
  onDeleted,
}: {
  snapshots: readonly SnapshotListItem[];
  /** Why Resume is not possible right now (a pull is running), or undefined. */
  resumeDisabled: string | undefined;
  onResume(id: string): void;
  onCompare(id: string): void;
  onDeleted(): Promise<void>;
}) {
  const [deleting, setDeleting] = useState<SnapshotListItem | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | undefined>();
  const completeCount = snapshots.filter((s) => s.status === 'complete').length;

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await call('snapshots:delete', { id: deleting.id });
      setDeleting(undefined);
      await onDeleted();
    } catch (err) {
      setDeleting(undefined);
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      <div className="table-wrap">
        <table className="data-table snapshot-table" aria-label="Snapshots">
          <thead>
            <tr>
              <th>Snapshot</th>
              <th>Status</th>
              {SNAPSHOT_COLLECTIONS.map((c) => (
                <th key={c} className="num" title={COLLECTION_LABEL[c]}>
                  {COLLECTION_SHORT[c]}
                </th>
              ))}
              <th className="num">Issues</th>
              <th className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => {
              const issues = issueTotal(s.issueCounts);
              const resumable = s.source === 'api' && (s.status === 'failed' || s.status === 'cancelled');
              return (
                <tr key={s.id} data-snapshot={s.id} data-status={s.status} data-source={s.source}>
                  <td className="nowrap" title={s.id}>
                    <div className="cell-title">{formatDateTime(s.startedAt)}</div>
                    <div className="cell-tags">
                      <span className="pill" title={s.source === 'csv' ? s.label : (s.baseUrl ?? undefined)}>
                        {s.source === 'csv' ? 'CSV import' : 'API pull'}
                      </span>
                      {s.deltaSince && <span className="pill pill-accent">Delta</span>}
                    </div>
                  </td>
                  <td title={s.error ?? undefined}>
                    <SnapshotStatusBadge status={s.status} />
                    {s.error && <span className="visually-hidden">: {s.error}</span>}
                  </td>
                  {SNAPSHOT_COLLECTIONS.map((c) => (
                    <td key={c} className="num" data-count={c}>
                      {s.counts ? formatCount(s.counts[c]) : <span className="none">—</span>}
                    </td>
                  ))}
                  <td className="num" title={issueSummary(s.issueCounts)}>
                    {s.issueCounts === null ? (
                      <span className="none">—</span>
                    ) : issues === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <span className="issue-count">{formatCount(issues)}</span>
                    )}
                  </td>
                  <td className="col-actions">
                    <div className="row-actions nowrap">
                      {resumable && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => onResume(s.id)}
                          disabled={resumeDisabled !== undefined}
                          title={resumeDisabled ?? 'Continue this pull; only the missing pages are fetched'}
                        >
                          <Icon name="play" size={14} />
                          Resume
                        </button>
                      )}
                      {s.status === 'complete' && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => onCompare(s.id)}
                          disabled={completeCount < 2}
                          title={
                            completeCount < 2
                              ? 'Comparing needs a second complete snapshot'
                              : 'Compare this snapshot with an earlier one'
                          }
                        >
                          Compare with…
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn-icon"
                        onClick={() => setDeleting(s)}
                        disabled={s.status === 'running'}
                        aria-label={`Delete snapshot ${snapshotName(s)}`}
                        title={s.status === 'running' ? 'Cancel it first' : 'Delete'}
                      >
                        <Icon name="trash" size={16} />
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {deleting && (
        <ConfirmDialog
          title="Delete this snapshot?"
          confirmLabel="Delete snapshot"
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            The {deleting.source === 'csv' ? 'imported' : 'pulled'} snapshot from{' '}
            <strong>{formatDateTime(deleting.startedAt)}</strong>
            {deleting.counts
              ? ` with ${formatCount(SNAPSHOT_COLLECTIONS.reduce((n, c) => n + (deleting.counts?.[c] ?? 0), 0))} records`
              : ''}{' '}
            is removed from this computer. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
