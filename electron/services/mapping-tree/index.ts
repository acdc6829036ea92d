import type { AcademicSession } from '../../../shared/oneroster/types';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import { indexPlan } from '../plan';
import type { SnapshotStore } from '../snapshots';
import { placeFindings } from './badges';
import { computeCounts } from './counts';
import { Locator, type ClassFacts } from './locate';
import { buildStructure } from './structure';
import { summariseTerms } from './terms';
import { MappingTree } from './tree';

export { MappingTree, MAX_NODE_FINDINGS } from './tree';
export { hasProblems } from './badges';
export { nodeId, districtId, accountId, termNodeId, courseId, sectionId } from './node-id';

export interface MappingTreeInput {
  plan: Plan;
  /** The evaluation's findings as the user sees them (rule settings applied), sorted. */
  findings: readonly Finding[];
  /** The store holding `plan.snapshotId` (records for the detail panel and the class → session links). */
  store: SnapshotStore;
}

/**
 * Builds the explorer's index once per evaluation: structure, counts, finding badges (rolled up) and the
 * entity locator. Plain Node: the IPC layer caches the result per evaluation.
 */
export function buildMappingTree({ plan, findings, store }: MappingTreeInput): MappingTree {
  const snapshotId = plan.snapshotId;
  const structure = buildStructure(plan);
  const planIndex = indexPlan(plan);
  const classes: ClassFacts[] = [];
  for (const c of store.iterate(snapshotId, 'classes')) {
    classes.push({ sourcedId: c.sourcedId, schoolId: c.schoolId, courseId: c.courseId, termIds: c.termIds });
  }
  const locator = new Locator(structure, plan, planIndex, classes, {
    enrollmentClass: (id) => store.getRecord(snapshotId, 'enrollments', id)?.record.classId ?? null,
    orgParent: (id) => store.getRecord(snapshotId, 'orgs', id)?.record.parentId ?? null,
    userOrgs: (id) => store.getRecord(snapshotId, 'users', id)?.record.orgIds ?? [],
  });
  // A merged term shows, per school, the school's own session as its sourcedId.
  for (const [term, sessions] of locator.sessionsOfTermNode) {
    const node = structure.nodes[term]!;
    node.localSources = [...sessions].sort();
    node.sourcedId = node.localSources[0]!;
  }
  const counts = computeCounts(structure, plan.enrollments);
  const placement = placeFindings(structure.nodes, locator, findings);

  return new MappingTree({
    snapshotId,
    plan,
    planIndex,
    store,
    structure,
    counts,
    placement,
    findings,
    locator,
    terms: () => {
      const sessions = new Map<string, AcademicSession>();
      for (const s of store.iterate(snapshotId, 'academicSessions')) sessions.set(s.sourcedId, s);
      return summariseTerms(
        structure,
        plan,
        classes,
        sessions,
        locator,
        placement,
        findings,
        (n) => counts[n]!.courses,
      );
    },
  });
}
