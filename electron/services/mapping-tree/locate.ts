import type { EntityType } from '../../../shared/rules/finding';
import type { Plan } from '../../../shared/plan/types';
import type { PlanIndex } from '../plan';
import { ROOT, type TreeStructure } from './structure';

/** What the locator needs to know about each OneRoster class (from the snapshot). */
export interface ClassFacts {
  sourcedId: string;
  schoolId: string | null;
  courseId: string | null;
  termIds: readonly string[];
}

/** Snapshot lookups for records the plan left out: an enrollment's class (administrators), an org's parent (departments). */
export interface SnapshotLookups {
  enrollmentClass(enrollmentSourcedId: string): string | null;
  orgParent(orgSourcedId: string): string | null;
  userOrgs(userSourcedId: string): readonly string[];
}

/**
 * Where a OneRoster (or Canvas) entity shows in the tree: the nodes a finding about it is badged on, and where
 * "open in Mapping" lands. Orgs → their account; sessions → the term nodes of the schools whose classes list
 * them; catalog courses → the courses made from them; classes → their section; users → every section they are
 * enrolled in (staff in no section: their schools); enrollments → their section. An entity with no place returns [] (callers decide: the root).
 */
export class Locator {
  private readonly accountOfOrg = new Map<string, number>();
  private readonly sectionOfClass = new Map<string, number>();
  private readonly coursesOfCatalog = new Map<string, number[]>();
  private readonly termsOfSession = new Map<string, number[]>();
  private readonly canvasTermOfSession = new Map<string, string>();
  private readonly sectionsOfUser = new Map<string, number[]>();
  /** Term node → the sessions of that school merged into it (what the school's classes list). */
  readonly sessionsOfTermNode = new Map<number, string[]>();

  constructor(
    private readonly tree: TreeStructure,
    private readonly plan: Plan,
    private readonly index: PlanIndex,
    classes: Iterable<ClassFacts>,
    private readonly lookups: SnapshotLookups,
  ) {
    const { nodes } = tree;
    if (plan.notes.rootOrgId) this.accountOfOrg.set(plan.notes.rootOrgId, ROOT);
    for (const [, i] of tree.accountNode) this.accountOfOrg.set(nodes[i]!.sourcedId, i);
    for (const [, i] of tree.sectionNode) this.sectionOfClass.set(nodes[i]!.sourcedId, i);
    for (const [, i] of tree.courseNode) {
      const row = nodes[i]!.row as { sourceType?: string } | null;
      if (row?.sourceType === 'course') push(this.coursesOfCatalog, nodes[i]!.sourcedId, i);
    }
    for (const t of plan.terms) {
      for (const s of t.sources ?? [t.source]) this.canvasTermOfSession.set(s, t.term_id);
    }
    for (const cls of classes) this.learnClass(cls);
  }

  /** The nodes an entity sits on (deduplicated, in tree order of discovery). */
  nodesFor(entityType: EntityType, sourcedId: string): number[] {
    switch (entityType) {
      case 'org':
        return one(this.accountOfOrgOrAncestor(sourcedId));
      case 'academicSession':
        return (
          this.termsOfSession.get(sourcedId) ?? this.termNodesOf(this.canvasTermOfSession.get(sourcedId))
        );
      case 'course':
        return this.coursesOfCatalog.get(sourcedId) ?? [];
      case 'class':
        return one(this.sectionOfClass.get(sourcedId));
      case 'user':
      case 'demographics': {
        const sections = this.sectionsOfCanvasUser(this.index.usersBySource.get(sourcedId)?.user_id);
        return sections.length > 0 ? sections : this.accountsOfUser(sourcedId);
      }
      case 'enrollment': {
        const planned = this.index.enrollmentBySource(sourcedId);
        if (planned) return one(this.tree.sectionNode.get(planned.section_id));
        const classId = this.lookups.enrollmentClass(sourcedId);
        return classId === null ? [] : one(this.sectionOfClass.get(classId));
      }
      case 'canvasAccount':
        return one(this.tree.accountNode.get(sourcedId));
      case 'canvasTerm':
        return this.termNodesOf(sourcedId);
      case 'canvasCourse':
        return one(this.tree.courseNode.get(sourcedId));
      case 'canvasSection':
        return one(this.tree.sectionNode.get(sourcedId));
      case 'canvasUser':
        return this.sectionsOfCanvasUser(sourcedId);
      default:
        return [];
    }
  }

  /** Indexes the sections of many entities' users in one pass over the enrollments (placing a feed's findings). */
  prepare(entities: Iterable<{ entityType: EntityType; sourcedId: string }>): void {
    const wanted = new Set<string>();
    for (const { entityType, sourcedId } of entities) {
      const userId =
        entityType === 'canvasUser'
          ? sourcedId
          : entityType === 'user' || entityType === 'demographics'
            ? this.index.usersBySource.get(sourcedId)?.user_id
            : undefined;
      if (userId !== undefined && !this.sectionsOfUser.has(userId)) wanted.add(userId);
    }
    if (wanted.size === 0) return;
    for (const id of wanted) this.sectionsOfUser.set(id, []);
    for (const e of this.plan.enrollments) {
      if (!wanted.has(e.user_id)) continue;
      const section = this.tree.sectionNode.get(e.section_id);
      const list = this.sectionsOfUser.get(e.user_id)!;
      if (section !== undefined && !list.includes(section)) list.push(section);
    }
  }

  /** The Canvas term a session became (merged or not), if any class uses it as its term. */
  canvasTermOf(sessionId: string): string | null {
    return this.canvasTermOfSession.get(sessionId) ?? null;
  }

  private sectionsOfCanvasUser(userId: string | undefined): number[] {
    if (userId === undefined) return [];
    const known = this.sectionsOfUser.get(userId);
    if (known) return known;
    const list: number[] = [];
    for (const e of this.plan.enrollments) {
      if (e.user_id !== userId) continue;
      const section = this.tree.sectionNode.get(e.section_id);
      if (section !== undefined && !list.includes(section)) list.push(section);
    }
    this.sectionsOfUser.set(userId, list);
    return list;
  }

  /** The accounts of a user's orgs (staff enrolled nowhere still belong to their school). */
  private accountsOfUser(userId: string): number[] {
    const out: number[] = [];
    for (const org of this.lookups.userOrgs(userId)) {
      const account = this.accountOfOrgOrAncestor(org);
      if (account !== undefined && !out.includes(account)) out.push(account);
    }
    return out;
  }

  /** An org the plan flattened (a department) badges the account of its nearest planned ancestor. */
  private accountOfOrgOrAncestor(orgId: string): number | undefined {
    const seen = new Set<string>();
    for (let id: string | null = orgId; id !== null && !seen.has(id); id = this.lookups.orgParent(id)) {
      const account = this.accountOfOrg.get(id);
      if (account !== undefined) return account;
      seen.add(id);
    }
    return undefined;
  }

  private termNodesOf(termId: string | undefined): number[] {
    return termId === undefined ? [] : (this.tree.termNodes.get(termId) ?? []);
  }

  private learnClass(cls: ClassFacts): void {
    const section = this.sectionOfClass.get(cls.sourcedId);
    if (section === undefined) return;
    const { nodes } = this.tree;
    const course = nodes[section]!.parent;
    const term = nodes[course]!.parent;
    if (cls.courseId !== null && (nodes[course]!.row as { sourceType?: string }).sourceType !== 'course') {
      addUnique(this.coursesOfCatalog, cls.courseId, course);
    }
    if (nodes[term]!.kind !== 'term') return;
    // A session belongs to the term nodes of the schools whose classes list it (per-school copies stay apart).
    for (const sessionId of cls.termIds) {
      if (this.canvasTermOfSession.get(sessionId) === nodes[term]!.canvasId) {
        addUnique(this.termsOfSession, sessionId, term);
        const local = this.sessionsOfTermNode.get(term);
        if (!local) this.sessionsOfTermNode.set(term, [sessionId]);
        else if (!local.includes(sessionId)) local.push(sessionId);
      }
    }
  }
}

function one(i: number | undefined): number[] {
  return i === undefined ? [] : [i];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addUnique(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
