import type { FindingsFilters } from '../../../shared/findings/views';
import type { ColumnVisibilityState, SortingState } from '../../components/grid';

/** What the user set up in the findings grid; kept by the screen so switching tabs loses nothing. */
export interface GridState {
  filters: FindingsFilters;
  sort: SortingState;
  grouped: boolean;
  /** Rule ids whose group is collapsed. */
  collapsed: readonly string[];
  columns: ColumnVisibilityState;
}

export const NO_FILTERS: FindingsFilters = { severity: [], ruleId: [], entityType: [], school: [], text: '' };

export const INITIAL_GRID: GridState = {
  filters: NO_FILTERS,
  sort: [],
  grouped: false,
  collapsed: [],
  columns: {},
};

export function hasFilters(f: FindingsFilters): boolean {
  return (
    f.severity.length + f.ruleId.length + f.entityType.length + f.school.length > 0 || f.text.trim() !== ''
  );
}
