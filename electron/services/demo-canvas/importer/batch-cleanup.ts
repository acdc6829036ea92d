import { CANVAS_MESSAGES as MSG } from '../../canvas-import-model';
import type { LiveCanvas } from './state';

/**
 * Batch mode's cleanup on the live Canvas, after every row ran: SIS courses, sections and enrollments of the batch
 * term that this import did not touch are deleted (enrollments get the drop status). Over change_threshold for
 * any type, the import is aborted and nothing is removed.
 */
export interface CleanupResult {
  courses: number;
  sections: number;
  enrollments: number;
  abort: string | null;
}

const LIVE = new Set(['active', 'invited', 'creation_pending', 'completed', 'concluded', 'inactive']);

export function batchCleanup(
  canvas: LiveCanvas,
  canvasTermId: string,
  dropStatus: 'deleted' | 'completed' | 'inactive',
  threshold: number | null,
): CleanupResult {
  const term = canvas.rows.terms.find((t) => t.canvas_term_id === canvasTermId);
  const none = { courses: 0, sections: 0, enrollments: 0, abort: null };
  if (!term) return none;
  const inTerm = (canvasCourseId: string) =>
    canvas.courseById(canvasCourseId)?.canvas_term_id === term.canvas_term_id;
  const sis = (o: { created_by_sis: boolean }) => o.created_by_sis || canvas.touched.has(o);
  const courses = canvas.rows.courses.filter(
    (c) => c.status !== 'deleted' && c.course_id !== '' && sis(c) && c.canvas_term_id === term.canvas_term_id,
  );
  const sections = canvas.rows.sections.filter(
    (s) =>
      s.status !== 'deleted' &&
      s.section_id !== '' &&
      sis(s) &&
      inTerm(s.canvas_nonxlist_course_id || s.canvas_course_id),
  );
  const enrollments = canvas.rows.enrollments.filter(
    (e) => LIVE.has(e.status) && sis(e) && inTerm(e.canvas_course_id),
  );
  const drop = {
    courses: courses.filter((c) => !canvas.touched.has(c)),
    sections: sections.filter((s) => !canvas.touched.has(s)),
    enrollments: enrollments.filter(
      (e) =>
        !canvas.touched.has(e) &&
        !(
          dropStatus !== 'deleted' &&
          (e.status === dropStatus || (dropStatus === 'completed' && e.status === 'concluded'))
        ),
    ),
  };
  const all = { courses: courses.length, sections: sections.length, enrollments: enrollments.length };
  if (threshold !== null) {
    for (const type of ['courses', 'sections', 'enrollments'] as const) {
      const n = drop[type].length;
      if (n > 0 && (n / Math.max(1, all[type])) * 100 > threshold)
        return { ...none, abort: MSG.thresholdExceeded(n, type, threshold) };
    }
  }
  for (const c of drop.courses) c.status = 'deleted';
  for (const s of drop.sections) s.status = 'deleted';
  for (const e of drop.enrollments) e.status = dropStatus;
  return {
    courses: drop.courses.length,
    sections: drop.sections.length,
    enrollments: drop.enrollments.length,
    abort: null,
  };
}
