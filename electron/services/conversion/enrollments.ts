import type { Plan } from '../../../shared/plan/types';
import type { BaselineStore } from '../canvas-baseline';
import { ACTIVE_ENROLLMENT, type BaselineIndex } from './index-baseline';
import type { Tally } from './simulate';
import type { ViewMaps } from './views';

/**
 * One pass over the baseline's enrollments: which SIS-created active enrollments the plan keeps (same Canvas
 * section, user and role after matching) and which it leaves out — per view: `proposed` for CNV-ENR-DROP,
 * `accepted` for the simulation. Only planned keys are held in memory, never the baseline rows.
 */

export interface DropGroup {
  /** Canvas term of the dropped enrollments' course ('' = none: the Default Term). */
  canvasTermId: string;
  termSisId: string;
  count: number;
  byRole: Record<string, number>;
  /** A few dropped enrollments: Canvas course SIS id / user SIS id / role. */
  examples: Array<{ course: string; section: string; user: string; role: string }>;
}

const EXAMPLES = 5;

function plannedKeys(plan: Plan, v: ViewMaps, termOfCourse: Map<string, string>): Map<string, string | null> {
  const keys = new Map<string, string | null>();
  for (const e of plan.enrollments) {
    if (e.status === 'deleted') continue;
    const section = v.canvasOf.sections.get(e.section_id);
    const user = v.canvasOf.users.get(e.user_id);
    const term = termOfCourse.get(e.course_id) || null;
    // A new section or user cannot hold an existing enrollment: a unique placeholder key counts it as a create.
    const key =
      section && user ? `${section}|${user}|${e.role}` : `new:${e.section_id}|${e.user_id}|${e.role}`;
    keys.set(key, term);
  }
  return keys;
}

/** The planned term label of a Canvas course under a view (its term's planned id when matched). */
export function termLabelOf(index: BaselineIndex, v: ViewMaps, canvasCourseId: string): string | null {
  const canvasTerm = index.courseByCanvasId.get(canvasCourseId)?.canvas_term_id ?? '';
  if (canvasTerm === '') return null;
  return (
    v.matchOf.terms.get(canvasTerm)?.plannedId ?? (index.termByCanvasId.get(canvasTerm)?.term_id || null)
  );
}

export function streamEnrollments(input: {
  store: BaselineStore;
  baselineId: string;
  plan: Plan;
  index: BaselineIndex;
  proposed: ViewMaps;
  accepted: ViewMaps;
  tally: Tally;
}): DropGroup[] {
  const { index, plan, tally } = input;
  const termOfCourse = new Map(plan.courses.map((c) => [c.course_id, c.term_id]));
  const proposedKeys = plannedKeys(plan, input.proposed, termOfCourse);
  const acceptedKeys = plannedKeys(plan, input.accepted, termOfCourse);
  const drops = new Map<string, DropGroup>();
  for (const e of input.store.iterate(input.baselineId, 'enrollments')) {
    if (!e.created_by_sis || !ACTIVE_ENROLLMENT.has(e.status)) continue;
    const where = e.canvas_section_id || `course:${e.canvas_course_id}`;
    const key = `${where}|${e.canvas_user_id}|${e.role}`;
    const term = termLabelOf(index, input.accepted, e.canvas_course_id);
    tally.add('enrollments', term, 'existing');
    if (acceptedKeys.has(key)) {
      tally.add('enrollments', term, 'unchanged');
      acceptedKeys.delete(key);
    } else tally.add('enrollments', term, 'absent');
    if (proposedKeys.has(key)) continue;
    const canvasTermId = index.courseByCanvasId.get(e.canvas_course_id)?.canvas_term_id ?? '';
    let group = drops.get(canvasTermId);
    if (!group) {
      group = {
        canvasTermId,
        termSisId: index.termByCanvasId.get(canvasTermId)?.term_id ?? '',
        count: 0,
        byRole: {},
        examples: [],
      };
      drops.set(canvasTermId, group);
    }
    group.count++;
    group.byRole[e.role] = (group.byRole[e.role] ?? 0) + 1;
    if (group.examples.length < EXAMPLES) {
      group.examples.push({ course: e.course_id, section: e.section_id, user: e.user_id, role: e.role });
    }
  }
  // What is left of the planned keys matched nothing in Canvas: new enrollments.
  for (const term of acceptedKeys.values()) tally.add('enrollments', term, 'create');
  return [...drops.values()].sort((a, b) =>
    a.canvasTermId < b.canvasTermId ? -1 : a.canvasTermId > b.canvasTermId ? 1 : 0,
  );
}
