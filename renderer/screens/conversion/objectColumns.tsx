import type { ObjectRow } from '../../../shared/ipc/channels/conversion';
import { gridColumnHelper, type GridColumn } from '../../components/grid';
import { formatCount } from '../../format';
import { ClassBadge } from './CountCards';
import { MATCH_LABEL } from './text';

const col = gridColumnHelper<ObjectRow>();

const none = (text: string) => <span className="muted side-none">{text}</span>;

/** Column ids that sort are the sort ids `conversion:objects` understands. */
export const OBJECT_COLUMNS: GridColumn<ObjectRow>[] = col.columns([
  col.accessor('status', {
    header: 'Outcome',
    size: 100,
    cell: (c) => <ClassBadge status={c.getValue()} />,
  }),
  col.accessor('canvasSisId', {
    header: 'Canvas today',
    size: 240,
    meta: { grow: true, label: 'Canvas today' },
    cell: (c) => {
      const o = c.row.original;
      if (o.canvasId === null) return none('Not in Canvas');
      return (
        <div className="cell-two side-cell">
          <span className="cell-message">{o.canvasName ?? o.name}</span>
          <span className="cell-sub mono">
            {o.canvasSisId ? `SIS ${o.canvasSisId}` : 'no SIS id'} · #{o.canvasId}
          </span>
        </div>
      );
    },
  }),
  col.display({
    id: 'arrow',
    header: '',
    size: 36,
    cell: () => (
      <span className="side-arrow" aria-hidden="true">
        →
      </span>
    ),
  }),
  col.accessor('name', {
    header: 'After sync',
    size: 240,
    meta: { grow: true, label: 'After sync' },
    cell: (c) => {
      const o = c.row.original;
      if (o.plannedId === null) return none('Nothing in the roster');
      const changed = o.canvasSisId !== null && o.canvasSisId !== o.plannedId;
      return (
        <div className="cell-two side-cell">
          <span className="cell-message">{o.name}</span>
          <span className={changed ? 'cell-sub mono side-changed' : 'cell-sub mono'}>SIS {o.plannedId}</span>
        </div>
      );
    },
  }),
  col.accessor('matchKey', {
    header: 'Matched by',
    size: 140,
    enableSorting: false,
    cell: (c) => {
      const key = c.row.original.matchKey;
      return key ? MATCH_LABEL[key] : <span className="muted">—</span>;
    },
  }),
  col.accessor('activeEnrollments', {
    header: 'Active enr.',
    size: 104,
    meta: { align: 'end', label: 'Active enrollments in Canvas' },
    cell: (c) => (c.getValue() > 0 ? formatCount(c.getValue()) : <span className="muted">—</span>),
  }),
]);
