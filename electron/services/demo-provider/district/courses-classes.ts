import type { JsonRecord, Table } from './model';
import { ref, rowTable } from './model';
import { modifiedAt, schoolYearId, termId } from './orgs-sessions';
import type { DistrictPlan } from './structure';
import { GRADE_CODES } from './vocab';

export function coursesTable(plan: DistrictPlan): Table {
  const syId = schoolYearId(plan);
  return rowTable('courses', plan.courses, (row, i, ctx): JsonRecord => ({
    sourcedId: row.id,
    status: 'active',
    dateLastModified: modifiedAt(plan, 12, i),
    title: row.title,
    schoolYear: ref(ctx, 'academicSessions', syId, 'academicSession'),
    courseCode: row.courseCode,
    grades: [GRADE_CODES[row.grade]!],
    subjects: [row.subject.name],
    org: ref(ctx, 'orgs', plan.schools[row.schoolNo]!.id, 'org'),
    subjectCodes: [row.subject.sced],
  }));
}

/**
 * Semester classes point at their school's semester. Full-year classes list both semesters and the school year
 * that contains them, as clean SIS feeds do: the containing session is then the unambiguous Canvas term.
 */
export function classTermIds(plan: DistrictPlan, termMask: number, schoolCode: string): string[] {
  const out: string[] = [];
  if (termMask & 1) out.push(termId(plan, schoolCode, 0));
  if (termMask & 2) out.push(termId(plan, schoolCode, 1));
  if (termMask === 3) out.push(schoolYearId(plan));
  return out;
}

export function classesTable(plan: DistrictPlan): Table {
  return rowTable('classes', plan.classes, (row, i, ctx): JsonRecord => {
    const school = plan.schools[row.schoolNo]!;
    const homeroom = row.course.subject.code === 'HR';
    return {
      sourcedId: row.id,
      status: 'active',
      dateLastModified: modifiedAt(plan, 13, i),
      title: row.sections > 1 ? `${row.course.title} - Section ${row.section + 1}` : row.course.title,
      classCode: `${row.course.courseCode}-${String(row.section + 1).padStart(2, '0')}`,
      classType: homeroom ? 'homeroom' : 'scheduled',
      location: row.location,
      grades: [GRADE_CODES[row.grade]!],
      subjects: [row.course.subject.name],
      course: ref(ctx, 'courses', row.course.id, 'course'),
      school: ref(ctx, 'orgs', school.id, 'org'),
      terms: classTermIds(plan, row.termMask, school.code).map((t) =>
        ref(ctx, 'academicSessions', t, 'academicSession'),
      ),
      subjectCodes: [row.course.subject.sced],
      periods: [String(row.period)],
    };
  });
}
