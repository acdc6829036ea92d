import type { ProposalRow } from '../../../shared/ipc/channels/conversion';
import type { EvidenceField, RemapEvidence } from '../../../shared/conversion/types';
import { Icon } from '../../components/Icon';
import { CHANGE_TYPE_LABEL, CONFIDENCE_LABEL, DECISION_LABEL, MATCH_LABEL } from './text';

const FIELD_LABEL: Record<EvidenceField, { canvas: string; roster: string }> = {
  login: { canvas: 'Login', roster: 'Username' },
  email: { canvas: 'Email', roster: 'Email' },
  name: { canvas: 'Name', roster: 'Name' },
  term: { canvas: 'Term', roster: 'Term' },
  start_date: { canvas: 'Start date', roster: 'Start date' },
  end_date: { canvas: 'End date', roster: 'End date' },
  sis_id: { canvas: 'SIS id', roster: 'sourcedId' },
  integration_id: { canvas: 'Integration id', roster: 'Integration id' },
};

const norm = (s: string) => s.trim().toLowerCase();
/** The same value, ignoring case and surrounding blanks (how the matcher compares). */
export const agrees = (e: RemapEvidence): boolean => e.canvas !== '' && norm(e.canvas) === norm(e.roster);

/** "Same login, email, name" for the grid cell (the evidence panel has the values). */
export function agreeSummary(p: ProposalRow): string {
  const same = (p.evidence ?? []).filter((e) => e.field !== 'sis_id' && agrees(e));
  if (same.length === 0) return p.evidence ? 'Nothing else agrees' : '';
  return `Same ${same.map((e) => FIELD_LABEL[e.field].canvas.toLowerCase()).join(', ')}`;
}

/** Facts every proposal has, for proposals that carry no per-field evidence (accounts; older conversions). */
function basicEvidence(p: ProposalRow): RemapEvidence[] {
  return [{ field: 'sis_id', canvas: p.oldId, roster: p.source }];
}

/**
 * One remap proposal's evidence: the Canvas object today beside the roster record it would become, field by field,
 * each row saying in words whether the two agree, so a reviewer can judge "Matched by: Login" before accepting.
 */
export function RemapEvidencePanel({
  proposal,
  busy,
  onDecide,
  onClose,
}: {
  proposal: ProposalRow;
  busy: boolean;
  onDecide(decision: 'accepted' | 'rejected'): void;
  onClose(): void;
}) {
  const rows = proposal.evidence ?? basicEvidence(proposal);
  return (
    <aside className="evidence-panel" aria-label="Remap evidence">
      <div className="evidence-head">
        <h3>{proposal.name}</h3>
        <button type="button" className="btn-icon" aria-label="Close evidence" onClick={onClose}>
          <Icon name="x" size={16} />
        </button>
      </div>
      <p className="muted small">
        {CHANGE_TYPE_LABEL[proposal.type]} · Canvas #{proposal.canvasId} · matched by{' '}
        {MATCH_LABEL[proposal.matchKey]} · {CONFIDENCE_LABEL[proposal.confidence].toLowerCase()} confidence
      </p>
      <table className="evidence-table" aria-label={`Evidence for ${proposal.name}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Canvas today</th>
            <th scope="col">Roster</th>
            <th scope="col">
              <span className="visually-hidden">Agreement</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const same = agrees(e);
            const label = FIELD_LABEL[e.field];
            return (
              <tr key={e.field} data-field={e.field} data-agrees={same}>
                <th scope="row">
                  {label.canvas === label.roster ? label.canvas : `${label.canvas} / ${label.roster}`}
                </th>
                <td className="mono">{e.canvas || <span className="muted">(none)</span>}</td>
                <td className="mono">{e.roster || <span className="muted">(none)</span>}</td>
                <td className={same ? 'evidence-same' : 'evidence-differs'}>
                  {e.field === 'sis_id' ? (same ? 'Same' : 'Changes') : same ? 'Same' : 'Differs'}
                </td>
              </tr>
            );
          })}
          <tr data-field="after">
            <th scope="row">SIS id after sync</th>
            <td className="mono" colSpan={2}>
              {proposal.oldId || '(none)'} → {proposal.newId}
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="evidence-actions">
        <span className={`decision decision-${proposal.decision}`}>{DECISION_LABEL[proposal.decision]}</span>
        <button
          type="button"
          className="btn btn-small btn-accept"
          disabled={busy || proposal.decision === 'accepted'}
          onClick={() => onDecide('accepted')}
        >
          Accept remap
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || proposal.decision === 'rejected'}
          onClick={() => onDecide('rejected')}
        >
          Reject remap
        </button>
      </div>
    </aside>
  );
}
