import { useEffect, useRef, useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { VerifyReport } from '../../../shared/verify/report';
import { useApp } from '../../app/state';
import { EmptyState, NoDistrictState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { NextStep } from '../../components/NextStep';
import { SecretField } from '../profiles/SecretField';
import { formatCount, formatDateTime, formatDuration, plural } from '../../format';
import { authLabel, hostOf } from '../profiles/ProfileCard';
import { Checklist } from './Checklist';
import { FindingList } from './FindingList';
import { connectionState } from '../../../shared/text/vocabulary';
import { summaryText, VERDICT_TEXT } from './summaryText';
import { useVerifyRun } from './useVerifyRun';

export function VerifyScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="check" title="No district to verify yet">
        <p>Add a district (or open the demo district) first; then check its connection here.</p>
      </NoDistrictState>
    );
  }
  return <VerifyPanel key={active.profile.id} view={active} />;
}

function VerifyPanel({ view }: { view: ProfileView }) {
  const app = useApp();
  const run = useVerifyRun(view.profile.id);
  const hasSecret = view.secrets['oneroster.clientSecret'] === true;
  const { profile } = view;

  return (
    <div className="verify">
      <section className="panel verify-head">
        <div className="verify-target">
          <h2>{profile.name}</h2>
          <p className="muted mono">{profile.oneroster.baseUrl}</p>
          <p className="muted small">
            {authLabel(view)} · client key <span className="mono">{profile.oneroster.clientId}</span>
            {!hasSecret && <span className="warn-text"> · no secret stored</span>}
          </p>
        </div>
        <div className="row-actions">
          {run.running ? (
            <button type="button" className="btn" onClick={run.cancel}>
              <Icon name="stop" size={16} />
              Cancel
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={run.start}>
              <Icon name={run.report ? 'refresh' : 'play'} size={16} />
              {run.report ? 'Re-run' : 'Run verification'}
            </button>
          )}
        </div>
      </section>

      {run.error && <ErrorNotice error={run.error} />}

      {run.running && (
        <div className="banner banner-running" role="status">
          <span className="spinner" aria-hidden="true" />
          <div>
            <strong>Verifying…</strong>
            <span className="muted"> {run.phase ?? 'Connecting'}</span>
          </div>
        </div>
      )}

      {run.report && <VerdictBanner report={run.report} districtName={profile.name} />}

      {!run.running && !run.report && !run.error && !run.loadingLast && (
        <EmptyState icon="check" title="Not verified yet">
          <p>
            Run verification to check reachability, TLS, authentication, clock, base path and every OneRoster
            endpoint. Each check shows its HTTP status, latency and record count; each problem comes with a
            fix.
          </p>
        </EmptyState>
      )}

      {run.findings.length > 0 && (
        <section className="panel">
          <div className="panel-head">
            <h2>Problems and fixes</h2>
            <span className="muted small">{plural(run.findings.length, 'finding', 'findings')}</span>
          </div>
          <FindingList findings={run.findings} />
        </section>
      )}
      {!run.running && (!hasSecret || run.findings.some((f) => f.ruleId === 'CONN-AUTH')) && (
        <section className="panel verify-secret" aria-label="Replace secret">
          <div className="panel-head">
            <h2>{hasSecret ? 'Replace secret' : 'Enter the client secret'}</h2>
          </div>
          <SecretField
            profileId={profile.id}
            stored={hasSecret}
            startReplacing
            onChanged={app.refresh}
            help="Saved to the OS keychain; then run verification again."
          />
        </section>
      )}
      {(run.checks.length > 0 || run.running) && (
        <section className="panel">
          <div className="panel-head">
            <h2>Checklist</h2>
            <span className="muted small">{plural(run.checks.length, 'check', 'checks')}</span>
          </div>
          <Checklist checks={run.checks} running={run.running} />
        </section>
      )}
      {run.report &&
        !run.running &&
        !run.report.summary.cancelled &&
        (connectionState(run.report.summary.verdict) === 'ok' ? (
          <NextStep
            text="the connection works. Pull the roster into a snapshot to check the data itself."
            action="Go to Pull"
            screen="pull"
          />
        ) : (
          <NextStep
            text="fix the blockers above (each says how), then run verification again."
            action="Re-run verification"
            onAction={run.start}
          />
        ))}
    </div>
  );
}

function VerdictBanner({ report, districtName }: { report: VerifyReport; districtName: string }) {
  const { summary } = report;
  const c = summary.counts;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [fallbackText, setFallbackText] = useState<string | undefined>();
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const tone = summary.cancelled ? 'neutral' : summary.verdict;
  // Sample records that fail 1.1 validation are not findings of the connection (the rules judge them after a
  // pull), but they are counted here so "0 warnings" never stands next to "4 of 15 invalid" unexplained.
  const invalidSampled = summary.checks.reduce((n, ch) => n + (ch.sampleInvalid ?? 0), 0);
  const sampled = summary.checks.reduce((n, ch) => n + (ch.sampleSize ?? 0), 0);
  const icon = summary.cancelled
    ? 'info'
    : summary.verdict === 'ready'
      ? 'pass'
      : summary.verdict === 'not_ready'
        ? 'fail'
        : 'warn';

  const copySummary = async () => {
    const text = summaryText(districtName, report);
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
      setFallbackText(undefined);
    } catch {
      // Clipboard refused (permissions): show the text so it can be copied by hand.
      setCopy('failed');
      setFallbackText(text);
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setCopy('idle'), 2500);
  };

  return (
    <>
      <section
        className={`banner verdict verdict-${tone}`}
        aria-label="Connection result"
        data-verdict={summary.verdict}
        data-connection={connectionState(summary.verdict)}
      >
        <Icon name={icon} size={28} className="verdict-icon" />
        <div className="verdict-body">
          <h2 className="verdict-title">
            {summary.cancelled ? 'Cancelled — the checklist is incomplete' : VERDICT_TEXT[summary.verdict]}
          </h2>
          <p className="verdict-counts">
            <span>{plural(c.blocker, 'blocker', 'blockers')}</span>
            <span>{plural(c.warning, 'warning', 'warnings')}</span>
            <span>{formatCount(c.info)} info</span>
            {invalidSampled > 0 && (
              <span className="warn-text" data-testid="sample-invalid">
                {formatCount(invalidSampled)} of {formatCount(sampled)} sampled records not valid{' '}
                {summary.onerosterVersion ?? '1.1'} (pull, then Findings lists them)
              </span>
            )}
            {summary.onerosterVersion && (
              <span data-testid="oneroster-version" title="The OneRoster version the endpoints answered as">
                OneRoster {summary.onerosterVersion} detected
              </span>
            )}
            <span className="muted">
              {formatDateTime(summary.finishedAt)} · took {formatDuration(summary.durationMs)} ·{' '}
              {hostOf(summary.target.baseUrl)}
            </span>
          </p>
        </div>
        <button type="button" className="btn" onClick={copySummary}>
          <Icon name="copy" size={16} />
          {copy === 'copied' ? 'Copied ✓' : 'Copy summary'}
        </button>
      </section>
      {fallbackText && (
        <div className="panel">
          <p className="muted small">
            The clipboard is not available here; select the text below and copy it.
          </p>
          <textarea
            className="summary-fallback"
            readOnly
            value={fallbackText}
            rows={8}
            aria-label="Summary text"
          />
        </div>
      )}
    </>
  );
}
