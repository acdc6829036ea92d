import { useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import type { SyncHistoryEntry, SyncMessage } from '../../../shared/sync/types';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime, plural } from '../../format';
import { ENTITY_LABEL } from '../findings/text';
import { COUNT_KEYS, countLabel, stateLabel } from './text';

const MAX_ROWS = 200;

function tone(entry: SyncHistoryEntry): 'ok' | 'warn' | 'bad' | 'neutral' {
  const state = entry.result?.workflowState;
  if (state === 'imported') return 'ok';
  if (state === 'imported_with_messages') return 'warn';
  if (state === 'aborted') return 'neutral';
  return 'bad';
}

/** A finished (or failed) sync: Canvas's verdict and counts, its messages mapped to records, error file, link. */
export function SyncResultPanel({ entry }: { entry: SyncHistoryEntry }) {
  const app = useApp();
  const [showAll, setShowAll] = useState(false);
  const [saved, setSaved] = useState<{ path: string; name: string } | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const result = entry.result;

  const saveErrorFile = async () => {
    setError(undefined);
    try {
      const { path } = await call('dialog:chooseFolder', {
        title: 'Choose where to save Canvas’s error file',
      });
      if (path === null) return;
      setSaved(
        await call('sync:saveErrorFile', { profileId: entry.profileId, entryId: entry.id, outDir: path }),
      );
    } catch (err) {
      setError(toDisplayError(err));
    }
  };
  const openCanvas = async (url: string) => {
    try {
      await call('shell:openExternal', { url });
    } catch (err) {
      setError(toDisplayError(err));
    }
  };

  if (!result) {
    return (
      <section className="panel" aria-label="Sync result" data-status={entry.status}>
        <div className="banner result-bad">
          <Icon name="fail" size={22} className="result-icon" />
          <div>
            <strong>
              {entry.status === 'not_sent' ? 'The import was not sent' : 'The outcome is not known yet'}
            </strong>
            {entry.error && <p className="small">{entry.error.message}</p>}
            {entry.error?.hint && <p className="muted small">{entry.error.hint}</p>}
          </div>
        </div>
      </section>
    );
  }

  const messages: SyncMessage[] =
    showAll && result.errorFile ? result.errorFile.messages : [...result.errors, ...result.warnings];
  const counts = [
    ...COUNT_KEYS.filter((k) => (result.counts[k] ?? 0) > 0),
    ...Object.keys(result.counts).filter(
      (k) => !(COUNT_KEYS as readonly string[]).includes(k) && (result.counts[k] ?? 0) > 0,
    ),
  ];
  const https = result.canvasLink.startsWith('https://');

  return (
    <section
      className="panel sync-result"
      aria-label="Sync result"
      data-status={entry.status}
      data-state={result.workflowState}
    >
      <div className={`banner result-${tone(entry)}`}>
        <Icon
          name={
            tone(entry) === 'ok'
              ? 'pass'
              : tone(entry) === 'warn'
                ? 'warn'
                : tone(entry) === 'neutral'
                  ? 'skip'
                  : 'fail'
          }
          size={22}
          className="result-icon"
        />
        <div className="verdict-body">
          <strong data-testid="sync-state">{stateLabel(result.workflowState)}</strong>
          <span className="small">
            Canvas import {result.importId}
            {result.endedAt ? ` · ended ${formatDateTime(result.endedAt)}` : ''} ·{' '}
            {plural(result.errors.length, 'error', 'errors')},{' '}
            {plural(result.warnings.length, 'warning', 'warnings')}
          </span>
        </div>
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void openCanvas(result.canvasLink)}
            disabled={!https}
            title={https ? result.canvasLink : `Only https links open from the app: ${result.canvasLink}`}
          >
            Open in Canvas
          </button>
        </div>
      </div>
      <p className="muted small sync-link">
        Import page:{' '}
        <span className="mono" data-testid="sync-canvas-link">
          {result.canvasLink}
        </span>
      </p>

      {counts.length > 0 && (
        <dl className="sync-counts" aria-label="Canvas counts">
          {counts.map((k) => (
            <div key={k} data-count={k}>
              <dt>{countLabel(k)}</dt>
              <dd>{formatCount(result.counts[k] ?? 0)}</dd>
            </div>
          ))}
        </dl>
      )}

      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}

      {(messages.length > 0 || result.errorFile) && (
        <div className="sync-messages">
          <div className="panel-head">
            <h3>Canvas’s warnings and errors</h3>
            <div className="row-actions">
              {result.errorFile &&
                result.errorFile.messages.length > result.errors.length + result.warnings.length && (
                  <button type="button" className="btn btn-small" onClick={() => setShowAll((v) => !v)}>
                    {showAll
                      ? 'Show Canvas’s list'
                      : `Show all ${formatCount(result.errorFile.rows)} error file rows`}
                  </button>
                )}
              {result.errorFile && (
                <button type="button" className="btn btn-small" onClick={() => void saveErrorFile()}>
                  <Icon name="download" size={14} /> Save error file…
                </button>
              )}
            </div>
          </div>
          {saved && (
            <p className="ok-text small" role="status">
              <Icon name="pass" size={14} /> Saved {saved.name}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void call('report:reveal', { path: saved.path }).catch((e: unknown) =>
                    setError(toDisplayError(e)),
                  )
                }
              >
                Show in folder
              </button>
            </p>
          )}
          <div className="table-wrap">
            <table className="data-table sync-message-table" aria-label="Canvas messages">
              <thead>
                <tr>
                  <th>Severity</th>
                  <th>File</th>
                  <th className="num">Row</th>
                  <th>Message</th>
                  <th>OneRoster record</th>
                </tr>
              </thead>
              <tbody>
                {messages.slice(0, MAX_ROWS).map((m, i) => (
                  <tr key={`${i}:${m.file}:${m.row ?? ''}`} data-severity={m.severity}>
                    <td>
                      <span
                        className={
                          m.severity === 'error'
                            ? 'badge badge-blocker'
                            : m.severity === 'warning'
                              ? 'badge badge-warning'
                              : 'badge badge-info'
                        }
                      >
                        {m.severity}
                      </span>
                    </td>
                    <td className="mono small">{m.file || '—'}</td>
                    <td className="num">{m.row === null ? '—' : formatCount(m.row)}</td>
                    <td>{m.message}</td>
                    <td>
                      {m.entity ? (
                        <button
                          type="button"
                          className="link-button"
                          data-entity={`${m.entity.entityType}:${m.entity.sourcedId}`}
                          onClick={() => app.openEntity(m.entity!.entityType, m.entity!.sourcedId)}
                        >
                          {ENTITY_LABEL[m.entity.entityType]}{' '}
                          <span className="mono">{m.entity.sourcedId}</span>
                        </button>
                      ) : (
                        <span className="muted">not mapped</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {messages.length > MAX_ROWS && (
            <p className="muted small">
              Showing the first {formatCount(MAX_ROWS)} of {formatCount(messages.length)}; save the error file
              for all of them.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
