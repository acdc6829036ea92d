import type { BaselineEnrollment } from '../../../shared/canvas/baseline';
import type { SkipCause } from '../../../shared/sync/prediction';
import { blank, cell, type ImportFile } from './input';
import { builtInRole, MSG } from './messages';
import { FileOutcomes } from './outcome';
import type { ImportOptions } from './params';
import type { Structure } from './predict-structure';
import type { UserState } from './predict-users';
import { enrollmentKey, type CanvasView } from './view';

/**
 * enrollments.csv and user_observers.csv (docs/canvas-importer.md "Enrollments"): the user must have a login with
 * that SIS id and the course/section must exist once the earlier files ran — an enrollment of a skipped user, or
 * in a skipped course or section, is skipped with Canvas's message (cause `cascade`). Enrolling a user whose login
 * stays deleted imports the enrollment as deleted, with a warning.
 */

export interface EnrollmentResult {
  outcomes: FileOutcomes[];
  /** Canvas enrollments this import names (batch mode keeps them), by canvas_enrollment_id. */
  touched: Set<BaselineEnrollment>;
  /** SIS term of each counted enrollment row, by row index. */
  termOfRow: Map<number, string | null>;
}

const STATUS_OF: Record<string, string> = {
  active: 'active',
  invited: 'active',
  creation_pending: 'active',
  completed: 'completed',
  concluded: 'completed',
  inactive: 'inactive',
  deleted: 'deleted',
  rejected: 'deleted',
};

export function predictEnrollments(
  files: Map<string, ImportFile>,
  view: CanvasView,
  opts: ImportOptions,
  s: Structure,
  users: UserState,
  canvasEnrollments: readonly BaselineEnrollment[],
): EnrollmentResult {
  const result: EnrollmentResult = { outcomes: [], touched: new Set(), termOfRow: new Map() };
  const customRoles = new Set(canvasEnrollments.map((e) => e.role));
  const file = files.get('enrollments');
  if (file) {
    const out = new FileOutcomes(file);
    result.outcomes.push(out);
    file.rows.forEach((row, i) => {
      const course = cell(row, 'course_id');
      const section = cell(row, 'section_id');
      const user = cell(row, 'user_id');
      const role = cell(row, 'role');
      const status = cell(row, 'status');
      const sisId = `${course}|${section}|${user}|${role}`;
      const skip = (message: string, cause: SkipCause) =>
        out.add(
          i,
          sisId,
          cause === 'missing_value' || cause === 'bad_status' || cause === 'bad_role' ? 'error' : 'skip',
          { message, cause },
        );
      if (blank(course) && blank(section)) return skip(MSG.enrollNoContext(), 'missing_value');
      if (blank(user)) return skip(MSG.enrollNoUser(), 'missing_value');
      if (!/^(active|deleted|completed|inactive)/i.test(status))
        return skip(MSG.enrollBadStatus(status), 'bad_status');
      if (opts.skipDeletes && /deleted/i.test(status)) return void out.add(i, sisId, 'skip');
      if (!users.loginDeleted.has(user))
        return skip(
          MSG.enrollUserNotFound(user, course, section),
          users.skipped.has(user) ? 'cascade' : 'unknown_user',
        );
      const hasCourse = course !== '' && s.courseTerm.has(course);
      const hasSection = section !== '' && s.sectionCourse.has(section);
      const cascade = s.skippedCourses.has(course) || s.skippedSections.has(section) ? 'cascade' : null;
      if (!hasCourse && !hasSection)
        return skip(MSG.enrollNeither(course, section, user), cascade ?? 'unknown_course');
      if (section !== '' && !hasSection)
        return skip(MSG.enrollNoSection(section), cascade ?? 'unknown_section');
      if (course !== '' && !hasCourse) return skip(MSG.enrollNoCourse(course), cascade ?? 'unknown_course');
      const existingSection = section !== '' ? view.sections.get(section) : undefined;
      const home = existingSection?.nonxlist_course_id
        ? view.courseSisOf(existingSection.canvas_nonxlist_course_id)
        : '';
      const sectionCourse = section !== '' ? s.sectionCourse.get(section)! : course;
      if (course !== '' && section !== '' && sectionCourse !== course && home !== course)
        return skip(MSG.enrollUnrelated(section, course, user), 'unknown_section');
      if (builtInRole(role) === null && !customRoles.has(role))
        return skip(MSG.enrollBadRole(role), 'bad_role');

      const canvasUser = users.canvasUser.get(user) ?? null;
      const existing =
        existingSection && canvasUser !== null
          ? view.enrollments.get(enrollmentKey(existingSection.canvas_section_id, canvasUser, role))
          : undefined;
      if (existing) result.touched.add(existing);
      const planned = status.toLowerCase().startsWith('deleted')
        ? 'deleted'
        : status.toLowerCase().replace(/^(active|completed|inactive).*$/, '$1');
      let message: string | null = null;
      if (users.loginDeleted.get(user) && planned === 'active') {
        const login = view.logins.get(user);
        if (existing?.status === 'deleted')
          return skip(MSG.enrollDeletedLogin(login?.login_id ?? '', course), 'deleted_user');
        const others =
          canvasUser === null
            ? []
            : (view.loginsOfUser.get(canvasUser) ?? []).filter(
                (l) => l.status !== 'deleted' && view.sisOf.get(l) !== user,
              );
        message =
          others.length > 0 ? MSG.enrollOtherLogin(user, course) : MSG.enrollDeletedUser(user, course);
      }
      result.termOfRow.set(i, s.courseTerm.get(sectionCourse) ?? null);
      if (!existing) return void out.add(i, sisId, 'create', { message });
      const current = STATUS_OF[existing.status] ?? existing.status;
      out.add(i, sisId, current === planned ? 'unchanged' : 'update', { message });
    });
  }
  const observers = files.get('user_observers');
  if (observers) {
    const out = new FileOutcomes(observers);
    result.outcomes.push(out);
    observers.rows.forEach((row, i) => {
      const observer = cell(row, 'observer_id');
      const student = cell(row, 'student_id');
      const id = `${observer}|${student}`;
      if (!users.loginDeleted.has(observer))
        return void out.add(i, id, 'skip', {
          message: MSG.observerNoUser(observer),
          cause: users.skipped.has(observer) ? 'cascade' : 'unknown_user',
        });
      if (!users.loginDeleted.has(student))
        return void out.add(i, id, 'skip', {
          message: MSG.studentNoUser(student),
          cause: users.skipped.has(student) ? 'cascade' : 'unknown_user',
        });
      out.add(i, id, 'create');
    });
  }
  return result;
}
