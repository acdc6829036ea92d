import { z } from 'zod';
import { EntityType, Finding, FindingCounts } from '../rules/finding';

/**
 * The Mapping explorer and Terms view (journey 4). The tree District → Sub-account → Term → Course → Section is
 * indexed once per evaluation in main; the renderer asks for one page of children at a time, so a 50,000-node
 * district never crosses IPC whole.
 */

const ProfileId = z.string().min(1).max(100);
/** Node ids are readable and stable across re-evaluations: `section:CLS-001`, `term:SCH-001/T-2027-S1`. */
export const NodeId = z.string().min(1).max(2000);

export const MAPPING_NODE_KINDS = ['district', 'account', 'term', 'course', 'section'] as const;
export const MappingNodeKind = z.enum(MAPPING_NODE_KINDS);
export type MappingNodeKind = z.infer<typeof MappingNodeKind>;

export const NodeCounts = z.object({
  courses: z.number().int().nonnegative(),
  sections: z.number().int().nonnegative(),
  /** Distinct users enrolled with the Canvas role teacher / student anywhere below (and at) the node. */
  teachers: z.number().int().nonnegative(),
  students: z.number().int().nonnegative(),
});
export type NodeCounts = z.infer<typeof NodeCounts>;

export const MappingNode = z.object({
  id: NodeId,
  kind: MappingNodeKind,
  name: z.string(),
  /** The OneRoster sourcedId the node comes from (the Canvas id for merged terms). */
  sourcedId: z.string(),
  /** Canvas id of the node's row (account_id, term_id, course_id, section_id; '' for the root account). */
  canvasId: z.string(),
  parentId: NodeId.nullable(),
  depth: z.number().int().nonnegative(),
  childCount: z.number().int().nonnegative(),
  counts: NodeCounts,
  /** Distinct findings on the node and everything below it. */
  badges: FindingCounts,
  /** Findings on the node itself. */
  own: FindingCounts,
});
export type MappingNode = z.infer<typeof MappingNode>;

export const MappingScope = z.object({
  profileId: ProfileId,
  /** The evaluated snapshot; omitted = the district's latest evaluation. */
  snapshotId: z.string().min(1).max(100).optional(),
});

/** Which evaluation the tree was built from, so the UI can say so (and notice a newer one). */
export const MappingSource = z.object({
  snapshotId: z.string(),
  evaluatedAt: z.string(),
  totalNodes: z.number().int().nonnegative(),
});
export type MappingSource = z.infer<typeof MappingSource>;

export const ChildrenPage = z.object({
  source: MappingSource,
  parent: MappingNode.nullable(),
  /** Children after the problems filter (the page is a window of these). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  nodes: z.array(MappingNode),
});
export type ChildrenPage = z.infer<typeof ChildrenPage>;

export const SearchHit = z.object({
  node: MappingNode,
  /** Ancestor ids from the top (the district) down to the node's parent: expand these to reveal it. */
  path: z.array(NodeId),
  /** Names along the path (same order), to show where a hit is. */
  pathNames: z.array(z.string()),
  /**
   * Position of each path node below the first, then of the node itself, among its parent's children (under the
   * same problems filter): which page to fetch to reveal it. One shorter than path + node (the top has no parent).
   */
  positions: z.array(z.number().int().nonnegative()),
  /** What matched: the name, a sourcedId or a Canvas id. */
  matched: z.enum(['name', 'sourcedId', 'canvasId']),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  total: z.number().int().nonnegative(),
  hits: z.array(SearchHit),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const OneRosterRecordView = z.object({
  entityType: EntityType,
  sourcedId: z.string(),
  /** Normalised record (null when the record is missing from the snapshot). */
  record: z.record(z.string(), z.unknown()).nullable(),
  /** The record as the provider sent it, passwords already redacted. */
  raw: z.unknown(),
  issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() }).loose()),
});
export type OneRosterRecordView = z.infer<typeof OneRosterRecordView>;

export const CanvasRowsView = z.object({
  /** Canvas SIS CSV file, e.g. 'courses'. */
  file: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Rows in the plan for this node; `rows` may hold only the first ones. */
  total: z.number().int().nonnegative(),
  /** Provenance of the first row: source sourcedId(s) and the mapping options that shaped it. */
  source: z.string().optional(),
  sources: z.array(z.string()).optional(),
  options: z.array(z.string()).optional(),
});
export type CanvasRowsView = z.infer<typeof CanvasRowsView>;

export const NodeDetail = z.object({
  node: MappingNode,
  path: z.array(MappingNode),
  oneRoster: z.array(OneRosterRecordView),
  /** OneRoster records of this kind not shown (a grouped course's many classes, a term's many sessions). */
  oneRosterMore: z.number().int().nonnegative(),
  canvas: z.array(CanvasRowsView),
  /** Plain-language notes, e.g. "The district is the Canvas root account: it has no accounts.csv row." */
  notes: z.array(z.string()),
  findings: z.object({ total: z.number().int().nonnegative(), items: z.array(Finding) }),
});
export type NodeDetail = z.infer<typeof NodeDetail>;

export const TermSession = z.object({
  sourcedId: z.string(),
  title: z.string(),
  type: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** The Canvas term it becomes (merged or not); null when no class uses it as its term (e.g. a grading period). */
  canvasTermId: z.string().nullable(),
  /** Classes of this school that list the session. */
  classes: z.number().int().nonnegative(),
});
export type TermSession = z.infer<typeof TermSession>;

export const TermSchool = z.object({
  accountId: z.string(),
  orgId: z.string(),
  name: z.string(),
  sessions: z.array(TermSession),
});
export type TermSchool = z.infer<typeof TermSchool>;

export const CanvasTermView = z.object({
  termId: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.string(),
  sessions: z.array(z.string()),
  /** How the sessions were merged ('title+dates', 'common id'); empty when the term is one session. */
  mergedBy: z.array(z.string()),
  conflicts: z.array(z.string()),
  /** Account ids of the schools with courses in this term. */
  schools: z.array(z.string()),
  courses: z.number().int().nonnegative(),
  badges: FindingCounts,
});
export type CanvasTermView = z.infer<typeof CanvasTermView>;

/**
 * What the terms' Problems column adds up to: a finding is counted in every term it touches (a student in classes of
 * two terms), and findings outside any term (users in no class, the profile, endpoints) in none. Per severity:
 * column sum = total − inNoTerm + extraTerms.
 */
export const TermFindingTotals = z.object({
  /** Every finding the Findings screen counts (the district's rule settings applied). */
  total: FindingCounts,
  inNoTerm: FindingCounts,
  inSeveralTerms: FindingCounts,
  /** Over the findings in several terms: the terms beyond the first. */
  extraTerms: FindingCounts,
});
export type TermFindingTotals = z.infer<typeof TermFindingTotals>;

export const TermsView = z.object({
  source: MappingSource,
  termMerge: z.boolean(),
  schools: z.array(TermSchool),
  terms: z.array(CanvasTermView),
  /** Courses with no term (Canvas puts them in the Default Term). */
  defaultTermCourses: z.number().int().nonnegative(),
  findings: TermFindingTotals,
});
export type TermsView = z.infer<typeof TermsView>;
