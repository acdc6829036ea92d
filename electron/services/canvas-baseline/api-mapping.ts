import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';

/**
 * Canvas REST objects → baseline rows in the provisioning report's shape (docs/canvas-importer.md), so a baseline
 * read through the API stores exactly what the report would. The report's conventions:
 *   - blanks are '' and ids are digit strings;
 *   - created_by_sis = the object came from a SIS import (the API's sis_import_id; logins: they carry a SIS id);
 *   - course status: unpublished / active / concluded / deleted; enrollment 'completed' is 'concluded';
 *   - course dates only when they restrict enrollments; enrollment role = the role name ('student' for the
 *     built-in StudentEnrollment role).
 */

export type Json = Record<string, unknown>;

export function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

/** A Canvas id as digits ('' when absent); ids above 2^53 only survive as strings (string-ids Accept header). */
export function idStr(v: unknown): string {
  const s = str(v);
  return /^\d+$/.test(s) ? s : '';
}

const fromSis = (o: Json): boolean => o.sis_import_id !== null && o.sis_import_id !== undefined;

/** canvas id → SIS id, for the parent/term/account columns the API gives only as Canvas ids. */
export type SisLookup = (canvasId: string) => string;

export function accountRow(a: Json, sisOf: SisLookup): BaselineAccount {
  const parent = idStr(a.parent_account_id);
  return {
    canvas_account_id: idStr(a.id),
    account_id: str(a.sis_account_id),
    canvas_parent_id: parent,
    parent_account_id: parent === '' ? '' : sisOf(parent),
    name: str(a.name),
    status: a.workflow_state === 'deleted' ? 'deleted' : 'active',
    created_by_sis: fromSis(a),
  };
}

export function termRow(t: Json): BaselineTerm {
  return {
    canvas_term_id: idStr(t.id),
    term_id: str(t.sis_term_id),
    name: str(t.name),
    status: t.workflow_state === 'deleted' ? 'deleted' : 'active',
    start_date: str(t.start_at),
    end_date: str(t.end_at),
    created_by_sis: fromSis(t),
  };
}

const COURSE_STATUS: Record<string, BaselineCourse['status']> = {
  created: 'unpublished',
  claimed: 'unpublished',
  unpublished: 'unpublished',
  available: 'active',
  completed: 'concluded',
  deleted: 'deleted',
};

export function courseRow(c: Json, accountSis: SisLookup, termSis: SisLookup): BaselineCourse {
  const account = idStr(c.account_id);
  const term = idStr(c.enrollment_term_id);
  const restrict = c.restrict_enrollments_to_course_dates === true;
  return {
    canvas_course_id: idStr(c.id),
    course_id: str(c.sis_course_id),
    integration_id: str(c.integration_id),
    short_name: str(c.course_code),
    long_name: str(c.name),
    canvas_account_id: account,
    account_id: account === '' ? '' : accountSis(account),
    canvas_term_id: term,
    term_id: term === '' ? '' : termSis(term),
    status: COURSE_STATUS[str(c.workflow_state)] ?? 'unpublished',
    start_date: restrict ? str(c.start_at) : '',
    end_date: restrict ? str(c.end_at) : '',
    created_by_sis: fromSis(c),
  };
}

export function sectionRow(s: Json, courseSis: SisLookup): BaselineSection {
  const course = idStr(s.course_id);
  const nonxlist = idStr(s.nonxlist_course_id);
  return {
    canvas_section_id: idStr(s.id),
    section_id: str(s.sis_section_id),
    canvas_course_id: course,
    course_id: s.sis_course_id !== undefined ? str(s.sis_course_id) : courseSis(course),
    integration_id: str(s.integration_id),
    name: str(s.name),
    status: s.workflow_state === 'deleted' ? 'deleted' : 'active',
    start_date: str(s.start_at),
    end_date: str(s.end_at),
    canvas_nonxlist_course_id: nonxlist,
    nonxlist_course_id: nonxlist === '' ? '' : courseSis(nonxlist),
    created_by_sis: fromSis(s),
  };
}

/** The user-level columns of a users row (names and email come from the user, not the login). */
export interface UserFacts {
  canvas_user_id: string;
  first_name: string;
  last_name: string;
  full_name: string;
  sortable_name: string;
  email: string;
  sis_user_id: string;
  login_id: string;
  integration_id: string;
}

export function userFacts(u: Json): UserFacts {
  return {
    canvas_user_id: idStr(u.id),
    first_name: str(u.first_name),
    last_name: str(u.last_name),
    full_name: str(u.name),
    sortable_name: str(u.sortable_name),
    email: str(u.email),
    sis_user_id: str(u.sis_user_id),
    login_id: str(u.login_id),
    integration_id: str(u.integration_id),
  };
}

const LOGIN_STATUS: Record<string, BaselineUser['status']> = {
  active: 'active',
  suspended: 'suspended',
  deleted: 'deleted',
};

/** One report users row per login. */
export function loginRow(login: Json, user: UserFacts): BaselineUser {
  const sis = str(login.sis_user_id);
  return {
    canvas_user_id: user.canvas_user_id,
    user_id: sis,
    integration_id: str(login.integration_id),
    authentication_provider_id: idStr(login.authentication_provider_id),
    login_id: str(login.unique_id),
    first_name: user.first_name,
    last_name: user.last_name,
    full_name: user.full_name,
    sortable_name: user.sortable_name,
    email: user.email,
    status: LOGIN_STATUS[str(login.workflow_state)] ?? 'active',
    created_by_sis: sis !== '',
  };
}

/**
 * A user listed only because of include_deleted_users has no live login to list: the report shows its deleted
 * login, whose SIS id and login the user object still carries.
 */
export function deletedLoginRow(user: UserFacts): BaselineUser {
  return {
    canvas_user_id: user.canvas_user_id,
    user_id: user.sis_user_id,
    integration_id: user.integration_id,
    authentication_provider_id: '',
    login_id: user.login_id,
    first_name: user.first_name,
    last_name: user.last_name,
    full_name: user.full_name,
    sortable_name: user.sortable_name,
    email: user.email,
    status: 'deleted',
    created_by_sis: user.sis_user_id !== '',
  };
}

const BASE_ROLE_NAME: Record<string, string> = {
  StudentEnrollment: 'student',
  TeacherEnrollment: 'teacher',
  TaEnrollment: 'ta',
  ObserverEnrollment: 'observer',
  DesignerEnrollment: 'designer',
};

const ENROLLMENT_STATUS: Record<string, BaselineEnrollment['status']> = {
  active: 'active',
  invited: 'invited',
  creation_pending: 'creation_pending',
  completed: 'concluded',
  inactive: 'inactive',
  deleted: 'deleted',
  rejected: 'rejected',
};

/** Every enrollment state, so the course listing includes concluded, inactive and deleted enrollments too. */
export const ALL_ENROLLMENT_STATES = Object.keys(ENROLLMENT_STATUS);

export function enrollmentRow(e: Json, userSis: SisLookup): BaselineEnrollment {
  const type = str(e.type);
  const role = str(e.role);
  const associated = idStr(e.associated_user_id);
  return {
    canvas_enrollment_id: idStr(e.id),
    canvas_course_id: idStr(e.course_id),
    course_id: str(e.sis_course_id),
    canvas_section_id: idStr(e.course_section_id),
    section_id: str(e.sis_section_id),
    canvas_user_id: idStr(e.user_id),
    user_id: str(e.sis_user_id),
    role: role === '' || role === type ? (BASE_ROLE_NAME[type] ?? role) : role,
    base_role_type: type,
    status: ENROLLMENT_STATUS[str(e.enrollment_state)] ?? 'active',
    canvas_associated_user_id: associated,
    associated_user_id: associated === '' ? '' : userSis(associated),
    created_by_sis: fromSis(e),
  };
}
