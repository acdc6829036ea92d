export { DataGrid, type DataGridProps, type GridItem } from './DataGrid';
export { ColumnMenu } from './ColumnMenu';
export {
  gridColumnHelper,
  gridFeatures,
  type GridColumn,
  type GridColumnMeta,
  type GridFeatures,
} from './features';
export type { ColumnVisibilityState, SortingState } from './features';
export { usePagedRows, type FetchPage, type PagedResult, type PagedRows } from './usePagedRows';
