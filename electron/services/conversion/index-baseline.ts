import type {
  BaselineAccount,
  BaselineCourse,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';
import type { BaselineStore } from '../canvas-baseline';

/**
 * In-memory lookups over one Canvas baseline, built in one pass per type through BaselineStore.iterate.
 * Enrollments are not kept row by row (a district holds millions): only what matching needs — active counts
 * per course/section, teachers per course, schools per user. The simulation streams enrollments again.
 */

/** Enrollment states that still give access (what a drop would take away). */
export const ACTIVE_ENROLLMENT = new Set(['active', 'invited', 'creation_pending']);

const lower = (s: string): string => s.trim().toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface UserIndex {
  /** Every login row (deleted ones too), by SIS id. */
  bySisId: Map<string, BaselineUser[]>;
  /** Non-deleted logins by integration id, lower-cased login id, lower-cased email, lower-cased full name. */
  byIntegrationId: Map<string, BaselineUser[]>;
  byLogin: Map<string, BaselineUser[]>;
  byEmail: Map<string, BaselineUser[]>;
  byName: Map<string, BaselineUser[]>;
  /** Non-deleted logins per Canvas user (several = merged user / several SIS ids). */
  loginsOf: Map<string, BaselineUser[]>;
}

export interface BaselineIndex {
  accounts: BaselineAccount[];
  accountBySisId: Map<string, BaselineAccount[]>;
  accountByName: Map<string, BaselineAccount[]>;
  accountByCanvasId: Map<string, BaselineAccount>;
  terms: BaselineTerm[];
  termBySisId: Map<string, BaselineTerm[]>;
  termByName: Map<string, BaselineTerm[]>;
  termByDates: Map<string, BaselineTerm[]>;
  termByCanvasId: Map<string, BaselineTerm>;
  courses: BaselineCourse[];
  courseBySisId: Map<string, BaselineCourse[]>;
  /** Non-deleted courses by lower-cased long name. */
  courseByName: Map<string, BaselineCourse[]>;
  courseByCanvasId: Map<string, BaselineCourse>;
  sections: BaselineSection[];
  sectionBySisId: Map<string, BaselineSection[]>;
  sectionByCanvasId: Map<string, BaselineSection>;
  /** Non-deleted sections per home course (the non-crosslisted course when crosslisted). */
  sectionsOfHomeCourse: Map<string, BaselineSection[]>;
  users: UserIndex;
  /** Active enrollments per Canvas course / section id. */
  activeByCourse: Map<string, number>;
  activeBySection: Map<string, number>;
  /** Canvas user ids teaching each Canvas course (active teacher enrollments). */
  teachersOf: Map<string, Set<string>>;
  /** Canvas account ids of the courses each Canvas user is enrolled in (for "same school" name hints). */
  accountsOfUser: Map<string, Set<string>>;
}

export const datesKey = (start: string, end: string): string => `${start.slice(0, 10)}|${end.slice(0, 10)}`;
export const homeCourseOf = (s: BaselineSection): string => s.canvas_nonxlist_course_id || s.canvas_course_id;
export const nameKey = lower;

export function indexBaseline(store: BaselineStore, baselineId: string): BaselineIndex {
  const idx: BaselineIndex = {
    accounts: [],
    accountBySisId: new Map(),
    accountByName: new Map(),
    accountByCanvasId: new Map(),
    terms: [],
    termBySisId: new Map(),
    termByName: new Map(),
    termByDates: new Map(),
    termByCanvasId: new Map(),
    courses: [],
    courseBySisId: new Map(),
    courseByName: new Map(),
    courseByCanvasId: new Map(),
    sections: [],
    sectionBySisId: new Map(),
    sectionByCanvasId: new Map(),
    sectionsOfHomeCourse: new Map(),
    users: {
      bySisId: new Map(),
      byIntegrationId: new Map(),
      byLogin: new Map(),
      byEmail: new Map(),
      byName: new Map(),
      loginsOf: new Map(),
    },
    activeByCourse: new Map(),
    activeBySection: new Map(),
    teachersOf: new Map(),
    accountsOfUser: new Map(),
  };
  for (const a of store.iterate(baselineId, 'accounts')) {
    idx.accounts.push(a);
    idx.accountByCanvasId.set(a.canvas_account_id, a);
    if (a.account_id) push(idx.accountBySisId, a.account_id, a);
    if (a.status !== 'deleted') push(idx.accountByName, lower(a.name), a);
  }
  for (const t of store.iterate(baselineId, 'terms')) {
    idx.terms.push(t);
    idx.termByCanvasId.set(t.canvas_term_id, t);
    if (t.term_id) push(idx.termBySisId, t.term_id, t);
    if (t.status === 'deleted') continue;
    push(idx.termByName, lower(t.name), t);
    if (t.start_date && t.end_date) push(idx.termByDates, datesKey(t.start_date, t.end_date), t);
  }
  for (const c of store.iterate(baselineId, 'courses')) {
    idx.courses.push(c);
    idx.courseByCanvasId.set(c.canvas_course_id, c);
    if (c.course_id) push(idx.courseBySisId, c.course_id, c);
    if (c.status !== 'deleted') push(idx.courseByName, lower(c.long_name), c);
  }
  for (const s of store.iterate(baselineId, 'sections')) {
    idx.sections.push(s);
    idx.sectionByCanvasId.set(s.canvas_section_id, s);
    if (s.section_id) push(idx.sectionBySisId, s.section_id, s);
    if (s.status !== 'deleted') push(idx.sectionsOfHomeCourse, homeCourseOf(s), s);
  }
  const u = idx.users;
  for (const login of store.iterate(baselineId, 'users')) {
    if (login.user_id) push(u.bySisId, login.user_id, login);
    // Deleted logins hold their SIS id but are never remap targets (docs/mapping.md), and claim no login id.
    if (login.status === 'deleted') continue;
    push(u.loginsOf, login.canvas_user_id, login);
    if (login.integration_id) push(u.byIntegrationId, login.integration_id, login);
    if (login.login_id) push(u.byLogin, lower(login.login_id), login);
    if (login.email) push(u.byEmail, lower(login.email), login);
    const full = lower(login.full_name || `${login.first_name} ${login.last_name}`);
    if (full) push(u.byName, full, login);
  }
  for (const e of store.iterate(baselineId, 'enrollments')) {
    if (!ACTIVE_ENROLLMENT.has(e.status)) continue;
    idx.activeByCourse.set(e.canvas_course_id, (idx.activeByCourse.get(e.canvas_course_id) ?? 0) + 1);
    if (e.canvas_section_id) {
      idx.activeBySection.set(e.canvas_section_id, (idx.activeBySection.get(e.canvas_section_id) ?? 0) + 1);
    }
    if (e.base_role_type === 'TeacherEnrollment' || e.role === 'teacher') {
      let set = idx.teachersOf.get(e.canvas_course_id);
      if (!set) idx.teachersOf.set(e.canvas_course_id, (set = new Set()));
      set.add(e.canvas_user_id);
    }
    const account = idx.courseByCanvasId.get(e.canvas_course_id)?.canvas_account_id;
    if (account) {
      let set = idx.accountsOfUser.get(e.canvas_user_id);
      if (!set) idx.accountsOfUser.set(e.canvas_user_id, (set = new Set()));
      set.add(account);
    }
  }
  return idx;
}

/** Distinct Canvas users among login rows, in first-seen order. */
export function distinctUsers(logins: readonly BaselineUser[] | undefined): string[] {
  return [...new Set((logins ?? []).map((l) => l.canvas_user_id))];
}
