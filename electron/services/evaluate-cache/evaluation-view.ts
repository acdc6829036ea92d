import { randomUUID } from 'node:crypto';
import type { RuleSettings } from '../../../shared/mapping/options';
import type {
  FindingRow,
  FindingsPage,
  FindingsQuery,
  FindingsSummary,
} from '../../../shared/findings/views';
import type { EntityType, Finding } from '../../../shared/rules/finding';
import { buildHaystack, select, type Selection } from './query';
import { summaryOf } from './summary';
import type { EvaluationInput } from './types';
import { buildColumns, type FindingColumns } from './view';

/** How many distinct (filters, sort, group) selections to keep: paging through one must not redo it. */
const SELECTIONS_KEPT = 8;

/** One evaluation under one version of the rule settings: answers summary, paged queries and single findings. */
export class EvaluationView {
  /** Changes with every settings change too, so the renderer drops pages of an older view. */
  readonly id = randomUUID();
  private readonly cols: FindingColumns;
  private haystack: string[] | undefined;
  private readonly selections = new Map<string, Selection>();
  private summaryCache: FindingsSummary | undefined;

  constructor(
    readonly input: EvaluationInput,
    private readonly settings: RuleSettings,
  ) {
    this.cols = buildColumns(input, settings);
  }

  get profileId(): string {
    return this.input.profileId;
  }

  get snapshotId(): string {
    return this.input.snapshotId;
  }

  summary(): FindingsSummary {
    return (this.summaryCache ??= summaryOf(this.id, this.input, this.cols, this.settings));
  }

  query(q: Pick<FindingsQuery, 'offset' | 'limit' | 'sort' | 'filters' | 'groupBy'>): FindingsPage {
    const selection = this.selection(q);
    const end = Math.min(selection.order.length, q.offset + q.limit);
    const rows: FindingRow[] = [];
    for (let k = q.offset; k < end; k++) rows.push(this.row(selection.order[k]!, k));
    return {
      total: selection.order.length,
      offset: q.offset,
      rows,
      facets: selection.facets,
      groups: selection.groups,
      evaluationId: this.id,
    };
  }

  /** Every visible finding (settings applied) in catalogue order; shared, do not modify. */
  visibleFindings(): readonly Finding[] {
    return this.cols.findings;
  }

  /** The visible finding about (rule, entity), or undefined (muted, or not found). */
  find(ruleId: string, entityType: EntityType, sourcedId: string): FindingRow | undefined {
    const i = this.cols.findings.findIndex(
      (f) => f.ruleId === ruleId && f.entityType === entityType && f.sourcedId === sourcedId,
    );
    return i < 0 ? undefined : this.row(i, 0);
  }

  private row(i: number, index: number): FindingRow {
    const f = this.cols.findings[i]!;
    const c = this.cols.school[i]!;
    return {
      ...f,
      index,
      schoolId: this.cols.schoolIds[i] ?? null,
      school: c >= 0 ? this.cols.schools[c]!.name : null,
      acknowledged: this.cols.acks.get(i) ?? null,
    };
  }

  private selection(q: Pick<FindingsQuery, 'sort' | 'filters' | 'groupBy'>): Selection {
    const key = JSON.stringify([q.filters, q.sort, q.groupBy ?? null]);
    const hit = this.selections.get(key);
    if (hit) {
      // Refresh its place in the LRU order.
      this.selections.delete(key);
      this.selections.set(key, hit);
      return hit;
    }
    const fresh = select(this.cols, q, () => (this.haystack ??= buildHaystack(this.cols)));
    this.selections.set(key, fresh);
    if (this.selections.size > SELECTIONS_KEPT)
      this.selections.delete(this.selections.keys().next().value as string);
    return fresh;
  }
}
