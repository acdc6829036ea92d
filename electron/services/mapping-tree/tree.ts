import type {
  MappingNode,
  NodeCounts,
  NodeDetail,
  SearchHit,
  SearchResult,
} from '../../../shared/mapping/tree-views';
import type { Plan } from '../../../shared/plan/types';
import type { EntityType, Finding } from '../../../shared/rules/finding';
import type { PlanIndex } from '../plan';
import type { SnapshotStore } from '../snapshots';
import { ServiceError } from '../../../shared/errors';
import { hasProblems, type FindingPlacement } from './badges';
import { canvasRows, MAX_RECORDS, nodeNotes, recordRefs, recordView } from './detail';
import type { Locator } from './locate';
import { ancestorsOf, ROOT, type TreeStructure } from './structure';
import type { TermsSummary } from './terms';

/** Findings one detail panel lists (the rest are counted). */
export const MAX_NODE_FINDINGS = 200;

export interface ChildrenAnswer {
  parent: MappingNode | null;
  total: number;
  offset: number;
  nodes: MappingNode[];
}

export interface MappingTreeParts {
  snapshotId: string;
  plan: Plan;
  planIndex: PlanIndex;
  store: SnapshotStore;
  structure: TreeStructure;
  counts: NodeCounts[];
  placement: FindingPlacement;
  findings: readonly Finding[];
  locator: Locator;
  terms: () => TermsSummary;
}

/**
 * The mapping tree of one evaluation, answering the explorer's questions: a page of children, search with the
 * path to expand, where an entity is, and one node's records, Canvas rows and findings. Built once
 * (buildMappingTree); every answer is a lookup or one pass over the node array.
 */
export class MappingTree {
  private haystack: Array<{ name: string; ids: string[] }> | undefined;
  private termsCache: TermsSummary | undefined;

  constructor(private readonly parts: MappingTreeParts) {}

  get snapshotId(): string {
    return this.parts.snapshotId;
  }

  get size(): number {
    return this.parts.structure.nodes.length;
  }

  /** One page of a node's children (null = the top level: the district). */
  children(nodeId: string | null, offset: number, limit: number, onlyProblems = false): ChildrenAnswer {
    const parent = nodeId === null ? null : this.indexOf(nodeId);
    let list = parent === null ? [ROOT] : this.parts.structure.nodes[parent]!.children;
    if (onlyProblems) list = list.filter((i) => hasProblems(this.parts.placement.badges[i]!));
    return {
      parent: parent === null ? null : this.view(parent),
      total: list.length,
      offset,
      nodes: list.slice(offset, offset + limit).map((i) => this.view(i)),
    };
  }

  /**
   * Nodes whose name, sourcedId (or merged sources) or Canvas id contains the text, case-insensitively. Exact id
   * matches first, then shallower nodes, then by name: typing a sourcedId lands on that node.
   */
  search(text: string, limit: number, onlyProblems = false): SearchResult {
    const needle = text.trim().toLowerCase();
    const hay = (this.haystack ??= this.buildHaystack());
    const { nodes } = this.parts.structure;
    const matches: Array<{ i: number; exact: boolean; matched: SearchHit['matched'] }> = [];
    for (let i = 0; i < hay.length; i++) {
      if (onlyProblems && !hasProblems(this.parts.placement.badges[i]!)) continue;
      const h = hay[i]!;
      const exact = h.ids.some((id) => id === needle);
      const idHit = exact || h.ids.some((id) => id.includes(needle));
      if (!idHit && !h.name.includes(needle)) continue;
      const node = nodes[i]!;
      const matched: SearchHit['matched'] = !idHit
        ? 'name'
        : node.canvasId.toLowerCase().includes(needle) && !node.sourcedId.toLowerCase().includes(needle)
          ? 'canvasId'
          : 'sourcedId';
      matches.push({ i, exact, matched });
    }
    matches.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        nodes[a.i]!.depth - nodes[b.i]!.depth ||
        nodes[a.i]!.name.localeCompare(nodes[b.i]!.name, 'en', { numeric: true }) ||
        a.i - b.i,
    );
    return {
      total: matches.length,
      hits: matches.slice(0, limit).map((m) => this.hit(m.i, m.matched, onlyProblems)),
    };
  }

  /**
   * Where an entity (e.g. a finding's) shows in the tree: its first node, with the path to expand. Under the
   * problems filter, its first node with a problem (null when it has none).
   */
  locate(entityType: EntityType, sourcedId: string, onlyProblems = false): SearchHit | null {
    const nodes = this.parts.locator.nodesFor(entityType, sourcedId);
    const first = onlyProblems ? nodes.find((i) => hasProblems(this.parts.placement.badges[i]!)) : nodes[0];
    return first === undefined ? null : this.hit(first, 'sourcedId', onlyProblems);
  }

  node(nodeId: string): NodeDetail {
    const i = this.indexOf(nodeId);
    const { structure, plan, planIndex, store, snapshotId, placement, findings } = this.parts;
    const node = structure.nodes[i]!;
    const refs = recordRefs(node);
    const own = placement.ownFindings.get(i) ?? [];
    return {
      node: this.view(i),
      path: ancestorsOf(structure.nodes, i).map((a) => this.view(a)),
      oneRoster: refs.slice(0, MAX_RECORDS).map(([type, id]) => recordView(store, snapshotId, type, id)),
      oneRosterMore: Math.max(0, refs.length - MAX_RECORDS),
      canvas: canvasRows(node, plan, planIndex),
      notes: nodeNotes(node, plan),
      findings: { total: own.length, items: own.slice(0, MAX_NODE_FINDINGS).map((f) => findings[f]!) },
    };
  }

  terms(): TermsSummary {
    return (this.termsCache ??= this.parts.terms());
  }

  private hit(i: number, matched: SearchHit['matched'], onlyProblems: boolean): SearchHit {
    const { nodes } = this.parts.structure;
    const chain = [...ancestorsOf(nodes, i), i];
    const positions = chain.slice(1).map((n) => {
      let siblings = nodes[nodes[n]!.parent]!.children;
      if (onlyProblems) siblings = siblings.filter((c) => hasProblems(this.parts.placement.badges[c]!));
      return siblings.indexOf(n);
    });
    const above = chain.slice(0, -1);
    return {
      node: this.view(i),
      path: above.map((n) => nodes[n]!.id),
      pathNames: above.map((n) => nodes[n]!.name),
      positions,
      matched,
    };
  }

  private indexOf(nodeId: string): number {
    const i = this.parts.structure.byId.get(nodeId);
    if (i === undefined) {
      throw new ServiceError(
        'mapping_node_not_found',
        'That item is not in the mapping any more.',
        'The district was evaluated again since the tree was opened: collapse and expand it, or search for the item.',
      );
    }
    return i;
  }

  private view(i: number): MappingNode {
    const { nodes } = this.parts.structure;
    const n = nodes[i]!;
    return {
      id: n.id,
      kind: n.kind,
      name: n.name,
      sourcedId: n.sourcedId,
      canvasId: n.canvasId,
      parentId: n.parent >= 0 ? nodes[n.parent]!.id : null,
      depth: n.depth,
      childCount: n.children.length,
      counts: this.parts.counts[i]!,
      badges: this.parts.placement.badges[i]!,
      own: this.parts.placement.own[i]!,
    };
  }

  private buildHaystack(): Array<{ name: string; ids: string[] }> {
    return this.parts.structure.nodes.map((n) => ({
      name: n.name.toLowerCase(),
      ids: [n.sourcedId, n.canvasId, ...n.sources].filter((s) => s !== '').map((s) => s.toLowerCase()),
    }));
  }
}
