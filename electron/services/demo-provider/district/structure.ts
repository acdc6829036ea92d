import { hash3, pad } from './hash';
import type { ResolvedSpec } from './spec';
import type { SchoolLevel, SubjectDef } from './vocab';
import {
  CITIES,
  ELEMENTARY_SUBJECTS,
  GRADE_CODES,
  LEVEL_GRADES,
  LEVEL_SUFFIX,
  SCHOOL_NAME_ROOTS,
  SECONDARY_SUBJECTS,
} from './vocab';

/**
 * The shape of the district before any record exists: schools, students per grade, courses, class sections,
 * and how many users of each role there are. Everything here is small (≤ tens of thousands of rows).
 */
export interface SchoolPlan {
  no: number;
  code: string;
  id: string;
  name: string;
  level: SchoolLevel;
  identifier: string;
  grades: readonly number[];
  /** Students per grade, aligned with `grades`. */
  perGrade: number[];
  /** Student sequence number of the first student of each grade. */
  gradeStart: number[];
  students: number;
  teacherStart: number;
  teacherCount: number;
  aideStart: number;
  aideCount: number;
}

export interface CourseRow {
  id: string;
  schoolNo: number;
  grade: number;
  subject: SubjectDef;
  title: string;
  courseCode: string;
}

export interface ClassRow {
  id: string;
  course: CourseRow;
  schoolNo: number;
  grade: number;
  slot: number;
  section: number;
  sections: number;
  /** 1 = first semester, 2 = second, 3 = full year. */
  termMask: number;
  period: number;
  location: string;
  /** Teacher sequence numbers (into the teacher segment); coTeacher -1 when none. */
  teacher: number;
  coTeacher: number;
  /** First enrollment index and count: enrollments are laid out class by class. */
  enrStart: number;
  enrCount: number;
}

export interface DistrictPlan {
  spec: ResolvedSpec;
  name: string;
  districtId: string;
  domain: string;
  state: string;
  city: string;
  schools: SchoolPlan[];
  courses: CourseRow[];
  classes: ClassRow[];
  students: number;
  teachers: number;
  aides: number;
  /** District-level administrators first, then one per school. */
  admins: number;
  districtAdmins: number;
  parents: number;
}

const STATES = ['CA', 'TX', 'OH', 'WA', 'NC', 'GA', 'IL', 'CO', 'MN', 'VA'] as const;
const TEACHER_LOAD = 5;
const STUDENTS_PER_AIDE = 120;
const CHILDREN_PER_PARENT = 1.5;

function levels(n: number): SchoolLevel[] {
  if (n === 1) return ['high'];
  if (n === 2) return ['elementary', 'high'];
  const middle = Math.max(1, Math.round(n * 0.2));
  const high = Math.max(1, Math.round(n * 0.2));
  const elementary = n - middle - high;
  return [
    ...Array<SchoolLevel>(elementary).fill('elementary'),
    ...Array<SchoolLevel>(middle).fill('middle'),
    ...Array<SchoolLevel>(high).fill('high'),
  ];
}

function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]!++;
  return out;
}

function courseTitle(level: SchoolLevel, grade: number, subject: SubjectDef): string {
  const HIGH: Record<string, readonly string[]> = {
    MATH: ['Algebra I', 'Geometry', 'Algebra II', 'Precalculus'],
    SCI: ['Biology', 'Chemistry', 'Physics', 'Environmental Science'],
    SS: ['World History', 'World Geography', 'US History', 'Government and Economics'],
  };
  const special = level === 'high' ? HIGH[subject.code]?.[grade - 9] : undefined;
  if (special) return special;
  if (level === 'elementary') return `${grade === 0 ? 'Kindergarten' : `Grade ${grade}`} ${subject.name}`;
  return `${subject.name} ${grade}`;
}

function studentCount(spec: ResolvedSpec, gradeSlots: number): number {
  const K = spec.enrollmentsPerStudent;
  const perStudent =
    1 +
    K / (spec.classSize * TEACHER_LOAD) +
    1 / STUDENTS_PER_AIDE +
    (spec.parents ? 1 / CHILDREN_PER_PARENT : 0);
  const fixed = 2 + 2 * spec.schools;
  return Math.max(gradeSlots, Math.round((spec.users - fixed) / perStudent));
}

export function planDistrict(spec: ResolvedSpec): DistrictPlan {
  const { seed } = spec;
  const city = CITIES[seed % CITIES.length]!;
  const state = STATES[hash3(seed, 1, 0) % STATES.length]!;
  const width = Math.max(3, String(spec.schools).length);
  const schoolLevels = levels(spec.schools);
  const gradeSlots = schoolLevels.reduce((n, l) => n + LEVEL_GRADES[l].length, 0);
  const students = studentCount(spec, gradeSlots);
  const perSchool = distribute(
    students,
    schoolLevels.map((l) => LEVEL_GRADES[l].length),
  );

  let studentSeq = 0;
  const schools: SchoolPlan[] = schoolLevels.map((level, no) => {
    const code = pad(no + 1, width);
    const root = SCHOOL_NAME_ROOTS[(no + seed) % SCHOOL_NAME_ROOTS.length]!;
    const round = Math.floor(no / SCHOOL_NAME_ROOTS.length);
    const grades = LEVEL_GRADES[level];
    const perGrade = distribute(
      perSchool[no]!,
      grades.map(() => 1),
    );
    const gradeStart: number[] = [];
    for (const n of perGrade) {
      gradeStart.push(studentSeq);
      studentSeq += n;
    }
    return {
      no,
      code,
      id: `SCH-${code}`,
      name: `${root}${round > 0 ? ` ${round + 1}` : ''} ${LEVEL_SUFFIX[level]}`,
      level,
      identifier: `${String(600000 + (hash3(seed, 2, 0) % 300000))}${pad(no + 1, 6)}`,
      grades,
      perGrade,
      gradeStart,
      students: perSchool[no]!,
      teacherStart: 0,
      teacherCount: 0,
      aideStart: 0,
      aideCount: 0,
    };
  });

  const courses: CourseRow[] = [];
  const classes: ClassRow[] = [];
  for (const school of schools) {
    const subjects = school.level === 'elementary' ? ELEMENTARY_SUBJECTS : SECONDARY_SUBJECTS;
    const schoolClasses: ClassRow[] = [];
    school.grades.forEach((grade, gi) => {
      const gradeCode = GRADE_CODES[grade]!;
      const n = school.perGrade[gi]!;
      for (let slot = 0; slot < spec.enrollmentsPerStudent; slot++) {
        const subject = subjects[slot % subjects.length]!;
        const course: CourseRow = {
          id: `CRS-${school.code}-${gradeCode}-${subject.code}${slot >= subjects.length ? slot : ''}`,
          schoolNo: school.no,
          grade,
          subject,
          title: courseTitle(school.level, grade, subject),
          courseCode: `${subject.code}${gradeCode}`,
        };
        courses.push(course);
        const sections = Math.max(1, Math.ceil(n / spec.classSize));
        for (let section = 0; section < sections; section++) {
          schoolClasses.push({
            id: `CLS-${course.id.slice(4)}-${pad(section + 1, sections > 99 ? 3 : 2)}`,
            course,
            schoolNo: school.no,
            grade,
            slot,
            section,
            sections,
            termMask: school.level !== 'elementary' && subject.semester ? (section % 2 === 0 ? 1 : 2) : 3,
            period: ((slot + section) % 7) + 1,
            location: '',
            teacher: -1,
            coTeacher: -1,
            enrStart: 0,
            enrCount: 0,
          });
        }
      }
    });
    schoolClasses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    classes.push(...schoolClasses);
  }
  courses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  classes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Staff: teachers teach TEACHER_LOAD sections each, within their school.
  let teacherSeq = 0;
  let aideSeq = 0;
  const local = new Map<number, number>();
  for (const school of schools) {
    const mine = classes.filter((c) => c.schoolNo === school.no).length;
    school.teacherStart = teacherSeq;
    school.teacherCount = Math.max(1, Math.ceil(mine / TEACHER_LOAD));
    teacherSeq += school.teacherCount;
    school.aideStart = aideSeq;
    school.aideCount = Math.max(1, Math.round(school.students / STUDENTS_PER_AIDE));
    aideSeq += school.aideCount;
  }
  for (const cls of classes) {
    const school = schools[cls.schoolNo]!;
    const li = local.get(school.no) ?? 0;
    local.set(school.no, li + 1);
    const t = Math.floor(li / TEACHER_LOAD) % school.teacherCount;
    cls.teacher = school.teacherStart + t;
    cls.coTeacher =
      li % 8 === 3 && school.teacherCount > 1 ? school.teacherStart + ((t + 1) % school.teacherCount) : -1;
    cls.location = `Room ${100 + ((li * 7) % 180)}`;
  }

  const districtAdmins = 2;
  return {
    spec,
    name: `${city} Unified School District`,
    districtId: 'DIST-001',
    domain: `${city.toLowerCase()}usd.example.org`,
    state,
    city,
    schools,
    courses,
    classes,
    students,
    teachers: teacherSeq,
    aides: aideSeq,
    admins: districtAdmins + schools.length,
    districtAdmins,
    parents: spec.parents ? Math.ceil(students / CHILDREN_PER_PARENT) : 0,
  };
}

/** Students of one class section: every `sections`-th student of the grade, starting at `section`. */
export function sectionSize(gradeCount: number, section: number, sections: number): number {
  return section < gradeCount ? Math.floor((gradeCount - section - 1) / sections) + 1 : 0;
}
