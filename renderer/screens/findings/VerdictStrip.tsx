import type { FindingsSummary } from '../../../shared/findings/views';
import { Icon } from '../../components/Icon';
import { formatCount, formatDateTime, plural } from '../../format';
import { downgradeSummary } from '../../../shared/text/vocabulary';
import { VERDICT_TITLE } from './text';

const VERDICT_ICON = { ready: 'pass', ready_with_warnings: 'warn', not_ready: 'fail' } as const;

/** The verdict, counts per severity, and what the district's rule settings changed (acknowledged, muted). */
export function VerdictStrip({ view }: { view: FindingsSummary }) {
  const s = view.summary;
  const mutedRules = view.mutedRules.length;
  return (
    <section
      className={`banner verdict verdict-${s.verdict} findings-verdict`}
      aria-label="Verdict"
      data-verdict={s.verdict}
    >
      <Icon name={VERDICT_ICON[s.verdict]} size={26} className="verdict-icon" />
      <div className="verdict-body">
        <h2 className="verdict-title">{VERDICT_TITLE[s.verdict]}</h2>
        <div className="verdict-counts" data-testid="severity-counts">
          <span data-severity="blocker">
            <strong>{formatCount(s.counts.blocker)}</strong> {s.counts.blocker === 1 ? 'blocker' : 'blockers'}
          </span>
          <span data-severity="warning">
            <strong>{formatCount(s.counts.warning)}</strong> {s.counts.warning === 1 ? 'warning' : 'warnings'}
          </span>
          <span data-severity="info">
            <strong>{formatCount(s.counts.info)}</strong> info
          </span>
          {s.acknowledgedBlockers > 0 && (
            <span data-testid="acknowledged">
              {plural(s.acknowledgedBlockers, 'blocker acknowledged', 'blockers acknowledged')}
            </span>
          )}
          {s.downgraded.rules > 0 && (
            <span className="warn-text" data-testid="downgraded-summary">
              {downgradeSummary(s.downgraded.rules, s.downgraded.findings)}
            </span>
          )}
          {mutedRules > 0 && (
            <span className="muted" data-testid="muted-summary">
              {plural(mutedRules, 'rule muted', 'rules muted')} (
              {plural(s.muted.findings, 'finding', 'findings')} hidden)
            </span>
          )}
        </div>
        {s.failedModules.length > 0 && (
          <p className="small">
            Some checks could not run ({s.failedModules.map((m) => m.module).join(', ')}): the verdict cannot
            be “ready” until they do. Re-evaluate; if it persists, send the log file to support.
          </p>
        )}
      </div>
      <div className="verdict-meta muted small">
        <span>Snapshot {formatDateTime(view.snapshotAt)}</span>
        <span>Evaluated {formatDateTime(s.evaluatedAt)}</span>
      </div>
    </section>
  );
}
