import type { BaselineMeta } from '../../../shared/canvas/baseline';
import type { ConversionState } from '../../../shared/ipc/channels/conversion';
import { useApp } from '../../app/state';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime, plural } from '../../format';
import type { ConversionView } from './useConversion';

const SOURCE_LABEL = { api: 'Canvas API', report: 'provisioning report' } as const;

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Why the Canvas fetch buttons are off, or null when they can run. */
export function fetchBlocker(state: ConversionState): string | null {
  if (!state.canvas.configured) return 'Add the Canvas URL to this district to fetch from Canvas.';
  if (!state.canvas.tokenStored) return 'Save a Canvas access token for this district to fetch from Canvas.';
  return null;
}

/** The three ways to get a baseline: Canvas API, Canvas report, or a report zip from disk. */
export function BaselineActions({ view, compact }: { view: ConversionView; compact?: boolean }) {
  const state = view.state!;
  const blocked = fetchBlocker(state) !== null || view.running;
  const small = compact ? ' btn-small' : '';
  return (
    <>
      <button
        type="button"
        className={`btn${compact ? '' : ' btn-primary'}${small}`}
        disabled={blocked}
        onClick={() => void view.fetch('api')}
      >
        <Icon name={compact ? 'refresh' : 'download'} size={16} />
        {compact ? 'Refresh (API)' : 'Fetch from Canvas (API)'}
      </button>
      <button
        type="button"
        className={`btn${small}`}
        disabled={blocked}
        onClick={() => void view.fetch('report')}
      >
        {compact ? 'Refresh via report' : 'Fetch via provisioning report'}
      </button>
      <button
        type="button"
        className={`btn${small}`}
        disabled={view.running}
        onClick={() => void view.importZip()}
      >
        Import report zip…
      </button>
    </>
  );
}

export function BaselineProgress({ view }: { view: ConversionView }) {
  const p = view.progress;
  return (
    <div className="panel baseline-progress" role="status" aria-label="Fetching Canvas data">
      <span className="status status-running" aria-hidden="true" />
      <div className="baseline-progress-text">
        <strong>{p?.label ?? 'Starting…'}</strong>
        <span className="muted small">
          {plural(p?.rows ?? 0, 'row', 'rows')} stored
          {p?.percent != null && ` · ${Math.round(p.percent)}%`}
        </span>
        {p?.percent != null && <progress max={100} value={p.percent} aria-label="Canvas report progress" />}
      </div>
      <button type="button" className="btn btn-small" onClick={() => void view.cancel()}>
        <Icon name="stop" size={14} />
        Cancel
      </button>
    </div>
  );
}

/** Header facts: when and how the baseline was taken, and how much it holds. */
export function BaselineFacts({ baseline }: { baseline: BaselineMeta }) {
  const c = baseline.counts;
  return (
    <div className="baseline-facts" data-baseline={baseline.id}>
      <span className="baseline-title">
        <Icon name="swap" size={16} />
        Canvas today
      </span>
      <span>
        {baseline.source === 'api' ? 'Fetched' : 'Imported'}{' '}
        {formatDateTime(baseline.finishedAt ?? baseline.fetchedAt)} via {SOURCE_LABEL[baseline.source]}
        {baseline.canvasUrl && <span className="muted"> · {hostOf(baseline.canvasUrl)}</span>}
      </span>
      {c && (
        <span className="muted" data-testid="baseline-counts">
          {formatCount(c.users.total)} logins · {formatCount(c.courses.total)} courses ·{' '}
          {formatCount(c.sections.total)} sections · {formatCount(c.enrollments.total)} enrollments
        </span>
      )}
    </div>
  );
}

export function BaselineBar({ view }: { view: ConversionView }) {
  const state = view.state!;
  const blocker = fetchBlocker(state);
  return (
    <div className="panel baseline-bar">
      {state.baseline ? <BaselineFacts baseline={state.baseline} /> : <span>No Canvas baseline yet</span>}
      <div className="row-actions baseline-actions">
        <BaselineActions view={view} compact />
      </div>
      {blocker && <p className="muted small baseline-blocker">{blocker}</p>}
    </div>
  );
}

/** No baseline yet: what a baseline is, and the three ways to get one. */
export function NoBaselineState({ view }: { view: ConversionView }) {
  const app = useApp();
  const state = view.state!;
  const blocker = fetchBlocker(state);
  return (
    <EmptyState icon="swap" title="Attach what Canvas holds today" actions={<BaselineActions view={view} />}>
      <p>
        The conversion compares the roster with the users, courses, sections, terms and sub-accounts already
        in Canvas, and says for each one whether the sync keeps, remaps, creates or orphans it.
      </p>
      {blocker ? (
        <p className="muted">
          {blocker}{' '}
          <button type="button" className="link-button" onClick={() => app.go('profiles')}>
            Open Districts
          </button>{' '}
          — or import a provisioning report zip (Canvas → Admin → Settings → Reports → Provisioning).
        </p>
      ) : (
        <p className="muted">
          Fetching reads {hostOf(state.canvas.baseUrl)} with the district’s token; nothing in Canvas changes.
        </p>
      )}
    </EmptyState>
  );
}
