import { useCallback, useMemo } from 'react';
import type { Facets, FindingGroup, FindingRow, FindingSortId } from '../../../shared/findings/views';
import { call } from '../../api/client';
import { usePagedRows, type GridItem, type PagedRows } from '../../components/grid';
import type { GridState } from './gridState';

interface PageMeta {
  facets: Facets;
  groups: FindingGroup[] | null;
}

export interface FindingsGridModel {
  paged: PagedRows<FindingRow, PageMeta>;
  itemCount: number;
  itemAt(index: number): GridItem<FindingRow>;
  /** Group header content is rendered by the caller. */
  groups: FindingGroup[] | null;
}

export const PAGE_SIZE = 200;

/**
 * Findings from main, a page at a time, laid out as grid lines: plain rows, or per rule a header line followed
 * (when expanded) by that rule's rows. Group offsets from main map a line back to a row index.
 */
export function useFindingsGrid(
  target: { profileId: string; snapshotId: string; evaluationId: string },
  state: GridState,
  renderGroup: (g: FindingGroup) => React.ReactNode,
): FindingsGridModel {
  const { profileId, snapshotId, evaluationId } = target;
  const grouped = state.grouped;
  const key = JSON.stringify([profileId, snapshotId, evaluationId, state.filters, state.sort, grouped]);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await call('findings:query', {
        profileId,
        snapshotId,
        offset,
        limit,
        sort: state.sort.map((s) => ({ id: s.id as FindingSortId, desc: s.desc })),
        filters: state.filters,
        ...(grouped ? { groupBy: 'ruleId' as const } : {}),
      });
      return { total: page.total, rows: page.rows, meta: { facets: page.facets, groups: page.groups } };
    },
    [profileId, snapshotId, state.filters, state.sort, grouped],
  );
  const paged = usePagedRows<FindingRow, PageMeta>(key, fetchPage, PAGE_SIZE);
  const groups = grouped ? (paged.meta?.groups ?? null) : null;

  // Line starts of each group (header line), so a line index finds its group by binary search.
  const layout = useMemo(() => {
    if (!groups) return null;
    const collapsed = new Set(state.collapsed);
    const starts: number[] = [];
    let line = 0;
    for (const g of groups) {
      starts.push(line);
      line += 1 + (collapsed.has(g.key) ? 0 : g.count);
    }
    return { starts, collapsed, lines: line };
  }, [groups, state.collapsed]);

  const { getRow } = paged;
  const itemAt = useCallback(
    (index: number): GridItem<FindingRow> => {
      if (!layout || !groups) return { kind: 'row', index, row: getRow(index) };
      let lo = 0;
      let hi = layout.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (layout.starts[mid]! <= index) lo = mid;
        else hi = mid - 1;
      }
      const g = groups[lo]!;
      const within = index - layout.starts[lo]!;
      if (within === 0) {
        return { kind: 'group', key: g.key, expanded: !layout.collapsed.has(g.key), content: renderGroup(g) };
      }
      const rowIndex = g.offset + within - 1;
      return { kind: 'row', index: rowIndex, row: getRow(rowIndex) };
    },
    [layout, groups, getRow, renderGroup],
  );

  const itemCount = layout ? layout.lines : (paged.total ?? 0);
  return { paged, itemCount, itemAt, groups };
}
