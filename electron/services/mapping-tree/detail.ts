import type { CanvasRowsView, OneRosterRecordView } from '../../../shared/mapping/tree-views';
import {
  CANVAS_COLUMNS,
  type CanvasType,
  type CourseRow,
  type Plan,
  type TermRow,
} from '../../../shared/plan/types';
import type { EntityType } from '../../../shared/rules/finding';
import { pluralise } from '../../../shared/text/vocabulary';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { PlanIndex } from '../plan';
import type { SnapshotStore } from '../snapshots';
import type { TreeNode } from './structure';

/** How many OneRoster records / Canvas rows one detail panel shows (the rest are counted, not sent). */
export const MAX_RECORDS = 12;
export const MAX_ROWS = 50;

const COLLECTION_OF: Partial<Record<EntityType, SnapshotCollection>> = {
  org: 'orgs',
  academicSession: 'academicSessions',
  course: 'courses',
  class: 'classes',
  user: 'users',
  enrollment: 'enrollments',
};

/** One stored OneRoster record as the detail panel shows it (normalised + raw; passwords were redacted on write). */
export function recordView(
  store: SnapshotStore,
  snapshotId: string,
  entityType: EntityType,
  sourcedId: string,
): OneRosterRecordView {
  const collection = COLLECTION_OF[entityType];
  const stored = collection ? store.getRecord(snapshotId, collection, sourcedId) : null;
  if (!stored) return { entityType, sourcedId, record: null, raw: null, issues: [] };
  return {
    entityType,
    sourcedId,
    record: stored.record as unknown as Record<string, unknown>,
    raw: stored.raw,
    issues: stored.issues.map((i) => ({ ...i }) as OneRosterRecordView['issues'][number]),
  };
}

/** The OneRoster records behind a node: [entity type, sourcedId] pairs, most relevant first. */
export function recordRefs(node: TreeNode): Array<[EntityType, string]> {
  switch (node.kind) {
    case 'district':
    case 'account':
      return node.sourcedId ? [['org', node.sourcedId]] : [];
    case 'term': {
      // This school's own sessions first, then the other schools' copies merged into the same term.
      const all = node.sources.length > 0 ? node.sources : node.sourcedId ? [node.sourcedId] : [];
      const ids = [...node.localSources, ...all.filter((id) => !node.localSources.includes(id))];
      return ids.map((id) => ['academicSession', id]);
    }
    case 'course': {
      const row = node.row as CourseRow;
      if (row.sourceType === 'course') {
        return [
          ['course', row.source],
          ...(row.sources ?? []).map((id): [EntityType, string] => ['class', id]),
        ];
      }
      return [['class', row.source]];
    }
    case 'section':
      return [['class', node.sourcedId]];
  }
}

function toRows(type: CanvasType, rows: readonly object[], total = rows.length): CanvasRowsView {
  const columns = [...CANVAS_COLUMNS[type]];
  const first = rows[0] as { source?: string; sources?: string[]; options?: readonly string[] } | undefined;
  return {
    file: type,
    columns,
    rows: rows.map((r) => columns.map((c) => String((r as Record<string, unknown>)[c] ?? ''))),
    total,
    ...(first?.source !== undefined ? { source: first.source } : {}),
    ...(first?.sources ? { sources: first.sources } : {}),
    ...(first?.options ? { options: [...first.options] } : {}),
  };
}

/** The planned Canvas SIS CSV rows for a node (a section also shows its enrollments). */
export function canvasRows(node: TreeNode, plan: Plan, index: PlanIndex): CanvasRowsView[] {
  switch (node.kind) {
    case 'district':
      return [];
    case 'account':
      return node.row ? [toRows('accounts', [node.row])] : [];
    case 'term':
      return node.row ? [toRows('terms', [node.row])] : [];
    case 'course': {
      const sections = index.sectionsOfCourse.get(node.canvasId) ?? [];
      return [
        toRows('courses', [node.row!]),
        toRows('sections', sections.slice(0, MAX_ROWS), sections.length),
      ];
    }
    case 'section': {
      const rows = index.enrollmentsOfSection.get(node.canvasId) ?? [];
      const enrollments = rows.slice(0, MAX_ROWS).map((i) => plan.enrollments[i]!);
      return [toRows('sections', [node.row!]), toRows('enrollments', enrollments, rows.length)];
    }
  }
}

/** Plain-language notes on how the plan produced the node. */
export function nodeNotes(node: TreeNode, plan: Plan): string[] {
  const notes: string[] = [];
  if (node.kind === 'district') {
    notes.push(rootNote(plan));
    for (const s of plan.skipped) {
      notes.push(`${pluralise(s.count, `${s.entityType} record`)} left out of the plan: ${s.reason}.`);
    }
  }
  if (node.kind === 'term') {
    const row = node.row as TermRow | null;
    if (!row) notes.push('Courses without a term go into the Canvas Default Term.');
    const merge = plan.notes.termMerges.find((m) => m.term_id === node.canvasId);
    if (merge) {
      notes.push(
        `One Canvas term made of ${merge.sessions.length} per-school sessions (merged by ${merge.by.join(' and ')}).`,
      );
      for (const c of merge.conflicts ?? []) notes.push(`The merged sessions disagree: ${c}.`);
    }
  }
  if (node.kind === 'course' && (node.row as CourseRow).sourceType === 'course') {
    notes.push('One Canvas course per OneRoster course + term + school; each class is a section of it.');
  }
  if (node.kind === 'section' || node.kind === 'course') {
    const classId = node.kind === 'section' ? node.sourcedId : (node.row as CourseRow).source;
    const choice = plan.notes.multiTerm.find((m) => m.classId === classId);
    if (choice) {
      notes.push(
        `The class lists ${choice.sessions.length} sessions; its Canvas term comes from ${choice.chosen} ` +
          `(${choice.reason === 'contains' ? 'it contains the others' : 'the longest'}).`,
      );
    }
  }
  return notes;
}

function rootNote(plan: Plan): string {
  switch (plan.notes.rootReason) {
    case 'option':
      return 'The Canvas root account (chosen in the mapping options): it has no accounts.csv row.';
    case 'single district':
      return 'The Canvas root account (the feed’s only district org): it has no accounts.csv row.';
    case 'several districts':
      return 'The feed has several district orgs and none was chosen as the root account: choose one in the mapping options.';
    case 'none':
      return 'The feed has no district org: schools hang directly off the Canvas root account.';
  }
}
