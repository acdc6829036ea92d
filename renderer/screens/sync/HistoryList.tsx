import type { SyncHistoryEntry } from '../../../shared/sync/types';
import { formatCount, formatDateTime } from '../../format';
import { MODE_INFO, STATUS_LABEL, stateLabel } from './text';

/** Every sync of the district, newest first; a row opens its result. */
export function HistoryList({
  entries,
  selectedId,
  onSelect,
}: {
  entries: readonly SyncHistoryEntry[];
  selectedId: string | undefined;
  onSelect(id: string): void;
}) {
  if (entries.length === 0) {
    return (
      <p className="muted list-empty">
        No syncs yet. Each sync is recorded here with what was sent and what Canvas answered, and appears in
        the next readiness report.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="data-table sync-history" aria-label="Sync history">
        <thead>
          <tr>
            <th>Started</th>
            <th>By</th>
            <th>Mode</th>
            <th>Outcome</th>
            <th className="num">Rows sent</th>
            <th className="num">Errors</th>
            <th className="num">Warnings</th>
            <th>Import</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const rows = e.options.files.reduce((n, f) => n + f.rows, 0);
            return (
              <tr
                key={e.id}
                data-entry={e.id}
                data-status={e.status}
                className={e.id === selectedId ? 'selected clickable' : 'clickable'}
                tabIndex={0}
                aria-selected={e.id === selectedId}
                onClick={() => onSelect(e.id)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter' || ev.key === ' ') {
                    ev.preventDefault();
                    onSelect(e.id);
                  }
                }}
              >
                <td className="nowrap">{formatDateTime(e.startedAt)}</td>
                <td>{e.by}</td>
                <td>{MODE_INFO[e.importMode.mode].label}</td>
                <td data-testid="history-outcome">
                  {e.result ? stateLabel(e.result.workflowState) : STATUS_LABEL[e.status]}
                </td>
                <td className="num">{formatCount(rows)}</td>
                <td className="num">{e.result ? formatCount(e.result.errors.length) : '—'}</td>
                <td className="num">{e.result ? formatCount(e.result.warnings.length) : '—'}</td>
                <td className="mono small">{e.importId ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
