import type { PredictionCheck, SyncPrediction } from '../../../shared/sync/guard-rails';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../format';
import { ENTITY_LABEL } from '../findings/text';
import { countLabel } from './text';

const SKIPS_SHOWN = 50;

/** Before sending: the rows Canvas is predicted to skip, with Canvas's own words (shown above the simulation). */
export function PredictedSkips({ prediction }: { prediction: SyncPrediction }) {
  const n = prediction.skips.length;
  if (n === 0)
    return (
      <p className="muted small sim-note" data-testid="predicted-skips" data-count="0">
        <Icon name="info" size={14} />{' '}
        {prediction.basis === 'predictor'
          ? 'Canvas is predicted to import every row.'
          : 'Every row is expected to import (no row-level prediction without a Canvas baseline).'}
      </p>
    );
  return (
    <div className="notice notice-warn" data-testid="predicted-skips" data-count={n}>
      <Icon name="warn" size={18} />
      <div className="notice-body">
        <p className="notice-message">
          Canvas is predicted to skip {formatCount(n)} {n === 1 ? 'row' : 'rows'}:
        </p>
        {/* It scrolls when long: focusable so the keyboard can scroll it too. */}
        <ul className="skip-list" tabIndex={0} aria-label="Rows Canvas is predicted to skip">
          {prediction.skips.slice(0, SKIPS_SHOWN).map((s, i) => (
            <li key={`${s.file}:${s.row ?? i}`}>
              <span className="mono">
                {s.file}
                {s.row !== null ? ` row ${s.row}` : ''}
              </span>{' '}
              {s.entity && (
                <span className="muted">
                  ({ENTITY_LABEL[s.entity.entityType] ?? s.entity.entityType} {s.entity.sourcedId}){' '}
                </span>
              )}
              {s.message}
            </li>
          ))}
        </ul>
        {n > SKIPS_SHOWN && <p className="muted small">… and {formatCount(n - SKIPS_SHOWN)} more.</p>}
      </div>
    </div>
  );
}

/** After an import: Canvas's counts beside the prediction, and every missed prediction. */
export function PredictedVsActual({ check }: { check: PredictionCheck }) {
  // Every count either side reported, except zeros on both sides (warnings and errors have their own row).
  const keys = [
    ...new Set([...Object.keys(check.predicted.counts), ...Object.keys(check.actual.counts)]),
  ].filter(
    (k) =>
      !/_count$/.test(k) && ((check.predicted.counts[k] ?? 0) !== 0 || (check.actual.counts[k] ?? 0) !== 0),
  );
  const missed = check.missed;
  return (
    <section className="panel" aria-labelledby="sync-pva-title" data-testid="predicted-vs-actual">
      <div className="panel-head">
        <h2 id="sync-pva-title">Predicted vs actual</h2>
        <span className={missed.length ? 'warn-text small' : 'ok-inline small'} data-testid="missed-count">
          {missed.length === 0
            ? 'Canvas did exactly what the preview predicted'
            : `${formatCount(missed.length)} missed ${missed.length === 1 ? 'prediction' : 'predictions'}`}
        </span>
      </div>
      <table className="data-table pva-table">
        <thead>
          <tr>
            <th scope="col">Canvas count</th>
            <th scope="col" className="num">
              Predicted
            </th>
            <th scope="col" className="num">
              Actual
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const p = check.predicted.counts[k];
            const a = check.actual.counts[k];
            const differs = p !== undefined && a !== undefined && p !== a;
            return (
              <tr key={k} data-differs={differs ? 'true' : 'false'}>
                <th scope="row">{countLabel(k)}</th>
                <td className="num">{p === undefined ? '—' : formatCount(p)}</td>
                <td className={`num${differs ? ' warn-text' : ''}`}>
                  {a === undefined ? '—' : formatCount(a)}
                </td>
              </tr>
            );
          })}
          {(['warning_count', 'error_count'] as const).map((k) => {
            const p = check.predicted.counts[k];
            const a = k === 'warning_count' ? check.actual.warnings : check.actual.errors;
            const differs = p !== undefined && p !== a;
            return (
              <tr key={k} data-differs={differs ? 'true' : 'false'}>
                <th scope="row">{k === 'warning_count' ? 'Warnings' : 'Errors'}</th>
                <td className="num">{p === undefined ? '—' : formatCount(p)}</td>
                <td className={`num${differs ? ' warn-text' : ''}`}>{formatCount(a)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {missed.length > 0 && (
        <>
          <p className="small">
            Each missed prediction is something Canvas did that the preview did not say. It is kept in the
            sync history and listed in the next readiness report.
          </p>
          <ul className="missed-list" data-testid="missed-list">
            {missed.slice(0, 100).map((m, i) => (
              <li key={i}>
                <span className="mono">{m.key}</span>: predicted {m.predicted}, Canvas {m.actual}
                {m.entity && (
                  <span className="muted">
                    {' '}
                    ({ENTITY_LABEL[m.entity.entityType] ?? m.entity.entityType} {m.entity.sourcedId})
                  </span>
                )}{' '}
                — {m.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
