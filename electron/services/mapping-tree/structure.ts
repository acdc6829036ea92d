import type { MappingNodeKind } from '../../../shared/mapping/tree-views';
import type { AccountRow, CourseRow, Plan, SectionRow, TermRow } from '../../../shared/plan/types';
import { accountId, courseId, districtId, sectionId, termNodeId } from './node-id';

/**
 * The parent → children structure of the mapping tree, built once from a plan: the root account (district) →
 * sub-accounts (nested as planned) → the Canvas terms each account's courses use → courses → sections.
 * Nodes live in one array; links are indexes, so 50,000 nodes cost a few megabytes.
 */
export interface TreeNode {
  id: string;
  kind: MappingNodeKind;
  name: string;
  /** OneRoster sourcedId behind the node ('' for the Default Term). */
  sourcedId: string;
  /** Other OneRoster records combined into the node's row (merged sessions, a grouped course's classes). */
  sources: readonly string[];
  /** Term nodes: the sessions of THIS account merged into the term (its classes list them), sorted. */
  localSources: readonly string[];
  canvasId: string;
  parent: number;
  depth: number;
  children: number[];
  row: AccountRow | TermRow | CourseRow | SectionRow | null;
  /** Term nodes: the account they sit under ('' = the root account). */
  accountCanvasId: string;
}

export interface TreeStructure {
  nodes: TreeNode[];
  byId: Map<string, number>;
  /** Canvas id → node index. */
  accountNode: Map<string, number>;
  courseNode: Map<string, number>;
  sectionNode: Map<string, number>;
  /** Canvas term id → its term nodes (one per account using it). */
  termNodes: Map<string, number[]>;
}

export const ROOT = 0;
export const DEFAULT_TERM_NAME = 'Default term (no term)';

export function buildStructure(plan: Plan): TreeStructure {
  const nodes: TreeNode[] = [];
  const byId = new Map<string, number>();
  const add = (n: Omit<TreeNode, 'depth' | 'children' | 'localSources'>): number => {
    const index = nodes.length;
    nodes.push({ ...n, depth: 0, children: [], localSources: [] });
    byId.set(n.id, index);
    if (n.parent >= 0) nodes[n.parent]!.children.push(index);
    return index;
  };

  const rootOrg = plan.notes.rootOrgId ?? '';
  add({
    id: districtId(rootOrg),
    kind: 'district',
    name: plan.notes.rootName || 'Root account',
    sourcedId: rootOrg,
    sources: [],
    canvasId: '',
    parent: -1,
    row: null,
    accountCanvasId: '',
  });

  // Accounts in two passes: a parent may sort after its child.
  const accountNode = new Map<string, number>();
  const accountRows = new Map(plan.accounts.map((a) => [a.account_id, a]));
  const placeAccount = (row: AccountRow, seen: Set<string>): number => {
    const known = accountNode.get(row.account_id);
    if (known !== undefined) return known;
    seen.add(row.account_id);
    const parentRow = row.parent_account_id ? accountRows.get(row.parent_account_id) : undefined;
    // A missing or cyclic parent hangs the account off the root rather than losing it.
    const parent = parentRow && !seen.has(parentRow.account_id) ? placeAccount(parentRow, seen) : ROOT;
    const index = add({
      id: accountId(row.account_id),
      kind: 'account',
      name: row.name || row.account_id,
      sourcedId: row.source,
      sources: [],
      canvasId: row.account_id,
      parent,
      row,
      accountCanvasId: row.account_id,
    });
    accountNode.set(row.account_id, index);
    return index;
  };
  for (const row of plan.accounts) placeAccount(row, new Set());

  const termRows = new Map(plan.terms.map((t) => [t.term_id, t]));
  const termNodes = new Map<string, number[]>();
  const termNodeOf = new Map<string, number>();
  const courseNode = new Map<string, number>();
  for (const course of plan.courses) {
    const account = accountNode.get(course.account_id) ?? ROOT;
    const accountKey = account === ROOT ? '' : course.account_id;
    const key = `${accountKey}\u0000${course.term_id}`;
    let term = termNodeOf.get(key);
    if (term === undefined) {
      const row = termRows.get(course.term_id) ?? null;
      term = add({
        id: termNodeId(accountKey, course.term_id),
        kind: 'term',
        name: row?.name || (course.term_id === '' ? DEFAULT_TERM_NAME : course.term_id),
        sourcedId: row?.source ?? '',
        sources: row?.sources ?? [],
        canvasId: course.term_id,
        parent: account,
        row,
        accountCanvasId: accountKey,
      });
      termNodeOf.set(key, term);
      const list = termNodes.get(course.term_id);
      if (list) list.push(term);
      else termNodes.set(course.term_id, [term]);
    }
    courseNode.set(
      course.course_id,
      add({
        id: courseId(course.course_id),
        kind: 'course',
        name: course.long_name || course.short_name || course.course_id,
        sourcedId: course.source,
        sources: course.sources ?? [],
        canvasId: course.course_id,
        parent: term,
        row: course,
        accountCanvasId: accountKey,
      }),
    );
  }

  const sectionNode = new Map<string, number>();
  for (const section of plan.sections) {
    const parent = courseNode.get(section.course_id);
    if (parent === undefined) continue; // a section of an unplanned course: the planner never emits one
    sectionNode.set(
      section.section_id,
      add({
        id: sectionId(section.section_id),
        kind: 'section',
        name: section.name || section.section_id,
        sourcedId: section.source,
        sources: section.sources ?? [],
        canvasId: section.section_id,
        parent,
        row: section,
        accountCanvasId: nodes[parent]!.accountCanvasId,
      }),
    );
  }

  for (const node of nodes) node.children.sort((a, b) => compareNodes(nodes[a]!, nodes[b]!));
  setDepths(nodes);
  return { nodes, byId, accountNode, courseNode, sectionNode, termNodes };
}

const KIND_RANK: Record<MappingNodeKind, number> = {
  district: 0,
  account: 1,
  term: 2,
  course: 3,
  section: 4,
};

/** Sub-accounts before terms; terms by start date (the Default Term last); everything else by name, then id. */
function compareNodes(a: TreeNode, b: TreeNode): number {
  return (
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    (a.kind === 'term' ? compareStrings(termStart(a), termStart(b)) : 0) ||
    a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' }) ||
    compareStrings(a.canvasId, b.canvasId)
  );
}

function termStart(n: TreeNode): string {
  const start = (n.row as TermRow | null)?.start_date;
  return start || '\uffff';
}

function setDepths(nodes: TreeNode[]): void {
  // Parents are always added before their children, so one forward pass is enough.
  for (let i = 1; i < nodes.length; i++) nodes[i]!.depth = nodes[nodes[i]!.parent]!.depth + 1;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ancestors of a node, from the root down to its parent. */
export function ancestorsOf(nodes: readonly TreeNode[], index: number): number[] {
  const out: number[] = [];
  for (let p = nodes[index]!.parent; p >= 0; p = nodes[p]!.parent) out.push(p);
  return out.reverse();
}
