import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';

/**
 * Baseline rows (report columns) → the JSON objects the Canvas REST API returns for them, so the double can serve
 * one generated baseline through both the read APIs and the provisioning report. Ids are numbers unless the
 * client asked for `application/json+canvas-string-ids`, as Canvas does.
 */
export type IdFn = (id: string) => string | number | null;

export const idFns = {
  strings: ((id: string) => (id === '' ? null : id)) as IdFn,
  numbers: ((id: string) => (id === '' ? null : Number(id))) as IdFn,
};

const orNull = (s: string): string | null => (s === '' ? null : s);
const sisImport = (sis: boolean): number | null => (sis ? 1 : null);

export function rootAccountJson(rootId: string, id: IdFn): Record<string, unknown> {
  return {
    id: id(rootId),
    name: 'Demo District Canvas',
    uuid: `root-${rootId}`,
    parent_account_id: null,
    root_account_id: null,
    sis_account_id: null,
    integration_id: null,
    sis_import_id: null,
    workflow_state: 'active',
  };
}

export function accountJson(a: BaselineAccount, rootId: string, id: IdFn): Record<string, unknown> {
  return {
    id: id(a.canvas_account_id),
    name: a.name,
    uuid: `acct-${a.canvas_account_id}`,
    parent_account_id: id(a.canvas_parent_id),
    root_account_id: id(rootId),
    sis_account_id: orNull(a.account_id),
    integration_id: null,
    sis_import_id: sisImport(a.created_by_sis),
    workflow_state: a.status,
  };
}

export function termJson(t: BaselineTerm, id: IdFn): Record<string, unknown> {
  return {
    id: id(t.canvas_term_id),
    name: t.name,
    start_at: orNull(t.start_date),
    end_at: orNull(t.end_date),
    workflow_state: t.status,
    sis_term_id: orNull(t.term_id),
    sis_import_id: sisImport(t.created_by_sis),
  };
}

const COURSE_STATE: Record<BaselineCourse['status'], string> = {
  unpublished: 'unpublished',
  active: 'available',
  concluded: 'completed',
  completed: 'completed',
  deleted: 'deleted',
};

export function courseJson(
  c: BaselineCourse,
  term: BaselineTerm | undefined,
  withTerm: boolean,
  id: IdFn,
): Record<string, unknown> {
  const restrict = c.start_date !== '' || c.end_date !== '';
  return {
    id: id(c.canvas_course_id),
    name: c.long_name,
    course_code: c.short_name,
    sis_course_id: orNull(c.course_id),
    integration_id: orNull(c.integration_id),
    sis_import_id: sisImport(c.created_by_sis),
    account_id: id(c.canvas_account_id),
    enrollment_term_id: id(c.canvas_term_id),
    workflow_state: COURSE_STATE[c.status],
    start_at: orNull(c.start_date),
    end_at: orNull(c.end_date),
    restrict_enrollments_to_course_dates: restrict,
    ...(withTerm
      ? {
          term:
            term === undefined
              ? null
              : {
                  id: id(term.canvas_term_id),
                  name: term.name,
                  start_at: orNull(term.start_date),
                  end_at: orNull(term.end_date),
                },
        }
      : {}),
  };
}

export function sectionJson(s: BaselineSection, id: IdFn): Record<string, unknown> {
  return {
    id: id(s.canvas_section_id),
    name: s.name,
    course_id: id(s.canvas_course_id),
    sis_course_id: orNull(s.course_id),
    sis_section_id: orNull(s.section_id),
    integration_id: orNull(s.integration_id),
    sis_import_id: sisImport(s.created_by_sis),
    start_at: orNull(s.start_date),
    end_at: orNull(s.end_date),
    restrict_enrollments_to_section_dates: s.start_date !== '' || s.end_date !== '',
    nonxlist_course_id: id(s.canvas_nonxlist_course_id),
  };
}

/** One API user per Canvas user: the first (preferably live) login supplies login_id and sis_user_id. */
export function userJson(logins: BaselineUser[], includeEmail: boolean, id: IdFn): Record<string, unknown> {
  const primary = logins.find((l) => l.status !== 'deleted') ?? logins[0]!;
  return {
    id: id(primary.canvas_user_id),
    name: primary.full_name,
    sortable_name: primary.sortable_name,
    short_name: primary.full_name,
    first_name: primary.first_name,
    last_name: primary.last_name,
    sis_user_id: orNull(primary.user_id),
    integration_id: orNull(primary.integration_id),
    sis_import_id: sisImport(primary.created_by_sis),
    login_id: primary.login_id,
    ...(includeEmail ? { email: orNull(primary.email) } : {}),
  };
}

/** A login (pseudonym); `loginId` is the double's own id for it (its row index). */
export function loginJson(
  l: BaselineUser,
  loginId: number,
  rootId: string,
  id: IdFn,
): Record<string, unknown> {
  return {
    id: id(String(loginId)),
    user_id: id(l.canvas_user_id),
    account_id: id(rootId),
    unique_id: l.login_id,
    sis_user_id: orNull(l.user_id),
    integration_id: orNull(l.integration_id),
    authentication_provider_id: id(l.authentication_provider_id),
    authentication_provider_type: l.authentication_provider_id === '' ? null : 'saml',
    workflow_state: l.status,
    declared_user_type: null,
  };
}

const ENROLLMENT_STATE: Record<BaselineEnrollment['status'], string> = {
  active: 'active',
  invited: 'invited',
  creation_pending: 'creation_pending',
  concluded: 'completed',
  completed: 'completed',
  inactive: 'inactive',
  deleted: 'deleted',
  rejected: 'rejected',
};

export const BASE_ROLE_NAME: Record<string, string> = {
  StudentEnrollment: 'student',
  TeacherEnrollment: 'teacher',
  TaEnrollment: 'ta',
  ObserverEnrollment: 'observer',
  DesignerEnrollment: 'designer',
};

export function enrollmentJson(e: BaselineEnrollment, id: IdFn): Record<string, unknown> {
  // The API's `role` is the role's name: the base type itself for built-in roles, the custom name otherwise.
  const builtIn = BASE_ROLE_NAME[e.base_role_type] === e.role;
  return {
    id: id(e.canvas_enrollment_id),
    course_id: id(e.canvas_course_id),
    sis_course_id: orNull(e.course_id),
    course_section_id: id(e.canvas_section_id),
    sis_section_id: orNull(e.section_id),
    user_id: id(e.canvas_user_id),
    sis_user_id: orNull(e.user_id),
    type: e.base_role_type,
    role: builtIn ? e.base_role_type : e.role,
    enrollment_state: ENROLLMENT_STATE[e.status],
    associated_user_id: id(e.canvas_associated_user_id),
    sis_import_id: sisImport(e.created_by_sis),
  };
}

export const ENROLLMENT_API_STATE = ENROLLMENT_STATE;
export const COURSE_API_STATE = COURSE_STATE;
