import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ObjectRow, ObjectSortId } from '../../../shared/ipc/channels/conversion';
import {
  CLASSIFICATIONS,
  type Classification,
  type ConversionSummary,
  type ConversionType,
} from '../../../shared/conversion/types';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import {
  DataGrid,
  usePagedRows,
  type ColumnVisibilityState,
  type GridItem,
  type SortingState,
} from '../../components/grid';
import { TabButton } from '../../components/TabButton';
import { formatCount } from '../../format';
import { OBJECT_COLUMNS } from './objectColumns';
import { CLASS_LABEL, TYPE_LABEL, TYPE_ORDER } from './text';

const PAGE_SIZE = 200;
const SEARCH_DEBOUNCE_MS = 250;
const ALL_COLUMNS: ColumnVisibilityState = {};
const rowId = (r: ObjectRow) => `${r.type}:${r.plannedId ?? ''}:${r.canvasId ?? ''}:${r.index}`;

export interface ObjectsFilter {
  type: ConversionType;
  status: Classification | undefined;
}

/** "Canvas today ↔ after sync": one type at a time, filtered by outcome, paged from main. */
export function ObjectsTable({
  profileId,
  conversionId,
  counts,
  filter,
  onFilter,
}: {
  profileId: string;
  conversionId: string;
  counts: ConversionSummary['counts'];
  filter: ObjectsFilter;
  onFilter(f: ObjectsFilter): void;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search]);

  const key = JSON.stringify([profileId, conversionId, filter, sorting, query]);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await call('conversion:objects', {
        profileId,
        type: filter.type,
        ...(filter.status ? { status: filter.status } : {}),
        ...(query ? { search: query } : {}),
        sort: sorting.map((s) => ({ id: s.id as ObjectSortId, desc: s.desc })),
        offset,
        limit,
      });
      return { total: page.total, rows: page.rows, meta: null };
    },
    [profileId, filter, sorting, query],
  );
  const paged = usePagedRows<ObjectRow, null>(key, fetchPage, PAGE_SIZE);
  const { getRow, ensureRange } = paged;
  const itemAt = useCallback(
    (index: number): GridItem<ObjectRow> => ({ kind: 'row', index, row: getRow(index) }),
    [getRow],
  );
  const typeCounts = counts[filter.type];
  const typeTotal = useMemo(
    () => CLASSIFICATIONS.reduce((n, k) => n + (typeCounts?.[k] ?? 0), 0),
    [typeCounts],
  );

  return (
    <div className="objects tab-fill">
      <div className="tabs type-tabs" role="tablist" aria-label="Object type">
        {TYPE_ORDER.map((t) => (
          <TabButton
            key={t}
            id={`type-tab-${t}`}
            panel="objects-panel"
            selected={filter.type === t}
            onSelect={() => onFilter({ type: t, status: filter.status })}
          >
            {TYPE_LABEL[t]}
          </TabButton>
        ))}
      </div>
      <div
        id="objects-panel"
        role="tabpanel"
        aria-labelledby={`type-tab-${filter.type}`}
        className="tab-fill"
      >
        <div className="filter-bar">
          <div className="chip-group" role="group" aria-label="Outcome">
            <button
              type="button"
              className="chip"
              aria-pressed={filter.status === undefined}
              onClick={() => onFilter({ type: filter.type, status: undefined })}
            >
              All <span className="chip-count">{formatCount(typeTotal)}</span>
            </button>
            {CLASSIFICATIONS.map((k) => (
              <button
                key={k}
                type="button"
                className={`chip chip-${k}`}
                aria-pressed={filter.status === k}
                data-class={k}
                onClick={() => onFilter({ type: filter.type, status: k })}
              >
                {CLASS_LABEL[k]} <span className="chip-count">{formatCount(typeCounts?.[k] ?? 0)}</span>
              </button>
            ))}
          </div>
          <input
            type="search"
            className="filter-search"
            aria-label="Search names and SIS ids"
            placeholder="Search names and SIS ids"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span
            className="muted small filter-total"
            data-testid="objects-count"
            data-total={paged.total ?? ''}
          >
            {paged.total === undefined ? '…' : `${formatCount(paged.total)} shown`}
          </span>
        </div>
        {paged.error !== undefined && <ErrorNotice error={toDisplayError(paged.error)} />}
        <DataGrid
          label="Canvas today and after sync"
          columns={OBJECT_COLUMNS}
          itemCount={paged.total ?? 0}
          itemAt={itemAt}
          rowId={rowId}
          sorting={sorting}
          onSortingChange={setSorting}
          columnVisibility={ALL_COLUMNS}
          onVisibleRows={ensureRange}
          stale={paged.stale}
          rowHeight={52}
          empty={
            query || filter.status
              ? 'Nothing matches these filters.'
              : `No ${TYPE_LABEL[filter.type].toLowerCase()} in the plan or in Canvas.`
          }
        />
      </div>
    </div>
  );
}
