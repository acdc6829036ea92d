import type { ProposalRow } from '../../../shared/ipc/channels/conversion';
import type { RemapDecision } from '../../../shared/conversion/types';
import { gridColumnHelper, type GridColumn } from '../../components/grid';
import { agreeSummary } from './RemapEvidence';
import { CHANGE_TYPE_LABEL, CONFIDENCE_LABEL, DECISION_LABEL, MATCH_LABEL } from './text';

const col = gridColumnHelper<ProposalRow>();

export interface ProposalActions {
  selected: ReadonlySet<string>;
  toggle(id: string): void;
  decide(id: string, decision: RemapDecision): void;
  busy: boolean;
}

/** Clicks on controls inside a row must not also toggle the row. */
const stop = (e: React.SyntheticEvent) => e.stopPropagation();

export function proposalColumns(a: ProposalActions): GridColumn<ProposalRow>[] {
  return col.columns([
    col.display({
      id: 'select',
      header: '',
      size: 44,
      cell: (c) => (
        <input
          type="checkbox"
          className="row-check"
          aria-label={`Select ${c.row.original.name}`}
          checked={a.selected.has(c.row.original.id)}
          onClick={stop}
          onChange={() => a.toggle(c.row.original.id)}
        />
      ),
    }),
    col.accessor('name', {
      header: 'Canvas object',
      size: 190,
      meta: { grow: true },
      enableSorting: false,
      cell: (c) => (
        <div className="cell-two">
          <span className="cell-message">{c.getValue()}</span>
          <span className="cell-sub">
            {CHANGE_TYPE_LABEL[c.row.original.type]} · #{c.row.original.canvasId}
          </span>
        </div>
      ),
    }),
    col.accessor('oldId', {
      header: 'SIS id today → after',
      size: 210,
      enableSorting: false,
      cell: (c) => (
        <div className="cell-two mono">
          <span className="remap-old">{c.getValue() || '(none)'}</span>
          <span className="remap-new">→ {c.row.original.newId}</span>
        </div>
      ),
    }),
    col.accessor('matchKey', {
      header: 'Matched by',
      size: 190,
      enableSorting: false,
      cell: (c) => (
        <div className="cell-two">
          <span>{MATCH_LABEL[c.row.original.matchKey]}</span>
          <span className="cell-sub">{agreeSummary(c.row.original) || c.row.original.ruleId}</span>
        </div>
      ),
    }),
    col.accessor('confidence', {
      header: 'Confidence',
      size: 96,
      enableSorting: false,
      cell: (c) => (
        <span className={`confidence confidence-${c.row.original.confidence}`}>
          {CONFIDENCE_LABEL[c.row.original.confidence]}
        </span>
      ),
    }),
    col.accessor('decision', {
      header: 'Decision',
      size: 236,
      enableSorting: false,
      cell: (c) => {
        const p = c.row.original;
        return (
          <div className="decision-cell" data-decision={p.decision}>
            <span className={`decision decision-${p.decision}`}>{DECISION_LABEL[p.decision]}</span>
            <span className="row-actions">
              <button
                type="button"
                className="btn btn-small btn-accept"
                disabled={a.busy || p.decision === 'accepted'}
                aria-label={`Accept remap of ${p.name}`}
                onClick={(e) => (stop(e), a.decide(p.id, 'accepted'))}
              >
                Accept
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={a.busy || p.decision === 'rejected'}
                aria-label={`Reject remap of ${p.name}`}
                onClick={(e) => (stop(e), a.decide(p.id, 'rejected'))}
              >
                Reject
              </button>
            </span>
          </div>
        );
      },
    }),
  ]);
}
