import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { FindingRow, RecordView } from '../../../shared/findings/views';
import type { RuleChange } from '../../../shared/ipc/channels/settings';
import type { IpcError } from '../../../shared/ipc/define';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import type { Severity } from '../../../shared/rules/finding';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { SeverityBadge } from '../../components/Badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime, plural } from '../../format';
import { ENTITY_LABEL } from './text';

type Detail = ChannelOutput<'findings:detail'>;

/** The finding a row stands for: its remedy, detail fields, the record and its related records, and rule actions. */
export function DetailPanel({
  profileId,
  snapshotId,
  evaluationId,
  finding,
  severityOverride,
  ruleFindings,
  onClose,
  onRuleChange,
}: {
  profileId: string;
  snapshotId: string;
  /** A new evaluation (or new rule settings) reloads the detail. */
  evaluationId: string;
  finding: FindingRow;
  severityOverride: Severity | undefined;
  /** How many findings the rule has now (for the downgrade confirmation), if known. */
  ruleFindings?: number;
  onClose(): void;
  onRuleChange(change: RuleChange): Promise<void>;
}) {
  const app = useApp();
  const [detail, setDetail] = useState<Detail | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [ackOpen, setAckOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rule = RULES_BY_ID.get(finding.ruleId);
  const blockerRule = rule?.severity === 'blocker';
  /** A severity drop or mute of a blocker rule waiting for its reason and confirmation. */
  const [soften, setSoften] = useState<Extract<RuleChange, { kind: 'severity' | 'mute' }> | undefined>();

  useEffect(() => {
    let live = true;
    call('findings:detail', {
      profileId,
      snapshotId,
      ref: { ruleId: finding.ruleId, entityType: finding.entityType, sourcedId: finding.sourcedId },
    }).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, snapshotId, evaluationId, finding.ruleId, finding.entityType, finding.sourcedId]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [finding.ruleId, finding.sourcedId]);

  const act = async (change: RuleChange) => {
    setBusy(true);
    setError(undefined);
    try {
      await onRuleChange(change);
      setAckOpen(false);
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  // The fetched detail is the fresher copy (acknowledgements); until it arrives, the grid row.
  const current =
    detail && detail.finding.ruleId === finding.ruleId && detail.finding.sourcedId === finding.sourcedId;
  const shown = current ? detail.finding : finding;
  const ref = { ruleId: shown.ruleId, entityType: shown.entityType, sourcedId: shown.sourcedId };
  // Empty facts (e.g. no proposal to reject) say nothing: left out rather than shown as "—".
  const detailFields = Object.entries(shown.detail ?? {}).filter(
    ([k, v]) => k !== 'acknowledged' && v !== null && v !== undefined && v !== '',
  );

  return (
    <aside
      className="detail-panel"
      aria-label="Finding detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="detail-head">
        <SeverityBadge severity={shown.severity} />
        <span className="mono muted">{shown.ruleId}</span>
        <button type="button" className="btn-icon detail-close" aria-label="Close detail" onClick={onClose}>
          <Icon name="x" size={16} />
        </button>
      </header>
      <h2 className="detail-title" tabIndex={-1} ref={headingRef}>
        {rule?.title ?? shown.ruleId}
      </h2>
      <p className="detail-message">{shown.message}</p>
      <div className="detail-remedy">
        <strong>What to do</strong>
        <p>{shown.remedy}</p>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}

      <dl className="detail-fields">
        <dt>Record</dt>
        <dd>
          {ENTITY_LABEL[shown.entityType]} <span className="mono">{shown.sourcedId}</span>
        </dd>
        {current && detail.record.label && (
          <>
            <dt>Name</dt>
            <dd>{detail.record.label}</dd>
          </>
        )}
        <dt>School</dt>
        <dd>{shown.school ?? <span className="muted">none (district-wide)</span>}</dd>
        {detailFields.map(([k, v]) => (
          <FieldRow key={k} name={k} value={v} humanise />
        ))}
      </dl>

      {shown.acknowledged && (
        <div className="detail-ack" data-testid="acknowledged-note">
          <strong>Acknowledged</strong> by {shown.acknowledged.by}, {formatDateTime(shown.acknowledged.at)}:{' '}
          {shown.acknowledged.reason}
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void act({ kind: 'unacknowledge', ...ref })}
          >
            Withdraw
          </button>
        </div>
      )}

      <div className="detail-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => app.openEntity(shown.entityType, shown.sourcedId)}
        >
          <Icon name="tree" size={15} />
          Show in mapping
        </button>
        {shown.severity === 'blocker' && !shown.acknowledged && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAckOpen((o) => !o)}
            aria-expanded={ackOpen}
          >
            Acknowledge…
          </button>
        )}
      </div>
      {ackOpen && (
        <form
          className="ack-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ kind: 'acknowledge', ...ref, reason });
          }}
        >
          <label htmlFor="ack-reason" className="field-label">
            Why is this blocker acceptable?
          </label>
          <textarea
            id="ack-reason"
            rows={2}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. The district fixes this username before go-live."
          />
          <p className="muted small">Recorded with your user name and the time; it appears in the report.</p>
          <div className="row-actions">
            <button
              type="submit"
              className="btn btn-primary btn-small"
              disabled={busy || reason.trim() === ''}
            >
              Acknowledge blocker
            </button>
          </div>
        </form>
      )}

      <section className="detail-rule" aria-label="Rule settings">
        <h3>Rule settings for this district</h3>
        <div className="rule-settings">
          <label htmlFor="rule-severity">Severity</label>
          <select
            id="rule-severity"
            value={severityOverride ?? ''}
            disabled={busy}
            onChange={(e) => {
              const severity = (e.target.value || null) as Severity | null;
              const change: RuleChange = { kind: 'severity', ruleId: shown.ruleId, severity };
              if (blockerRule && severity !== null && severity !== 'blocker') setSoften(change);
              else void act(change);
            }}
          >
            <option value="">Default ({rule?.severity ?? 'catalogue'})</option>
            <option value="blocker">Blocker</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => {
              const change: RuleChange = { kind: 'mute', ruleId: shown.ruleId, muted: true };
              if (blockerRule) setSoften(change);
              else void act(change);
            }}
          >
            Mute this rule
          </button>
        </div>
        <p className="muted small">
          Muting hides every finding of {shown.ruleId}; the report lists muted rules.
          {blockerRule && ' This rule finds blockers: lowering or muting it asks for a reason.'}
        </p>
      </section>
      {soften && (
        <ConfirmDialog
          title={
            soften.kind === 'mute'
              ? `Mute ${shown.ruleId}, a blocker rule?`
              : `Downgrade ${shown.ruleId} from blocker to ${soften.severity ?? 'default'}?`
          }
          confirmLabel={soften.kind === 'mute' ? 'Mute rule' : 'Downgrade rule'}
          reasonLabel="Why may this rule stop blocking the sync?"
          reasonPlaceholder="e.g. The district fixes these usernames in the SIS before go-live."
          danger
          busy={busy}
          onCancel={() => setSoften(undefined)}
          onConfirm={(why) => {
            void act({ ...soften, reason: why }).then(() => setSoften(undefined));
          }}
        >
          <p>
            {ruleFindings === undefined
              ? `Every finding of “${rule?.title ?? shown.ruleId}”`
              : `${plural(ruleFindings, 'finding', 'findings')} of “${rule?.title ?? shown.ruleId}”`}{' '}
            will no longer count as {ruleFindings === 1 ? 'a blocker' : 'blockers'}
            {soften.kind === 'mute' ? ' and will be hidden' : ''}. The verdict may turn to “Ready”.
          </p>
          <p className="muted">
            The verdict, the report and the sync history will say how many rules were downgraded and how many
            findings that affects.
          </p>
        </ConfirmDialog>
      )}

      {current && <RecordSection title="OneRoster record" record={detail.record} />}
      {current && detail.related.length > 0 && (
        <section className="detail-related">
          <h3>Related records</h3>
          <ul>
            {detail.related.map((r) => (
              <li key={`${r.entityType}:${r.sourcedId}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => app.openEntity(r.entityType, r.sourcedId)}
                >
                  {ENTITY_LABEL[r.entityType]} <span className="mono">{r.sourcedId}</span>
                </button>
                {r.label && <span className="muted"> · {r.label}</span>}
                {!r.fields && <span className="warn-text small"> · not in the snapshot</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

function FieldRow({ name, value, humanise = false }: { name: string; value: unknown; humanise?: boolean }) {
  return (
    <>
      <dt>{humanise ? humaniseKey(name) : name}</dt>
      <dd className="mono detail-value">{readable(value)}</dd>
    </>
  );
}

/** "targetCollection" → "Target collection": detail keys are code names, shown as words. */
function humaniseKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Values as text a person reads: lists joined, objects as "key: value", never raw JSON. */
function readable(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.map(readable).join(value.some((v) => typeof v === 'object') ? '\n' : ', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${readable(v)}`)
      .join(', ');
  }
  return String(value);
}

function RecordSection({ title, record }: { title: string; record: RecordView }) {
  if (!record.fields) {
    return (
      <section className="detail-record">
        <h3>{title}</h3>
        <p className="muted small">
          Not in this snapshot (the finding is about the feed, or the record is missing).
        </p>
      </section>
    );
  }
  const entries = Object.entries(record.fields).filter(
    ([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  return (
    <section className="detail-record">
      <h3>{title}</h3>
      <dl className="detail-fields">
        {entries.map(([k, v]) => (
          <FieldRow key={k} name={k} value={v} />
        ))}
      </dl>
    </section>
  );
}
