import type { NodeCounts } from '../../../shared/mapping/tree-views';
import type { EnrollmentRow } from '../../../shared/plan/types';
import type { TreeStructure } from './structure';

/**
 * Per-node counts: courses and sections summed upwards (each sits under exactly one node), teachers and students
 * as DISTINCT users per node (a student in six sections of a school counts once for the school).
 *
 * Distinct counts without a Set per node: for each depth, every active enrollment yields one number
 * `ancestorAtDepth * users + user`; sorting those and counting runs gives the distinct users per node, in a few
 * typed arrays instead of millions of Set entries.
 */
export function computeCounts(tree: TreeStructure, enrollments: readonly EnrollmentRow[]): NodeCounts[] {
  const { nodes } = tree;
  const counts: NodeCounts[] = nodes.map(() => ({ courses: 0, sections: 0, teachers: 0, students: 0 }));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const c = counts[i]!;
    if (node.kind === 'course') c.courses++;
    if (node.kind === 'section') c.sections++;
    // Children have larger indexes than their parent, so a reverse pass has finished them already.
    if (node.parent >= 0) {
      const p = counts[node.parent]!;
      p.courses += c.courses;
      p.sections += c.sections;
    }
  }
  distinctUsers(tree, enrollments, 'student', (i, n) => (counts[i]!.students = n));
  distinctUsers(tree, enrollments, 'teacher', (i, n) => (counts[i]!.teachers = n));
  return counts;
}

function distinctUsers(
  tree: TreeStructure,
  enrollments: readonly EnrollmentRow[],
  role: string,
  set: (node: number, count: number) => void,
): void {
  const userIndex = new Map<string, number>();
  const pairs: Array<[section: number, user: number]> = [];
  for (const e of enrollments) {
    if (e.status !== 'active' || e.role !== role) continue;
    const section = tree.sectionNode.get(e.section_id);
    if (section === undefined) continue;
    let user = userIndex.get(e.user_id);
    if (user === undefined) userIndex.set(e.user_id, (user = userIndex.size));
    pairs.push([section, user]);
  }
  if (pairs.length === 0) return;
  const users = userIndex.size;
  const { nodes } = tree;
  const keys = new Float64Array(pairs.length);
  let maxDepth = 0;
  for (const [section] of pairs) maxDepth = Math.max(maxDepth, nodes[section]!.depth);
  for (let depth = 0; depth <= maxDepth; depth++) {
    let n = 0;
    for (const [section, user] of pairs) {
      let at = section;
      while (nodes[at]!.depth > depth) at = nodes[at]!.parent;
      if (nodes[at]!.depth === depth) keys[n++] = at * users + user;
    }
    const sorted = keys.subarray(0, n).sort();
    let run = 0;
    let current = -1;
    for (let k = 0; k < n; k++) {
      const node = Math.floor(sorted[k]! / users);
      if (node !== current) {
        if (current >= 0) set(current, run);
        current = node;
        run = 0;
      }
      if (k === 0 || sorted[k] !== sorted[k - 1]) run++;
    }
    if (current >= 0) set(current, run);
  }
}
