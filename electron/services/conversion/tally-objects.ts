import type { ConversionType, SimType } from '../../../shared/conversion/types';
import type { Plan } from '../../../shared/plan/types';
import { termLabelOf } from './enrollments';
import type { BaselineIndex } from './index-baseline';
import { resolvedCanvasId, sameText } from './model';
import type { Leftovers } from './orphans';
import type { Tally } from './simulate';
import type { MatchSet, ViewMaps } from './views';

/**
 * Tallies accounts, terms, courses, sections and users for the simulation under the accepted view: a planned
 * row is a create (nothing to land on), an update (remapped, restored, or a field differs) or unchanged; Canvas's
 * SIS-created objects are `existing`, the leftovers `absent`.
 */

const day = (s: string): string => s.slice(0, 10);
const differs = (a: string, b: string): boolean => a.trim().toLowerCase() !== b.trim().toLowerCase();

export function tallyObjects(input: {
  plan: Plan;
  index: BaselineIndex;
  matches: MatchSet;
  accepted: ViewMaps;
  left: Leftovers;
  decisions: Record<string, 'accepted' | 'rejected'>;
  tally: Tally;
}): void {
  const { plan, index, matches, accepted: v, left, tally } = input;
  const termOfCourse = new Map(plan.courses.map((c) => [c.course_id, c.term_id || null]));
  const plannedTerm: Record<ConversionType, (i: number) => string | null> = {
    accounts: () => null,
    terms: () => null,
    users: () => null,
    courses: (i) => plan.courses[i]!.term_id || null,
    sections: (i) => termOfCourse.get(plan.sections[i]!.course_id) ?? null,
  };
  const changed: Record<ConversionType, (i: number, canvasId: string) => boolean> = {
    accounts: (i, id) => differs(plan.accounts[i]!.name, index.accountByCanvasId.get(id)?.name ?? ''),
    terms: (i, id) => {
      const t = plan.terms[i]!;
      const c = index.termByCanvasId.get(id);
      return (
        !c ||
        differs(t.name, c.name) ||
        day(t.start_date) !== day(c.start_date) ||
        day(t.end_date) !== day(c.end_date)
      );
    },
    courses: (i, id) => {
      const p = plan.courses[i]!;
      const c = index.courseByCanvasId.get(id);
      return (
        !c ||
        differs(p.long_name, c.long_name) ||
        differs(p.short_name, c.short_name) ||
        (v.canvasOf.terms.get(p.term_id) ?? '') !== c.canvas_term_id ||
        (v.canvasOf.accounts.get(p.account_id) ?? c.canvas_account_id) !== c.canvas_account_id
      );
    },
    sections: (i, id) => {
      const p = plan.sections[i]!;
      const s = index.sectionByCanvasId.get(id);
      return !s || differs(p.name, s.name) || v.canvasOf.courses.get(p.course_id) !== s.canvas_course_id;
    },
    users: (i, id) => {
      const p = plan.users[i]!;
      const login = (index.users.loginsOf.get(id) ?? []).find(
        (l) => l.user_id === p.user_id || sameText(l.login_id, p.login_id),
      );
      return (
        !login ||
        differs(p.first_name, login.first_name) ||
        differs(p.last_name, login.last_name) ||
        differs(p.email, login.email) ||
        differs(p.login_id, login.login_id)
      );
    },
  };
  for (const type of ['accounts', 'terms', 'courses', 'sections', 'users'] as const) {
    matches[type].forEach((m, i) => {
      const term = plannedTerm[type](i);
      const canvasId = resolvedCanvasId(m, input.decisions, 'accepted');
      let outcome: 'create' | 'update' | 'unchanged';
      // A holder of the planned SIS id is updated in place by Canvas (the collision itself is a blocker).
      if (canvasId === null) outcome = m.taken ? 'update' : 'create';
      else if (m.status === 'remap' || m.canvasStatus === 'deleted') outcome = 'update';
      else outcome = changed[type](i, canvasId) ? 'update' : 'unchanged';
      tally.add(type as SimType, term, outcome);
    });
  }
  const courseTerm = (canvasCourseId: string) => termLabelOf(index, v, canvasCourseId);
  const live = <T extends { created_by_sis: boolean; status: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.created_by_sis && r.status !== 'deleted');
  tally.add('accounts', null, 'existing', live(index.accounts).length);
  tally.add('accounts', null, 'absent', left.accounts.length);
  tally.add('terms', null, 'existing', live(index.terms).length);
  tally.add('terms', null, 'absent', left.terms.length);
  for (const c of live(index.courses)) tally.add('courses', courseTerm(c.canvas_course_id), 'existing');
  for (const c of left.courses) tally.add('courses', courseTerm(c.canvas_course_id), 'absent');
  for (const s of live(index.sections)) tally.add('sections', courseTerm(s.canvas_course_id), 'existing');
  for (const s of left.sections) tally.add('sections', courseTerm(s.canvas_course_id), 'absent');
  for (const logins of index.users.loginsOf.values()) {
    if (logins.some((l) => l.created_by_sis)) tally.add('users', null, 'existing');
  }
  tally.add('users', null, 'absent', left.users.length);
}
