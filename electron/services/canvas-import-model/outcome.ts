import type { PredictedKind, RowOutcome, RowOutcomeKind, SkipCause } from '../../../shared/sync/prediction';
import type { ImportFile } from './input';

/** Builds RowOutcome records for one file (row numbers are Canvas's: header = 1). */
export class FileOutcomes {
  readonly list: RowOutcome[] = [];
  constructor(readonly file: ImportFile) {}

  add(
    index: number,
    sisId: string,
    outcome: RowOutcomeKind,
    extra: {
      message?: string | null;
      cause?: SkipCause | null;
      orderDependent?: boolean;
      stickyKept?: string[];
    } = {},
  ): RowOutcome {
    const row = index + 2;
    const at = this.file.locate?.(row) ?? null;
    const o: RowOutcome = {
      file: this.file.name,
      kind: this.file.kind as PredictedKind,
      row,
      sisId,
      entityType: at?.entityType ?? null,
      oneRosterSourcedId: at?.sourcedId ?? null,
      outcome,
      message: extra.message ?? null,
      cause: extra.cause ?? null,
      orderDependent: extra.orderDependent ?? false,
      stickyKept: extra.stickyKept ?? [],
    };
    this.list.push(o);
    return o;
  }
}

/** Compares planned values with Canvas's: changed fields, with sticky ones Canvas keeps set aside. */
export function compareFields(
  pairs: ReadonlyArray<[field: string, planned: string, canvas: string, sticky: boolean]>,
  stuck: readonly string[],
  override: boolean,
): { outcome: 'update' | 'unchanged'; stickyKept: string[] } {
  const kept: string[] = [];
  let changed = false;
  for (const [field, planned, current, sticky] of pairs) {
    if (planned === current) continue;
    if (sticky && !override && stuck.includes(field)) kept.push(field);
    else changed = true;
  }
  return { outcome: changed ? 'update' : 'unchanged', stickyKept: kept };
}
