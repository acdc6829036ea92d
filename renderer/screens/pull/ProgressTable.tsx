import type { CollectionProgress } from '../../../shared/pull/progress';
import { formatCount } from '../../format';
import { COLLECTION_LABEL, formatEta, formatRate, percentOf, STATE_LABEL } from './pullText';

const NONE = (
  <span className="none" aria-label="not known">
    —
  </span>
);

export function ProgressBar({
  percent,
  label,
  busy,
}: {
  percent: number | null;
  label: string;
  busy?: boolean;
}) {
  // Without a known total the bar cannot say how far along it is: an indeterminate stripe while running.
  const indeterminate = percent === null && busy;
  return (
    <div
      className={indeterminate ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-fill" style={{ width: `${percent ?? (indeterminate ? 30 : 0)}%` }} />
    </div>
  );
}

/** One row per collection: bar, records, pages, rate, time left, state. */
export function ProgressTable({
  collections,
  finished,
}: {
  collections: readonly CollectionProgress[];
  /** The pull ended (cancelled or failed): collections still waiting or running stopped where they were. */
  finished: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table pull-table" aria-label="Progress per collection">
        <thead>
          <tr>
            <th>Collection</th>
            <th className="col-bar">Progress</th>
            <th className="num">Records</th>
            <th className="num">Pages</th>
            <th className="num">Rate</th>
            <th className="num">Time left</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {collections.map((c) => {
            const pct = c.state === 'done' ? 100 : percentOf(c.records, c.totalRecords);
            const state = finished && (c.state === 'running' || c.state === 'pending') ? 'stopped' : c.state;
            const running = state === 'running';
            return (
              <tr key={c.collection} data-collection={c.collection} data-state={state}>
                <td>
                  <div className="cell-title">{COLLECTION_LABEL[c.collection]}</div>
                  {c.note && (
                    <div className="cell-note" title={c.note}>
                      {c.note}
                    </div>
                  )}
                </td>
                <td className="col-bar">
                  <ProgressBar
                    percent={c.state === 'skipped' ? 0 : pct}
                    busy={running}
                    label={`${COLLECTION_LABEL[c.collection]} progress`}
                  />
                </td>
                <td className="num" data-field="records">
                  {formatCount(c.records)}
                  {c.totalRecords !== null && c.state !== 'done' && (
                    <span className="muted"> / {formatCount(c.totalRecords)}</span>
                  )}
                </td>
                <td className="num" data-field="pages">
                  {formatCount(c.pages)}
                  {c.totalPages !== null && c.state !== 'done' && (
                    <span className="muted"> / {formatCount(c.totalPages)}</span>
                  )}
                </td>
                <td className="num">{running && c.rate > 0 ? formatRate(c.rate) : NONE}</td>
                <td className="num">{running && c.etaSeconds !== null ? formatEta(c.etaSeconds) : NONE}</td>
                <td>
                  <span className={`state state-${state}`}>{STATE_LABEL[state]}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
