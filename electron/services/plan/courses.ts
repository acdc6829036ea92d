import type { MappingOptions } from '../../../shared/mapping/options';
import type { CourseRow, SectionRow } from '../../../shared/plan/types';
import { compareStrings, statusOf, type OptionLists } from './collect';
import type { AccountPlan } from './accounts';
import type { ClassIn, CourseIn } from './read';
import { renderTemplate, type TemplateVars } from './templates';
import type { TermPlan } from './terms';

/** Where each class lands: its Canvas course (and account/term); names are rendered later (they may need teachers). */
export interface CourseLayout {
  /** class sourcedId → Canvas course_id. */
  courseOfClass: Map<string, string>;
  groups: Map<string, CourseGroup>;
}

interface CourseGroup {
  courseId: string;
  /** The OneRoster course when grouped per course+term+school; null = one course per class. */
  course: CourseIn | null;
  classes: ClassIn[];
  accountId: string;
  termId: string;
}

export function layoutCourses(
  classes: readonly ClassIn[],
  courses: ReadonlyMap<string, CourseIn>,
  accounts: AccountPlan,
  terms: TermPlan,
  options: MappingOptions,
): CourseLayout {
  const courseOfClass = new Map<string, string>();
  const groups = new Map<string, CourseGroup>();
  for (const cls of classes) {
    const accountId = accounts.accountOf(cls.schoolId);
    const termId = terms.termOfClass.get(cls.id) ?? '';
    const course = cls.courseId === null ? undefined : courses.get(cls.courseId);
    // A class without a known catalog course cannot be grouped: it keeps a course of its own.
    const grouped = options.courseMode === 'perCourseTermSchool' && course !== undefined;
    const courseId = grouped ? [course.id, termId, accountId].filter((p) => p !== '').join('-') : cls.id;
    let group = groups.get(courseId);
    if (!group) {
      group = { courseId, course: grouped ? course : null, classes: [], accountId, termId };
      groups.set(courseId, group);
    }
    group.classes.push(cls);
    courseOfClass.set(cls.id, courseId);
  }
  return { courseOfClass, groups };
}

export interface NameContext {
  courses: ReadonlyMap<string, CourseIn>;
  accounts: AccountPlan;
  terms: TermPlan;
  /** Family name of the class's primary teacher ('' when none or not needed). */
  teacherLastName(classId: string): string;
}

/** Courses and sections with rendered names, sorted by id. */
export function buildCourses(
  layout: CourseLayout,
  ctx: NameContext,
  options: MappingOptions,
  optionLists: OptionLists,
): { courses: CourseRow[]; sections: SectionRow[] } {
  const courses: CourseRow[] = [];
  const sections: SectionRow[] = [];
  const sectionOptions = optionLists.of(`sectionNameTemplate=${options.sectionNameTemplate}`);
  for (const group of layout.groups.values()) {
    const first = group.classes[0]!;
    const vars = group.course ? groupVars(group, ctx) : classVars(first, ctx);
    const fallback = group.course ? group.course.title || group.courseId : first.title || first.id;
    const row: CourseRow = {
      course_id: group.courseId,
      short_name: renderTemplate(options.courseShortNameTemplate, vars) || fallback,
      long_name: renderTemplate(options.courseLongNameTemplate, vars) || fallback,
      account_id: group.accountId,
      term_id: group.termId,
      status: statusOf(group.classes.some((c) => c.active)),
      source: group.course ? group.course.id : first.id,
      sourceType: group.course ? 'course' : 'class',
      options: optionLists.of(
        `courseMode=${group.course ? 'perCourseTermSchool' : 'perClass'}`,
        `courseShortNameTemplate=${options.courseShortNameTemplate}`,
        `courseLongNameTemplate=${options.courseLongNameTemplate}`,
      ),
    };
    if (group.course) row.sources = group.classes.map((c) => c.id);
    courses.push(row);
    for (const cls of group.classes) {
      sections.push({
        section_id: cls.id,
        course_id: group.courseId,
        name: renderTemplate(options.sectionNameTemplate, classVars(cls, ctx)) || cls.title || cls.id,
        status: statusOf(cls.active),
        source: cls.id,
        options: sectionOptions,
      });
    }
  }
  courses.sort((a, b) => compareStrings(a.course_id, b.course_id));
  sections.sort((a, b) => compareStrings(a.section_id, b.section_id));
  return { courses, sections };
}

function classVars(cls: ClassIn, ctx: NameContext): TemplateVars {
  const course = cls.courseId === null ? undefined : ctx.courses.get(cls.courseId);
  const termId = ctx.terms.termOfClass.get(cls.id) ?? '';
  return {
    title: cls.title,
    classCode: cls.classCode || course?.courseCode || '',
    courseCode: course?.courseCode ?? '',
    courseTitle: course?.title ?? '',
    period: cls.periods.join(', '),
    teacherLastName: ctx.teacherLastName(cls.id),
    termTitle: ctx.terms.termName.get(termId) ?? '',
    schoolName: ctx.accounts.accountName(ctx.accounts.accountOf(cls.schoolId)),
  };
}

/** A grouped course is named after the catalog course: {title}/{classCode} are its title/courseCode. */
function groupVars(group: CourseGroup, ctx: NameContext): TemplateVars {
  const course = group.course!;
  return {
    title: course.title,
    classCode: course.courseCode ?? '',
    courseCode: course.courseCode ?? '',
    courseTitle: course.title,
    period: '',
    teacherLastName: '',
    termTitle: ctx.terms.termName.get(group.termId) ?? '',
    schoolName: ctx.accounts.accountName(group.accountId),
  };
}
