import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';
import type { CanvasRows } from './input';
import { builtInRole } from './messages';
import { renamed, type Renames } from './predict-change-sis-id';

/**
 * Canvas as the rest of the import sees it: the baseline with the change_sis_id renames applied, indexed by SIS id
 * (deleted objects too: they keep their SIS ids), logins by lower-cased login id (active ones) and integration id.
 */
export interface CanvasView {
  accounts: Map<string, BaselineAccount>;
  terms: Map<string, BaselineTerm>;
  courses: Map<string, BaselineCourse>;
  coursesByCanvasId: Map<string, BaselineCourse>;
  sections: Map<string, BaselineSection>;
  /** Login (pseudonym) by its SIS id after renames. */
  logins: Map<string, BaselineUser>;
  /** The SIS id each login carries after renames (logins are objects of the baseline). */
  sisOf: Map<BaselineUser, string>;
  activeByLogin: Map<string, BaselineUser>;
  byIntegration: Map<string, BaselineUser>;
  loginsOfUser: Map<string, BaselineUser[]>;
  /** Enrollments by Canvas section id + Canvas user id + role (enrollmentKey). */
  enrollments: Map<string, BaselineEnrollment>;
  /** Course SIS id as Canvas will know it (after renames) by Canvas course id. */
  courseSisOf: (canvasCourseId: string) => string;
}

export const loginKey = (login: string): string => login.toLowerCase();
/** Built-in roles by their enrollment type (the CSV says `student`, the report may say `StudentEnrollment`). */
export const roleKey = (role: string): string => builtInRole(role) ?? role;
export const enrollmentKey = (canvasSectionId: string, canvasUserId: string, role: string): string =>
  `${canvasSectionId}\u0000${canvasUserId}\u0000${roleKey(role)}`;

function bySis<T>(rows: readonly T[], id: (r: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of rows) {
    const k = id(r);
    // Prefer a live object over a deleted one holding the same id.
    if (k !== '' && (!m.has(k) || (r as { status?: string }).status !== 'deleted')) m.set(k, r);
  }
  return m;
}

export function buildView(canvas: CanvasRows, renames: Renames): CanvasView {
  const sisOf = new Map<BaselineUser, string>();
  for (const u of canvas.users) sisOf.set(u, renamed(renames, 'user', u.user_id));
  const activeByLogin = new Map<string, BaselineUser>();
  const byIntegration = new Map<string, BaselineUser>();
  const loginsOfUser = new Map<string, BaselineUser[]>();
  for (const u of canvas.users) {
    if (u.status !== 'deleted' && u.login_id !== '') activeByLogin.set(loginKey(u.login_id), u);
    if (u.integration_id !== '') byIntegration.set(u.integration_id, u);
    const list = loginsOfUser.get(u.canvas_user_id);
    if (list) list.push(u);
    else loginsOfUser.set(u.canvas_user_id, [u]);
  }
  const courses = bySis(canvas.courses, (c) => renamed(renames, 'course', c.course_id));
  const coursesByCanvasId = new Map(canvas.courses.map((c) => [c.canvas_course_id, c]));
  const enrollments = new Map<string, BaselineEnrollment>();
  for (const e of canvas.enrollments)
    if (e.canvas_section_id !== '')
      enrollments.set(enrollmentKey(e.canvas_section_id, e.canvas_user_id, e.role), e);
  return {
    accounts: bySis(canvas.accounts, (a) => renamed(renames, 'account', a.account_id)),
    terms: bySis(canvas.terms, (t) => renamed(renames, 'term', t.term_id)),
    courses,
    coursesByCanvasId,
    sections: bySis(canvas.sections, (s) => renamed(renames, 'section', s.section_id)),
    logins: bySis(canvas.users, (u) => sisOf.get(u)!),
    sisOf,
    activeByLogin,
    byIntegration,
    loginsOfUser,
    enrollments,
    courseSisOf: (id) => {
      const c = coursesByCanvasId.get(id);
      return c ? renamed(renames, 'course', c.course_id) : '';
    },
  };
}
