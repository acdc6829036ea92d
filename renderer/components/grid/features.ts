import {
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type ColumnHelper,
  type ColumnVisibilityState,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';

/** Per-column presentation hints the grid understands. */
export interface GridColumnMeta {
  /** Shown in the column menu (defaults to the header when it is a string). */
  label?: string;
  /** This column takes the remaining width (at least its size). */
  grow?: boolean;
  align?: 'start' | 'end';
}

/**
 * The grid's TanStack Table v9 feature set, declared once: sorting and visibility state only. Rows arrive
 * already sorted and paged from main (manualSorting), so no client row models are registered.
 */
export const gridFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnMeta: metaHelper<GridColumnMeta>(),
});
export type GridFeatures = typeof gridFeatures;
// Columns of one grid hold different value types; TanStack's own `columns()` helper widens them the same way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GridColumn<Row extends RowData> = ColumnDef<GridFeatures, Row, any>;

/** A typed column helper for one row type: `const col = gridColumnHelper<MyRow>()`. */
export function gridColumnHelper<Row extends RowData>(): ColumnHelper<GridFeatures, Row> {
  return createColumnHelper<GridFeatures, Row>();
}

export type { ColumnVisibilityState, SortingState };
