import type {
  ChangeSisIdType,
  Classification,
  ClassifiedObject,
  Confidence,
  ConversionResult,
  ConversionType,
  RemapDecision,
  RemapProposal,
} from '../../../shared/conversion/types';

/**
 * Filtering, sorting and counting over one conversion result, for the paged tables. Pure functions over arrays
 * already in memory: the renderer only ever receives the page it shows.
 */

export type ProposalWithDecision = RemapProposal & { decision: RemapDecision };

/** The sortable columns of the objects table (the conversion:objects channel validates the same names). */
export type ObjectSortId = 'name' | 'status' | 'plannedId' | 'canvasSisId' | 'activeEnrollments';

/** Which proposals a query (or a bulk decision) covers; every field narrows. */
export interface ProposalFilter {
  type?: ChangeSisIdType | undefined;
  confidence?: Confidence | undefined;
  ruleId?: string | undefined;
  decision?: RemapDecision | undefined;
  search?: string | undefined;
}

export interface ObjectQuery {
  type: ConversionType;
  status?: Classification | undefined;
  search?: string | undefined;
  sort: Array<{ id: ObjectSortId; desc: boolean }>;
}

const STATUS_RANK: Record<Classification, number> = { remap: 0, orphan: 1, create: 2, keep: 3 };
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function matchesSearch(needle: string, ...values: Array<string | null>): boolean {
  for (const v of values) if (v !== null && v.toLowerCase().includes(needle)) return true;
  return false;
}

function compareObjects(a: ClassifiedObject, b: ClassifiedObject, id: ObjectSortId): number {
  switch (id) {
    case 'status':
      return STATUS_RANK[a.status] - STATUS_RANK[b.status];
    case 'activeEnrollments':
      return a.activeEnrollments - b.activeEnrollments;
    case 'name':
      return collator.compare(a.name, b.name);
    case 'plannedId':
      return collator.compare(a.plannedId ?? '', b.plannedId ?? '');
    case 'canvasSisId':
      return collator.compare(a.canvasSisId ?? '', b.canvasSisId ?? '');
  }
}

/**
 * The rows of one type under a filter, in display order. Default order puts what needs attention first
 * (remap, orphan, create, keep), then by name.
 */
export function selectObjects(objects: readonly ClassifiedObject[], q: ObjectQuery): ClassifiedObject[] {
  const needle = q.search?.trim().toLowerCase() ?? '';
  const rows = objects.filter(
    (o) =>
      o.type === q.type &&
      (q.status === undefined || o.status === q.status) &&
      (needle === '' ||
        matchesSearch(needle, o.name, o.canvasName, o.plannedId, o.source, o.canvasSisId, o.canvasId)),
  );
  const sort = q.sort.length > 0 ? q.sort : [{ id: 'status' as const, desc: false }];
  return rows.sort((a, b) => {
    for (const s of sort) {
      const c = compareObjects(a, b, s.id);
      if (c !== 0) return s.desc ? -c : c;
    }
    return collator.compare(a.name, b.name) || collator.compare(a.plannedId ?? '', b.plannedId ?? '');
  });
}

export function matchesProposal(p: ProposalWithDecision, f: ProposalFilter): boolean {
  if (f.type !== undefined && p.type !== f.type) return false;
  if (f.confidence !== undefined && p.confidence !== f.confidence) return false;
  if (f.ruleId !== undefined && p.ruleId !== f.ruleId) return false;
  if (f.decision !== undefined && p.decision !== f.decision) return false;
  const needle = f.search?.trim().toLowerCase() ?? '';
  return needle === '' || matchesSearch(needle, p.name, p.oldId, p.newId, p.source);
}

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

/** Proposals matching the filter: pending first, then by confidence (high first), type and name. */
export function selectProposals(
  proposals: readonly ProposalWithDecision[],
  filter: ProposalFilter,
): ProposalWithDecision[] {
  const decisionRank = { pending: 0, accepted: 1, rejected: 2 } as const;
  return proposals
    .filter((p) => matchesProposal(p, filter))
    .sort(
      (a, b) =>
        decisionRank[a.decision] - decisionRank[b.decision] ||
        CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
        a.type.localeCompare(b.type) ||
        collator.compare(a.name, b.name) ||
        a.id.localeCompare(b.id),
    );
}

function tally<T extends string>(values: Iterable<T>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Counts over every proposal, for the filter menus. */
export function proposalFacets(proposals: readonly ProposalWithDecision[]) {
  return {
    type: tally(proposals.map((p) => p.type)),
    confidence: tally(proposals.map((p) => p.confidence)),
    ruleId: tally(proposals.map((p) => p.ruleId)),
    decision: tally(proposals.map((p) => p.decision)),
  };
}

/** CNV findings per rule id. */
export function findingsByRule(result: Pick<ConversionResult, 'findings'>): Record<string, number> {
  return tally(result.findings.map((f) => f.ruleId));
}
