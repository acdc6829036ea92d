import type { SyncPreflight } from '../../../shared/ipc/channels/sync';
import type { GuardRailCheck, GuardRailId } from '../../../shared/sync/guard-rails';
import type { SyncRefusal } from '../../../shared/sync/types';
import type { ScreenId } from '../../app/screens';
import { useApp } from '../../app/state';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime } from '../../format';
import { appRefusalHint, appRemedy } from './remedies';

/** Where each failing check or refusal is fixed. */
const FIX: Partial<Record<GuardRailId | SyncRefusal['code'], { screen: ScreenId; label: string }>> = {
  no_canvas: { screen: 'profiles', label: 'Open Districts' },
  evaluated: { screen: 'findings', label: 'Open Findings' },
  blockers: { screen: 'findings', label: 'Review blockers in Findings' },
  remaps_pending: { screen: 'conversion', label: 'Decide remaps in Conversion' },
  snapshot_age: { screen: 'pull', label: 'Open Pull' },
  baseline_age: { screen: 'conversion', label: 'Open Conversion' },
  verify: { screen: 'verify', label: 'Open Verify' },
};

/** Refusals that are not a checklist item (the checklist covers the rest). */
const OUTSIDE_CHECKLIST = new Set<SyncRefusal['code']>(['no_canvas', 'sync_running', 'confirm_mismatch']);

/** The refusal each failing check causes (as `sync:start` reports it). */
const CODE: Partial<Record<GuardRailId, SyncRefusal['code']>> = {
  evaluated: 'not_evaluated',
  blockers: 'blockers_open',
  remaps_pending: 'remaps_pending',
  ambiguous_matches: 'ambiguous_matches',
  batch_term: 'batch_term_unknown',
};

const ICON = { pass: 'pass', warn: 'warn', fail: 'fail' } as const;
const STATUS_TEXT = { pass: 'Pass', warn: 'Check', fail: 'Fail' } as const;

/**
 * The guard rails as a pass/fail checklist (the same list `preflight sync` prints): each check with its count,
 * what to do, and a link to where it is done — failing blocker rules link to the Findings grid filtered by rule.
 */
export function GuardRails({
  preflight,
  checks,
  refusals,
  syncing,
  allowPendingRemaps,
  onAllowPendingRemaps,
}: {
  preflight: SyncPreflight;
  /** The checklist for the import mode on screen. */
  checks: readonly GuardRailCheck[];
  refusals: readonly SyncRefusal[];
  syncing: boolean;
  allowPendingRemaps: boolean;
  onAllowPendingRemaps: (allow: boolean) => void;
}) {
  const app = useApp();
  const { evaluation } = preflight;
  // While this window follows the running sync, the progress panel already says so.
  const other = refusals.filter(
    (r) => OUTSIDE_CHECKLIST.has(r.code) && !(syncing && r.code === 'sync_running'),
  );
  const failing = checks.filter((c) => c.status === 'fail').length + other.length;
  const forcible = checks.some(
    (c) => (c.id === 'remaps_pending' || c.id === 'ambiguous_matches') && (c.status === 'fail' || c.forced),
  );
  return (
    <section
      className="panel sync-guard"
      aria-labelledby="sync-guard-title"
      data-allowed={failing === 0 ? 'true' : 'false'}
    >
      <div className="panel-head">
        <h2 id="sync-guard-title">Guard rails</h2>
        {evaluation && (
          <span className="muted small">
            Snapshot {evaluation.snapshotLabel || evaluation.snapshotId.slice(0, 8)} · evaluated{' '}
            {formatDateTime(evaluation.evaluatedAt)}
          </span>
        )}
      </div>
      <p className={failing === 0 ? 'guard-ok' : 'guard-summary'} role="status">
        <Icon name={failing === 0 ? 'pass' : 'fail'} size={18} />
        <span>
          {failing === 0
            ? 'Every guard rail passes. Ready to sync once you confirm.'
            : `${formatCount(failing)} guard ${failing === 1 ? 'rail fails' : 'rails fail'}: the sync is refused until ${failing === 1 ? 'it passes' : 'they pass'}.`}
        </span>
      </p>
      <ul className="guard-list guard-checklist" data-testid="guard-checklist">
        {other.map((r) => {
          const fix = FIX[r.code];
          return (
            <li key={r.code + r.message} data-code={r.code} data-status="fail">
              <Icon name="fail" size={18} className="guard-icon" />
              <div>
                <p className="guard-message">{r.message}</p>
                <p className="muted small">{appRefusalHint(r)}</p>
              </div>
              {fix && (
                <button type="button" className="btn btn-small" onClick={() => app.go(fix.screen)}>
                  {fix.label}
                </button>
              )}
            </li>
          );
        })}
        {checks.map((c) => {
          const fix = c.status === 'pass' ? undefined : FIX[c.id];
          return (
            <li
              key={c.id}
              data-check={c.id}
              data-status={c.status}
              data-code={c.status === 'fail' ? (CODE[c.id] ?? 'guard_rail') : undefined}
            >
              <Icon name={ICON[c.status]} size={18} className="guard-icon" />
              <div>
                <p className="guard-message">
                  <span className={`guard-status guard-${c.status}`}>{STATUS_TEXT[c.status]}</span> {c.label}
                  {c.forced && <span className="guard-forced"> — sending anyway (your choice)</span>}
                </p>
                {c.status !== 'pass' && appRemedy(c) && <p className="muted small">{appRemedy(c)}</p>}
                {c.rules.length > 0 && c.status !== 'pass' && (
                  <ul className="guard-rules">
                    {c.rules.map((r) => (
                      <li key={r.ruleId}>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => app.openFindings(r.ruleId)}
                          aria-label={`Show the ${formatCount(r.count)} ${r.ruleId} findings in Findings`}
                        >
                          <span className="mono">{r.ruleId}</span> {r.title}
                        </button>{' '}
                        <span className="muted small">{formatCount(r.count)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {fix && (
                <button type="button" className="btn btn-small" onClick={() => app.go(fix.screen)}>
                  {fix.label}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {forcible && (
        <label className="guard-force">
          <input
            type="checkbox"
            checked={allowPendingRemaps}
            disabled={syncing}
            onChange={(e) => onAllowPendingRemaps(e.target.checked)}
          />{' '}
          Send without the undecided remaps and ambiguous matches: Canvas will skip the rows that need them
          (listed under “What the sync would do”).
        </label>
      )}
    </section>
  );
}
