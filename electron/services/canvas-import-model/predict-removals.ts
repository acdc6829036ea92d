import type { BaselineEnrollment } from '../../../shared/canvas/baseline';
import type { ImportAbort, ImportRemoval } from '../../../shared/sync/prediction';
import type { CanvasRows } from './input';
import { MSG } from './messages';
import type { ImportOptions } from './params';
import { renamed, type Renames } from './predict-change-sis-id';
import type { Structure } from './predict-structure';

/**
 * Batch mode's cleanup (docs/canvas-importer.md "Batch mode"): after the rows are applied, SIS courses, sections and
 * enrollments of the batch term that this import did not name are deleted (enrollments get the drop status).
 * change_threshold is checked per type as removed ÷ SIS objects of the term × 100; over it Canvas aborts the
 * import before removing anything (the applied rows stay).
 */

export interface RemovalResult {
  removals: ImportRemoval[];
  abort: ImportAbort | null;
  /** SIS objects of the term per type (the threshold's denominator). */
  scope: { courses: number; sections: number; enrollments: number };
  /** What the cleanup would remove — also when change_threshold aborts it (the simulation compares these). */
  wouldRemove: ImportRemoval[];
}

const LIVE_ENROLLMENT = new Set([
  'active',
  'invited',
  'creation_pending',
  'completed',
  'concluded',
  'inactive',
]);

export function predictBatchRemovals(
  canvas: CanvasRows,
  renames: Renames,
  opts: ImportOptions,
  s: Structure,
  touchedEnrollments: ReadonlySet<BaselineEnrollment>,
  createdCounts: { courses: number; sections: number; enrollments: number },
): RemovalResult {
  const none: RemovalResult = {
    removals: [],
    abort: null,
    scope: { courses: 0, sections: 0, enrollments: 0 },
    wouldRemove: [],
  };
  if (opts.mode !== 'batch' || opts.multiTerm) return none;
  // Canvas resolves the batch term when it accepts the POST, before change_sis_id renames it.
  const found = canvas.terms.find(
    (t) =>
      t.status !== 'deleted' &&
      (opts.batchTermIsCanvasId ? t.canvas_term_id === opts.batchTerm : t.term_id === opts.batchTerm),
  );
  if (!found) return none;
  const term = renamed(renames, 'term', found.term_id);
  const courseSis = new Map(
    canvas.courses.map((c) => [c.canvas_course_id, renamed(renames, 'course', c.course_id)]),
  );
  /** The course's term once the import ran (a course the import names may move terms). */
  const termOf = (canvasCourseId: string): string | null => {
    const sis = courseSis.get(canvasCourseId) ?? '';
    if (s.touchedCourses.has(sis)) return s.courseTerm.get(sis) ?? null;
    const c = canvas.courses.find((x) => x.canvas_course_id === canvasCourseId);
    return c ? renamed(renames, 'term', c.term_id) : null;
  };
  const courseTerm = new Map<string, string | null>();
  for (const c of canvas.courses) courseTerm.set(c.canvas_course_id, termOf(c.canvas_course_id));
  const removals: ImportRemoval[] = [];
  const scope = { ...createdCounts };

  for (const c of canvas.courses) {
    const sis = courseSis.get(c.canvas_course_id)!;
    if (c.status === 'deleted' || sis === '' || courseTerm.get(c.canvas_course_id) !== term) continue;
    if (!c.created_by_sis && !s.touchedCourses.has(sis)) continue;
    scope.courses++;
    if (!s.touchedCourses.has(sis))
      removals.push({ type: 'courses', sisId: sis, canvasId: c.canvas_course_id, term, action: 'delete' });
  }
  for (const sec of canvas.sections) {
    const sis = renamed(renames, 'section', sec.section_id);
    const home = sec.canvas_nonxlist_course_id || sec.canvas_course_id;
    if (sec.status === 'deleted' || sis === '' || courseTerm.get(home) !== term) continue;
    if (!sec.created_by_sis && !s.touchedSections.has(sis)) continue;
    scope.sections++;
    if (!s.touchedSections.has(sis))
      removals.push({
        type: 'sections',
        sisId: sis,
        canvasId: sec.canvas_section_id,
        term,
        action: 'delete',
      });
  }
  const conclude = opts.dropStatus !== 'deleted';
  for (const e of canvas.enrollments) {
    if (!LIVE_ENROLLMENT.has(e.status) || courseTerm.get(e.canvas_course_id) !== term) continue;
    if (!e.created_by_sis && !touchedEnrollments.has(e)) continue;
    scope.enrollments++;
    if (touchedEnrollments.has(e)) continue;
    if (
      conclude &&
      (e.status === opts.dropStatus || (opts.dropStatus === 'completed' && e.status === 'concluded'))
    )
      continue;
    removals.push({
      type: 'enrollments',
      sisId: `${courseSis.get(e.canvas_course_id) ?? ''}|${renamed(renames, 'section', e.section_id)}|${renamed(renames, 'user', e.user_id)}|${e.role}`,
      canvasId: e.canvas_enrollment_id || `${e.canvas_section_id}:${e.canvas_user_id}`,
      term,
      action: conclude ? 'conclude' : 'delete',
    });
  }
  const threshold = opts.changeThreshold;
  if (threshold !== null) {
    for (const type of ['courses', 'sections', 'enrollments'] as const) {
      const n = removals.filter((r) => r.type === type).length;
      if (n > 0 && (n / Math.max(1, scope[type])) * 100 > threshold) {
        return {
          removals: [],
          abort: {
            code: 'change_threshold',
            workflowState: 'aborted',
            message: MSG.thresholdExceeded(n, type, threshold),
          },
          scope,
          wouldRemove: removals,
        };
      }
    }
  }
  return { removals, abort: null, scope, wouldRemove: removals };
}
