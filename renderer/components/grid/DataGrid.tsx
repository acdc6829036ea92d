import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  useTable,
  type ColumnVisibilityState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { gridFeatures, type GridColumn } from './features';
import './grid.css';

/** One line of the grid: a data row (maybe still loading) or a group header. */
export type GridItem<Row> =
  | { kind: 'row'; index: number; row: Row | undefined }
  | { kind: 'group'; key: string; expanded: boolean; content: ReactNode };

export interface DataGridProps<Row extends RowData> {
  label: string;
  columns: GridColumn<Row>[];
  /** Lines in the grid (rows + group headers); only the visible ones are ever rendered. */
  itemCount: number;
  itemAt(index: number): GridItem<Row>;
  rowId(row: Row): string;
  sorting: SortingState;
  onSortingChange(next: SortingState): void;
  columnVisibility: ColumnVisibilityState;
  /** Called with the row index range on screen (plus overscan), to fetch it. */
  onVisibleRows?(first: number, last: number): void;
  onOpenRow?(row: Row, item: number): void;
  onToggleGroup?(key: string, expanded: boolean): void;
  /** The row shown elsewhere (e.g. in a detail panel), highlighted. */
  selectedRowId?: string | undefined;
  /** Rows belong to an older query while a new one loads: dimmed. */
  stale?: boolean;
  empty?: ReactNode;
  rowHeight?: number;
  /** Rows grow to fit wrapped text (measured on screen); `rowHeight` is then the minimum and the estimate. */
  measureRows?: boolean;
  /** Lines include expandable group headers: the grid is a treegrid (aria-expanded and aria-level apply). */
  grouped?: boolean;
}

const OVERSCAN = 8;
/** The sticky header row above the lines (36 px + its border, grid.css): the lines start this far down. */
const HEAD_H = 37;

function resolve<T>(updater: Updater<T>, prev: T): T {
  return typeof updater === 'function' ? (updater as (p: T) => T)(prev) : updater;
}

/**
 * A virtualised, keyboard-navigable data grid over TanStack Table v9 (columns, sorting and visibility state) and
 * TanStack Virtual (only the lines on screen are in the DOM). Data is external and paged: `itemAt` says what
 * each line holds; the table renders the cells of the rows currently on screen.
 */
export function DataGrid<Row extends RowData>(props: DataGridProps<Row>) {
  const { itemCount, itemAt, rowHeight = 46, measureRows = false } = props;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count: itemCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin: HEAD_H,
    // Measured rows keep their height under their own key: a row that moves (grouping, filters) is not given
    // the height of whatever held its index before.
    ...(measureRows
      ? {
          getItemKey: (index: number) => {
            const item = itemAt(index);
            if (item.kind === 'group') return `g:${item.key}`;
            return item.row === undefined ? `loading:${index}` : props.rowId(item.row);
          },
        }
      : {}),
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems[virtualItems.length - 1]?.index ?? -1;

  // The table sees only the loaded rows on screen; stable until the range or the data changes.
  const visible = useMemo(() => {
    const rows: Row[] = [];
    const items: Array<GridItem<Row>> = [];
    for (let i = first; i <= last; i++) {
      const item = itemAt(i);
      items.push(item);
      if (item.kind === 'row' && item.row !== undefined) rows.push(item.row);
    }
    return { rows, items };
  }, [first, last, itemAt]);

  const { onSortingChange, sorting, columnVisibility, onVisibleRows } = props;
  const table = useTable({
    features: gridFeatures,
    columns: props.columns,
    data: visible.rows,
    getRowId: props.rowId,
    manualSorting: true,
    enableMultiSort: true,
    enableSortingRemoval: true,
    state: { sorting, columnVisibility },
    onSortingChange: (u) => onSortingChange(resolve(u, sorting)),
  });

  const rowIndexes = visible.items.flatMap((it) => (it.kind === 'row' ? [it.index] : []));
  const firstRow = rowIndexes[0];
  const lastRow = rowIndexes[rowIndexes.length - 1];
  useEffect(() => {
    if (onVisibleRows && firstRow !== undefined && lastRow !== undefined) onVisibleRows(firstRow, lastRow);
  }, [firstRow, lastRow, onVisibleRows]);

  const leafColumns = table.getVisibleLeafColumns();
  const template = leafColumns
    .map((c) => (c.columnDef.meta?.grow ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`))
    .join(' ');
  const rowsById = table.getRowModel().rowsById;

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(itemCount - 1, index));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [itemCount, virtualizer],
  );

  const activate = (index: number) => {
    const item = itemAt(index);
    if (item.kind === 'group') props.onToggleGroup?.(item.key, !item.expanded);
    else if (item.row !== undefined) props.onOpenRow?.(item.row, index);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (itemCount === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const current = Math.min(active, itemCount - 1);
    const item = itemAt(current);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => moveTo(current - 1),
      PageDown: () => moveTo(current + page),
      PageUp: () => moveTo(current - page),
      Home: () => moveTo(0),
      End: () => moveTo(itemCount - 1),
      Enter: () => activate(current),
      ArrowLeft: () => item.kind === 'group' && item.expanded && props.onToggleGroup?.(item.key, false),
      ArrowRight: () => item.kind === 'group' && !item.expanded && props.onToggleGroup?.(item.key, true),
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const itemId = (i: number) => `${gridId}-item-${i}`;
  const activeIndex = Math.min(active, itemCount - 1);

  return (
    // The grid itself scrolls (the header sticks): the one focusable element is the scrolled region, so it is
    // reachable and scrollable by keyboard.
    <div
      ref={scrollRef}
      className={`grid${props.stale ? ' grid-stale' : ''}${measureRows ? ' grid-measured' : ''}`}
      role={props.grouped ? 'treegrid' : 'grid'}
      aria-label={props.label}
      aria-rowcount={itemCount + 1}
      aria-busy={props.stale || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={itemCount > 0 ? itemId(activeIndex) : undefined}
    >
      <div role="rowgroup" className="grid-head">
        <div
          role="row"
          className="grid-row grid-head-row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template }}
        >
          {table.getHeaderGroups()[0]?.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const sortIndex = sorting.length > 1 && sorted ? header.column.getSortIndex() + 1 : null;
            const align = header.column.columnDef.meta?.align === 'end' ? ' grid-end' : '';
            return (
              <div
                key={header.id}
                role="columnheader"
                className={`grid-th${align}`}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
              >
                {header.column.getCanSort() ? (
                  <button
                    type="button"
                    className="grid-sort"
                    onClick={header.column.getToggleSortingHandler()}
                    title="Sort (Shift+click adds a second sort)"
                    tabIndex={-1}
                  >
                    <table.FlexRender header={header} />
                    <span className="grid-sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      {sortIndex !== null && <sup>{sortIndex}</sup>}
                    </span>
                  </button>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-body">
        {itemCount === 0 ? (
          <div className="grid-empty">{props.empty ?? 'Nothing to show.'}</div>
        ) : (
          <div role="rowgroup" className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((v) => {
              const item = visible.items[v.index - first] ?? itemAt(v.index);
              const isActive = v.index === activeIndex;
              const top = v.start - HEAD_H;
              const style = measureRows
                ? { transform: `translateY(${top}px)`, minHeight: rowHeight }
                : { transform: `translateY(${top}px)`, height: v.size };
              const measure = measureRows ? virtualizer.measureElement : undefined;
              if (item.kind === 'group') {
                return (
                  <div
                    key={`g:${item.key}`}
                    ref={measure}
                    data-index={v.index}
                    id={itemId(v.index)}
                    role="row"
                    aria-rowindex={v.index + 2}
                    aria-expanded={props.grouped ? item.expanded : undefined}
                    aria-level={props.grouped ? 1 : undefined}
                    className={`grid-row grid-group${isActive ? ' active' : ''}`}
                    style={style}
                    data-group={item.key}
                    onClick={() => {
                      setActive(v.index);
                      props.onToggleGroup?.(item.key, !item.expanded);
                    }}
                  >
                    <div role="gridcell" className="grid-group-cell">
                      <span className="grid-caret" aria-hidden="true">
                        {item.expanded ? '▾' : '▸'}
                      </span>
                      {item.content}
                    </div>
                  </div>
                );
              }
              const tableRow = item.row === undefined ? undefined : rowsById[props.rowId(item.row)];
              const rowKey = item.row === undefined ? `loading:${item.index}` : props.rowId(item.row);
              const selected = props.selectedRowId !== undefined && rowKey === props.selectedRowId;
              return (
                <div
                  key={rowKey}
                  ref={measure}
                  data-index={v.index}
                  id={itemId(v.index)}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-level={props.grouped ? 2 : undefined}
                  aria-selected={selected}
                  aria-busy={tableRow === undefined || undefined}
                  className={`grid-row grid-data${isActive ? ' active' : ''}${selected ? ' selected' : ''}`}
                  style={{ ...style, gridTemplateColumns: template }}
                  data-row-id={item.row === undefined ? undefined : rowKey}
                  onClick={() => {
                    setActive(v.index);
                    if (item.row !== undefined) props.onOpenRow?.(item.row, v.index);
                  }}
                >
                  {tableRow
                    ? tableRow.getVisibleCells().map((cell) => (
                        <div
                          key={cell.id}
                          role="gridcell"
                          className={
                            cell.column.columnDef.meta?.align === 'end' ? 'grid-td grid-end' : 'grid-td'
                          }
                        >
                          <table.FlexRender cell={cell} />
                        </div>
                      ))
                    : leafColumns.map((c) => (
                        <div key={c.id} role="gridcell" className="grid-td">
                          <span className="grid-skeleton" />
                        </div>
                      ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
