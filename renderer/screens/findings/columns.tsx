import type { FindingRow } from '../../../shared/findings/views';
import type { EntityType } from '../../../shared/rules/finding';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import { SeverityBadge } from '../../components/Badges';
import { gridColumnHelper, type GridColumn } from '../../components/grid';
import { ENTITY_LABEL } from './text';

const col = gridColumnHelper<FindingRow>();

export const findingKey = (f: Pick<FindingRow, 'ruleId' | 'entityType' | 'sourcedId'>): string =>
  `${f.ruleId}|${f.entityType}|${f.sourcedId}`;

/** Column ids match the sort ids `findings:query` understands. */
export const FINDING_COLUMNS: GridColumn<FindingRow>[] = col.columns([
  col.accessor('severity', {
    header: 'Severity',
    size: 104,
    enableHiding: false,
    cell: (c) => (
      <span className="cell-severity">
        <SeverityBadge severity={c.getValue()} />
        {c.row.original.acknowledged && (
          <span className="ack-mark" title={`Acknowledged: ${c.row.original.acknowledged.reason}`}>
            ack
          </span>
        )}
      </span>
    ),
  }),
  col.accessor('ruleId', {
    header: 'Rule',
    size: 180,
    cell: (c) => (
      <div className="cell-two">
        <span className="mono">{c.getValue()}</span>
        <span className="cell-sub cell-wrap">{RULES_BY_ID.get(c.getValue())?.title ?? ''}</span>
      </div>
    ),
  }),
  col.accessor('message', {
    header: 'Finding',
    size: 260,
    enableHiding: false,
    meta: { grow: true },
    // The whole message, wrapped (the grid measures each row); the fix is said once per rule, in the group
    // header, the rule banner or the detail panel, not on every row.
    cell: (c) => <span className="cell-message cell-wrap">{c.getValue()}</span>,
  }),
  col.accessor('entityType', {
    header: 'Record type',
    size: 100,
    cell: (c) => ENTITY_LABEL[c.getValue() as EntityType],
  }),
  col.accessor('sourcedId', {
    header: 'sourcedId',
    size: 140,
    meta: { label: 'sourcedId' },
    cell: (c) => (
      <span className="mono" title={c.getValue()}>
        {c.getValue()}
      </span>
    ),
  }),
  col.accessor('school', {
    header: 'School',
    size: 140,
    cell: (c) => c.getValue() ?? <span className="muted">—</span>,
  }),
]);

export function ruleTitle(ruleId: string): string {
  return RULES_BY_ID.get(ruleId)?.title ?? ruleId;
}
