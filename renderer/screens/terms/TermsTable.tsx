import { useCallback, useMemo, useState } from 'react';
import type { CanvasTermView } from '../../../shared/mapping/tree-views';
import {
  DataGrid,
  gridColumnHelper,
  type GridColumn,
  type GridItem,
  type SortingState,
} from '../../components/grid';
import { formatCount } from '../../format';
import { formatDay } from './timeScale';

export interface TermRow extends CanvasTermView {
  schoolNames: string[];
}

const col = gridColumnHelper<TermRow>();

const COLUMNS: GridColumn<TermRow>[] = col.columns([
  col.accessor('termId', {
    header: 'Canvas term_id',
    size: 112,
    cell: (c) => <span className="mono">{c.getValue()}</span>,
  }),
  col.accessor('name', {
    header: 'Name',
    size: 150,
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
  }),
  col.accessor('startDate', { header: 'Start', size: 112, cell: (c) => formatDay(c.getValue()) }),
  col.accessor('endDate', { header: 'End', size: 112, cell: (c) => formatDay(c.getValue()) }),
  col.accessor((r) => r.sessions.length, {
    id: 'sessions',
    header: 'Merged sessions',
    size: 170,
    cell: (c) => {
      const t = c.row.original;
      return (
        <div className="tcell-two" title={t.sessions.join(', ')}>
          <span>
            {t.sessions.length === 1 ? '1 session' : `${t.sessions.length} sessions`}
            {t.mergedBy.length > 0 && <span className="muted"> · by {t.mergedBy.join(' + ')}</span>}
          </span>
          <span className="tcell-sub mono">{t.sessions.join(', ')}</span>
        </div>
      );
    },
  }),
  col.accessor((r) => r.schoolNames.join(', '), {
    id: 'schools',
    header: 'Schools',
    size: 150,
    meta: { grow: true },
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
  }),
  col.accessor('courses', {
    header: 'Courses',
    size: 72,
    meta: { align: 'end' },
    cell: (c) => formatCount(c.getValue()),
  }),
  col.accessor((r) => r.badges.blocker * 1e9 + r.badges.warning, {
    id: 'problems',
    // A finding on a person in classes of two terms counts in both (the note above the table gives the totals).
    header: 'In this term',
    size: 110,
    meta: { align: 'end' },
    cell: (c) => {
      const b = c.row.original.badges;
      if (b.blocker + b.warning === 0) return <span className="muted">none</span>;
      return (
        <span className="mtree-badges">
          {b.blocker > 0 && (
            <span className="count-badge blocker" title="blockers">
              {formatCount(b.blocker)}
            </span>
          )}
          {b.warning > 0 && (
            <span className="count-badge warning" title="warnings">
              {formatCount(b.warning)}
            </span>
          )}
        </span>
      );
    },
  }),
]);

type SortKey = (r: TermRow) => string | number;
const SORT_KEYS: Record<string, SortKey> = {
  termId: (r) => r.termId,
  name: (r) => r.name,
  startDate: (r) => r.startDate,
  endDate: (r) => r.endDate,
  sessions: (r) => r.sessions.length,
  schools: (r) => r.schoolNames.join(', '),
  courses: (r) => r.courses,
  problems: (r) => r.badges.blocker * 1e9 + r.badges.warning,
};

/** The Canvas terms (terms.csv) with the sessions and schools behind each; sorted here (there are few). */
export function TermsTable({
  rows,
  highlight,
  onHighlight,
}: {
  rows: TermRow[];
  highlight: string | null;
  onHighlight(termId: string | null): void;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      for (const s of sorting) {
        const key = SORT_KEYS[s.id];
        if (!key) continue;
        const va = key(a);
        const vb = key(b);
        const d = va < vb ? -1 : va > vb ? 1 : 0;
        if (d !== 0) return s.desc ? -d : d;
      }
      return 0;
    });
    return out;
  }, [rows, sorting]);
  const itemAt = useCallback(
    (index: number): GridItem<TermRow> => ({ kind: 'row', index, row: sorted[index] }),
    [sorted],
  );

  return (
    <DataGrid
      label="Canvas terms"
      columns={COLUMNS}
      itemCount={sorted.length}
      itemAt={itemAt}
      rowId={(r) => r.termId}
      sorting={sorting}
      onSortingChange={setSorting}
      columnVisibility={{}}
      onOpenRow={(r) => onHighlight(highlight === r.termId ? null : r.termId)}
      selectedRowId={highlight ?? undefined}
      empty="No Canvas terms: no class points at a session."
      rowHeight={48}
    />
  );
}
