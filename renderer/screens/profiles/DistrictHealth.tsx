import { useEffect, useState } from 'react';
import type { ScreenId } from '../../app/screens';
import { call } from '../../api/client';
import { useApp } from '../../app/state';
import { formatCount, formatDateTime } from '../../format';
import {
  connectionLabel,
  connectionState,
  downgradeSummary,
  SYNC_VERDICT_LABEL,
} from '../../../shared/text/vocabulary';
import type { Verdict } from '../../../shared/rules/finding';

/**
 * One district at a glance: connection, last pull, verdict, conversion and last sync, and the one next step.
 * Every value comes from the same IPC call the district's own screen uses (verify:last, snapshots:list,
 * findings:summary, baseline:list, sync:history), so the home never disagrees with the screens.
 */
interface Health {
  connection: { verdict: Verdict; at: string } | null;
  pull: { status: string; at: string; records: number | null } | null;
  verdict: { verdict: Verdict; blockers: number; downgraded: string | null } | null;
  baseline: { at: string } | null;
  sync: { at: string; result: string } | null;
}

const settle = <T,>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

async function loadHealth(profileId: string): Promise<Health> {
  const [verify, snaps, findings, baselines, syncs] = await Promise.all([
    settle(call('verify:last', { profileId })),
    settle(call('snapshots:list', { profileId })),
    settle(call('findings:summary', { profileId })),
    settle(call('baseline:list', { profileId })),
    settle(call('sync:history', { profileId })),
  ]);
  const snap = snaps?.snapshots[0];
  const s = findings?.summary?.summary;
  const baseline = baselines?.baselines[0];
  const sync = syncs?.entries[0];
  return {
    connection: verify ? { verdict: verify.summary.verdict, at: verify.summary.finishedAt } : null,
    pull: snap
      ? {
          status: snap.status,
          at: snap.finishedAt ?? snap.startedAt,
          records: snap.counts ? Object.values(snap.counts).reduce((n, v) => n + (v ?? 0), 0) : null,
        }
      : null,
    verdict: s
      ? {
          verdict: s.verdict,
          blockers: s.effectiveCounts.blocker,
          downgraded:
            s.downgraded.rules > 0 ? downgradeSummary(s.downgraded.rules, s.downgraded.findings) : null,
        }
      : null,
    baseline: baseline ? { at: baseline.fetchedAt } : null,
    sync: sync
      ? {
          at: sync.endedAt ?? sync.startedAt,
          result: sync.result
            ? `${sync.result.ok ? 'Imported' : 'Failed'} (${sync.result.workflowState.replace(/_/g, ' ')})`
            : sync.status.replace(/_/g, ' '),
        }
      : null,
  };
}

/** The one next step, in journey order: the first thing not done (or not passing) yet. */
function nextStep(h: Health, hasSecret: boolean): { text: string; screen: ScreenId } {
  if (!hasSecret) return { text: 'Enter the client secret', screen: 'profiles' };
  if (!h.connection) return { text: 'Verify the connection', screen: 'verify' };
  if (connectionState(h.connection.verdict) === 'failing')
    return { text: 'Fix the connection', screen: 'verify' };
  if (!h.pull || h.pull.status !== 'complete') return { text: 'Pull the roster', screen: 'pull' };
  if (!h.verdict) return { text: 'Evaluate the snapshot', screen: 'findings' };
  if (h.verdict.verdict === 'not_ready') return { text: 'Resolve the blockers', screen: 'findings' };
  if (!h.baseline) return { text: 'Compare with what Canvas holds', screen: 'conversion' };
  if (!h.sync) return { text: 'Export the report, then sync', screen: 'report' };
  return { text: 'Check what changed since the last pull', screen: 'compare' };
}

export function DistrictHealth({ profileId, hasSecret }: { profileId: string; hasSecret: boolean }) {
  const app = useApp();
  const [health, setHealth] = useState<Health | undefined>();
  useEffect(() => {
    let live = true;
    void loadHealth(profileId).then((h) => live && setHealth(h));
    return () => {
      live = false;
    };
  }, [profileId]);

  if (!health) return <p className="muted small district-health">Loading status…</p>;
  const step = nextStep(health, hasSecret);
  const conn = health.connection;
  return (
    <div className="district-health" data-testid="district-health">
      <dl>
        <dt>Connection</dt>
        <dd data-testid="health-connection">
          {conn ? (
            <>
              <span className={connectionState(conn.verdict) === 'ok' ? 'ok-text' : 'bad-text'}>
                {connectionLabel(conn.verdict)}
              </span>{' '}
              <span className="muted">· {formatDateTime(conn.at)}</span>
            </>
          ) : (
            <span className="muted">Not verified yet</span>
          )}
        </dd>
        <dt>Last pull</dt>
        <dd data-testid="health-pull">
          {health.pull ? (
            <>
              {health.pull.status === 'complete'
                ? `${health.pull.records !== null ? `${formatCount(health.pull.records)} records` : 'Complete'}`
                : health.pull.status === 'running'
                  ? 'Pulling now…'
                  : `Last attempt ${health.pull.status}`}{' '}
              <span className="muted">· {formatDateTime(health.pull.at)}</span>
            </>
          ) : (
            <span className="muted">Not pulled yet</span>
          )}
        </dd>
        <dt>Verdict</dt>
        <dd data-testid="health-verdict">
          {health.verdict ? (
            <>
              <span className={`verdict-word verdict-word-${health.verdict.verdict}`}>
                {SYNC_VERDICT_LABEL[health.verdict.verdict]}
              </span>
              {health.verdict.blockers > 0 && (
                <span className="muted">
                  {' '}
                  · {formatCount(health.verdict.blockers)}{' '}
                  {health.verdict.blockers === 1 ? 'blocker' : 'blockers'}
                </span>
              )}
              {health.verdict.downgraded && <span className="warn-text"> · {health.verdict.downgraded}</span>}
            </>
          ) : (
            <span className="muted">Not evaluated yet</span>
          )}
        </dd>
        <dt>Conversion</dt>
        <dd data-testid="health-conversion">
          {health.baseline ? (
            <>
              Canvas baseline <span className="muted">· {formatDateTime(health.baseline.at)}</span>
            </>
          ) : (
            <span className="muted">No Canvas baseline yet</span>
          )}
        </dd>
        <dt>Last sync</dt>
        <dd data-testid="health-sync">
          {health.sync ? (
            <>
              {health.sync.result} <span className="muted">· {formatDateTime(health.sync.at)}</span>
            </>
          ) : (
            <span className="muted">Never synced</span>
          )}
        </dd>
      </dl>
      <button
        type="button"
        className="btn btn-small btn-primary district-next"
        data-testid="district-next"
        onClick={() => {
          app.setActive(profileId);
          app.go(step.screen);
        }}
      >
        Next: {step.text}
      </button>
    </div>
  );
}
