import type { BaselineCourse, BaselineSection } from '../../../shared/canvas/baseline';
import type { CourseRow, EnrollmentRow, SectionRow } from '../../../shared/plan/types';
import { assignLevel } from './assign';
import { nameKey, type BaselineIndex } from './index-baseline';
import { markAmbiguous } from './match-terms-accounts';
import { baseMatch, makeProposal, sameText, type Match } from './model';

/**
 * Courses: same SIS id (kept unless a deleted holder with another name: a collision); else the same long name,
 * the same Canvas term and a shared teacher (the planned teachers' matched Canvas users). Sections: same SIS id;
 * else the same name inside the Canvas course their planned course matched (its home course when crosslisted).
 */

export interface CourseMatchInput {
  courses: readonly CourseRow[];
  sections: readonly SectionRow[];
  enrollments: readonly EnrollmentRow[];
  index: BaselineIndex;
  /** Planned term id → the Canvas term it lands on (null: a new term). */
  canvasTermOf: (termId: string) => string | null;
  /** Planned user id → the Canvas user it lands on (null: a new user). */
  canvasUserOf: (userId: string) => string | null;
}

export interface CourseMatches {
  courses: Match[];
  sections: Match[];
}

const courseHolder = (c: BaselineCourse) => ({
  canvasId: c.canvas_course_id,
  sisId: c.course_id,
  name: c.long_name,
  status: c.status,
});
const sectionHolder = (s: BaselineSection) => ({
  canvasId: s.canvas_section_id,
  sisId: s.section_id,
  name: s.name,
  status: s.status,
});

function keepOrTaken(
  m: Match,
  h: { canvasId: string; sisId: string; name: string; status: string },
  plausible: boolean,
): void {
  if (plausible) {
    Object.assign(m, {
      status: 'keep',
      canvasId: h.canvasId,
      canvasSisId: h.sisId,
      canvasName: h.name,
      canvasStatus: h.status,
      matchKey: 'sis_id',
    } satisfies Partial<Match>);
  } else m.taken = { canvasId: h.canvasId, sisId: h.sisId, name: h.name, status: h.status };
}

export function matchCoursesAndSections(input: CourseMatchInput): CourseMatches {
  const { courses, sections, index } = input;
  const teachersOfPlanned = new Map<string, Set<string>>();
  for (const e of input.enrollments) {
    if (e.role !== 'teacher' || e.status === 'deleted') continue;
    const canvasUser = input.canvasUserOf(e.user_id);
    if (canvasUser === null) continue;
    let set = teachersOfPlanned.get(e.course_id);
    if (!set) teachersOfPlanned.set(e.course_id, (set = new Set()));
    set.add(canvasUser);
  }

  const courseMatches = courses.map((c) =>
    baseMatch('courses', c.course_id, c.source, c.sourceType, c.long_name),
  );
  const claimed = new Set<string>();
  const open: number[] = [];
  courses.forEach((c, i) => {
    const rows = index.courseBySisId.get(c.course_id);
    const h = rows?.find((r) => r.status !== 'deleted') ?? rows?.[0];
    if (h === undefined) {
      open.push(i);
      return;
    }
    claimed.add(h.canvas_course_id);
    keepOrTaken(
      courseMatches[i]!,
      courseHolder(h),
      h.status !== 'deleted' || sameText(h.long_name, c.long_name),
    );
  });
  const level = assignLevel(
    open,
    (i) => {
      const c = courses[i]!;
      const term = c.term_id === '' ? '' : input.canvasTermOf(c.term_id);
      const teachers = teachersOfPlanned.get(c.course_id);
      if (term === null || !teachers?.size) return [];
      return (index.courseByName.get(nameKey(c.long_name)) ?? [])
        .filter((k) => k.course_id !== '' && k.canvas_term_id === term)
        .filter((k) => [...(index.teachersOf.get(k.canvas_course_id) ?? [])].some((t) => teachers.has(t)))
        .map((k) => k.canvas_course_id);
    },
    claimed,
  );
  for (const [i, canvasId] of level.assigned) {
    const c = courses[i]!;
    const raw = index.courseByCanvasId.get(canvasId)!;
    const k = courseHolder(raw);
    const m = courseMatches[i]!;
    Object.assign(m, {
      status: 'remap',
      canvasId,
      canvasSisId: k.sisId,
      canvasName: k.name,
      canvasStatus: k.status,
      matchKey: 'name+term+teacher',
    } satisfies Partial<Match>);
    m.proposal = makeProposal({
      type: 'course',
      oldId: k.sisId,
      newId: c.course_id,
      canvasId,
      source: c.source,
      name: c.long_name,
      matchKey: 'name+term+teacher',
      confidence: 'high',
      ruleId: 'CNV-COURSE-REMAP',
      evidence: [
        { field: 'name', canvas: raw.long_name, roster: c.long_name },
        { field: 'term', canvas: raw.term_id, roster: c.term_id },
        { field: 'sis_id', canvas: raw.course_id, roster: c.source },
      ],
    });
  }
  for (const [i, a] of level.ambiguous) {
    markAmbiguous(
      courseMatches,
      i,
      a,
      'name+term+teacher',
      (id) => index.courseByCanvasId.get(id)!.course_id,
    );
  }

  const courseMatchOf = new Map(courses.map((c, i) => [c.course_id, courseMatches[i]!]));
  return { courses: courseMatches, sections: matchSections(sections, index, courseMatchOf) };
}

function matchSections(
  sections: readonly SectionRow[],
  index: BaselineIndex,
  courseMatchOf: ReadonlyMap<string, Match>,
): Match[] {
  const matches = sections.map((s) => baseMatch('sections', s.section_id, s.source, 'class', s.name));
  const claimed = new Set<string>();
  const open: number[] = [];
  sections.forEach((s, i) => {
    const rows = index.sectionBySisId.get(s.section_id);
    const h = rows?.find((r) => r.status !== 'deleted') ?? rows?.[0];
    if (h === undefined) {
      open.push(i);
      return;
    }
    claimed.add(h.canvas_section_id);
    keepOrTaken(matches[i]!, sectionHolder(h), h.status !== 'deleted' || sameText(h.name, s.name));
  });
  // Only inside a course the plan already found (kept or proposed): a section never decides its course.
  const level = assignLevel(
    open,
    (i) => {
      const s = sections[i]!;
      const course = courseMatchOf.get(s.course_id);
      if (!course?.canvasId || course.status === 'create') return [];
      return (index.sectionsOfHomeCourse.get(course.canvasId) ?? [])
        .filter((k) => k.section_id !== '' && sameText(k.name, s.name))
        .map((k) => k.canvas_section_id);
    },
    claimed,
  );
  for (const [i, canvasId] of level.assigned) {
    const s = sections[i]!;
    const k = index.sectionByCanvasId.get(canvasId)!;
    const course = courseMatchOf.get(s.course_id)!;
    const m = matches[i]!;
    Object.assign(m, {
      status: 'remap',
      canvasId,
      canvasSisId: k.section_id,
      canvasName: k.name,
      canvasStatus: k.status,
      matchKey: 'name',
    } satisfies Partial<Match>);
    m.proposal = makeProposal({
      type: 'section',
      oldId: k.section_id,
      newId: s.section_id,
      canvasId,
      source: s.source,
      name: s.name,
      matchKey: 'name',
      confidence: course.proposal?.confidence ?? 'high',
      ruleId: 'CNV-COURSE-REMAP',
      evidence: [
        { field: 'name', canvas: k.name, roster: s.name },
        { field: 'sis_id', canvas: k.section_id, roster: s.source },
      ],
    });
  }
  for (const [i, a] of level.ambiguous) {
    markAmbiguous(matches, i, a, 'name', (id) => index.sectionByCanvasId.get(id)!.section_id);
  }
  return matches;
}
