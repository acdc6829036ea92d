import type { SyncPreflight } from '../../../shared/ipc/channels/sync';
import type { SyncRefusal } from '../../../shared/sync/types';
import type { ScreenId } from '../../app/screens';
import { useApp } from '../../app/state';
import { Icon } from '../../components/Icon';
import { formatDateTime, plural } from '../../format';

/** Where each refusal is fixed. */
const FIX: Partial<Record<SyncRefusal['code'], { screen: ScreenId; label: string }>> = {
  no_canvas: { screen: 'profiles', label: 'Open Districts' },
  not_evaluated: { screen: 'findings', label: 'Open Findings' },
  blockers_open: { screen: 'findings', label: 'Review blockers in Findings' },
  checks_missing: { screen: 'findings', label: 'Open Findings' },
};

/** The guard rails: each reason the sync is refused, with what to do and a link to where it is done. */
export function GuardRails({ preflight, syncing }: { preflight: SyncPreflight; syncing: boolean }) {
  const app = useApp();
  const { evaluation } = preflight;
  // While this window follows the running sync, the progress panel already says so.
  const refusals = syncing ? preflight.refusals.filter((r) => r.code !== 'sync_running') : preflight.refusals;
  return (
    <section
      className="panel sync-guard"
      aria-labelledby="sync-guard-title"
      data-allowed={refusals.length === 0 ? 'true' : 'false'}
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
      {refusals.length === 0 ? (
        <p className="guard-ok" role="status">
          <Icon name="pass" size={18} />
          <span>
            Every blocker is resolved or acknowledged
            {evaluation && evaluation.acknowledgedBlockers > 0
              ? ` (${plural(evaluation.acknowledgedBlockers, 'blocker', 'blockers')} acknowledged)`
              : ''}
            . Ready to sync once you confirm.
          </span>
        </p>
      ) : (
        <ul className="guard-list">
          {refusals.map((r) => {
            const fix = FIX[r.code];
            return (
              <li key={r.code + r.message} data-code={r.code}>
                <Icon name="fail" size={18} className="guard-icon" />
                <div>
                  <p className="guard-message">{r.message}</p>
                  <p className="muted small">{r.hint}</p>
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
      )}
    </section>
  );
}
