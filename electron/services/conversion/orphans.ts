import type {
  BaselineAccount,
  BaselineCourse,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';
import type { BaselineIndex } from './index-baseline';
import type { ViewMaps } from './views';

/**
 * SIS-created, not deleted Canvas objects that nothing in the plan lands on under a view: what the sync leaves
 * behind (standard), deletes (batch: courses/sections/enrollments of the term; diffing: everything) or concludes.
 * Users count once per Canvas user (a user with several logins is covered when any login is).
 */
export interface Leftovers {
  accounts: BaselineAccount[];
  terms: BaselineTerm[];
  courses: BaselineCourse[];
  sections: BaselineSection[];
  users: BaselineUser[];
}

export function leftovers(index: BaselineIndex, v: ViewMaps): Leftovers {
  const users: BaselineUser[] = [];
  for (const [canvasId, logins] of index.users.loginsOf) {
    if (v.claimed.users.has(canvasId)) continue;
    const sis = logins.find((l) => l.created_by_sis);
    if (sis) users.push(sis);
  }
  return {
    accounts: index.accounts.filter(
      (a) => a.created_by_sis && a.status !== 'deleted' && !v.claimed.accounts.has(a.canvas_account_id),
    ),
    terms: index.terms.filter(
      (t) => t.created_by_sis && t.status !== 'deleted' && !v.claimed.terms.has(t.canvas_term_id),
    ),
    courses: index.courses.filter(
      (c) => c.created_by_sis && c.status !== 'deleted' && !v.claimed.courses.has(c.canvas_course_id),
    ),
    sections: index.sections.filter(
      (s) => s.created_by_sis && s.status !== 'deleted' && !v.claimed.sections.has(s.canvas_section_id),
    ),
    users,
  };
}
