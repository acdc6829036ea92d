import type { BaselineCourse, BaselineSection } from '../../../../shared/canvas/baseline';
import { builtInRole, CANVAS_MESSAGES as MSG } from '../../canvas-import-model';
import type { Sink } from './apply-structure';
import type { LiveCanvas } from './state';

/**
 * enrollments.csv and user_observers.csv, row after row on the live Canvas, following Canvas's enrollment
 * importer: the user's login by SIS id, then the course and section, then the role; an enrollment that exists for
 * the same section, user and role is updated. A deleted login makes an active row import as deleted, with a
 * warning (or skips it when the enrollment is already deleted).
 */

type Row = Readonly<Record<string, string>>;
const v = (row: Row, k: string) => row[k] ?? '';
const blank = (s: string) => s.trim() === '';

export function applyEnrollments(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  const customRoles = new Set(canvas.rows.enrollments.map((e) => e.role));
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const courseId = v(row, 'course_id');
    const sectionId = v(row, 'section_id');
    const userId = v(row, 'user_id');
    const role = v(row, 'role');
    const status = v(row, 'status');
    if (blank(courseId) && blank(sectionId)) return warn(MSG.enrollNoContext());
    if (blank(userId)) return warn(MSG.enrollNoUser());
    if (!/^(active|deleted|completed|inactive)/i.test(status)) return warn(MSG.enrollBadStatus(status));
    if (sink.skipDeletes && /deleted/i.test(status)) return;
    const pseudo = canvas.loginBySis(userId);
    if (!pseudo) return warn(MSG.enrollUserNotFound(userId, courseId, sectionId));
    let course: BaselineCourse | undefined = courseId ? canvas.course(courseId) : undefined;
    let section: BaselineSection | undefined = sectionId ? canvas.section(sectionId) : undefined;
    if (!course && !section) return warn(MSG.enrollNeither(courseId, sectionId, userId));
    if (sectionId !== '' && !section) return warn(MSG.enrollNoSection(sectionId));
    if (courseId !== '' && !course) return warn(MSG.enrollNoCourse(courseId));
    if (!section) {
      section = canvas.rows.sections.find(
        (s) => s.canvas_course_id === course!.canvas_course_id && s.status !== 'deleted',
      );
      if (!section) return warn(MSG.enrollNoSection(sectionId));
    }
    if (
      !course ||
      (course.canvas_course_id !== section.canvas_course_id &&
        section.canvas_nonxlist_course_id === course.canvas_course_id)
    )
      course = canvas.courseById(section.canvas_course_id);
    if (!course || course.canvas_course_id !== section.canvas_course_id)
      return warn(MSG.enrollUnrelated(sectionId, courseId, userId));
    const type = builtInRole(role) ?? (customRoles.has(role) ? role : null);
    if (type === null) return warn(MSG.enrollBadRole(role));

    let enrollment = canvas.enrollment(section.canvas_section_id, pseudo.canvas_user_id, type);
    const loginDeleted = pseudo.status === 'deleted';
    if (enrollment?.status === 'deleted' && loginDeleted && /^active/i.test(status))
      return warn(MSG.enrollDeletedLogin(pseudo.login_id, courseId));
    if (!enrollment) {
      enrollment = {
        canvas_enrollment_id: canvas.newId(),
        canvas_course_id: course.canvas_course_id,
        course_id: course.course_id,
        canvas_section_id: section.canvas_section_id,
        section_id: section.section_id,
        canvas_user_id: pseudo.canvas_user_id,
        user_id: userId,
        role,
        base_role_type: type,
        status: 'active',
        canvas_associated_user_id: '',
        associated_user_id: '',
        created_by_sis: true,
      };
      canvas.rows.enrollments.push(enrollment);
      canvas.note(enrollment);
    }
    if (/^active/i.test(status)) {
      if (!loginDeleted) enrollment.status = 'active';
      else {
        const other = canvas
          .loginsOfUser(pseudo.canvas_user_id)
          .some((l) => l.status !== 'deleted' && l.user_id !== userId);
        if (other) {
          enrollment.status = 'active';
          warn(MSG.enrollOtherLogin(userId, courseId));
        } else {
          enrollment.status = 'deleted';
          warn(MSG.enrollDeletedUser(userId, courseId));
        }
      }
    } else if (/^completed/i.test(status)) enrollment.status = 'completed';
    else if (/^inactive/i.test(status)) enrollment.status = 'inactive';
    else if (/^deleted/i.test(status)) enrollment.status = 'deleted';
    canvas.touched.add(enrollment);
    sink.count('enrollments');
  });
}

export function applyObservers(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const observer = v(row, 'observer_id');
    const student = v(row, 'student_id');
    if (!canvas.loginBySis(observer)) return warn(MSG.observerNoUser(observer));
    if (!canvas.loginBySis(student)) return warn(MSG.studentNoUser(student));
    sink.count('user_observers');
  });
}
