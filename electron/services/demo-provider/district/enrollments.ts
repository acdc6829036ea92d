import { hash3 } from './hash';
import type { JsonRecord, Table } from './model';
import { TABLE_FIELDS, jsonBase, ref, refJson } from './model';
import { calendar, modifiedAt } from './orgs-sessions';
import type { DistrictPlan } from './structure';
import { sectionSize } from './structure';
import type { UserLayout } from './users';
import { userId } from './users';
import { CITIES } from './vocab';

const TEACHER = 1;
const PRIMARY = 2;

/** Compact enrollment storage: 9 bytes per enrollment, laid out class by class (so sorted by sourcedId). */
export interface EnrollmentArrays {
  user: Int32Array;
  cls: Int32Array;
  flags: Uint8Array;
}

export function layoutEnrollments(plan: DistrictPlan, layout: UserLayout): EnrollmentArrays {
  let total = 0;
  for (const c of plan.classes) {
    const school = plan.schools[c.schoolNo]!;
    const gi = school.grades.indexOf(c.grade);
    c.enrStart = total;
    c.enrCount = sectionSize(school.perGrade[gi]!, c.section, c.sections) + 1 + (c.coTeacher >= 0 ? 1 : 0);
    total += c.enrCount;
  }
  const user = new Int32Array(total);
  const cls = new Int32Array(total);
  const flags = new Uint8Array(total);
  const studentStart = layout.starts[3]!;
  const teacherStart = layout.starts[4]!;
  let e = 0;
  plan.classes.forEach((c, ci) => {
    const school = plan.schools[c.schoolNo]!;
    const gi = school.grades.indexOf(c.grade);
    const base = studentStart + school.gradeStart[gi]!;
    for (let j = c.section; j < school.perGrade[gi]!; j += c.sections) {
      user[e] = base + j;
      cls[e++] = ci;
    }
    const teachers = [c.teacher, c.coTeacher].filter((t) => t >= 0).sort((a, b) => a - b);
    for (const t of teachers) {
      user[e] = teacherStart + t;
      cls[e] = ci;
      flags[e++] = TEACHER | (t === c.teacher ? PRIMARY : 0);
    }
  });
  return { user, cls, flags };
}

export function enrollmentsTable(plan: DistrictPlan, layout: UserLayout, arrays: EnrollmentArrays): Table {
  const cal = calendar(plan.spec.schoolYear);
  const dates = [
    null,
    [cal.terms[0].start, cal.terms[0].end],
    [cal.terms[1].start, cal.terms[1].end],
    [cal.terms[0].start, cal.terms[1].end],
  ] as const;
  const id = (i: number) =>
    `ENR-${plan.classes[arrays.cls[i]!]!.id.slice(4)}-${userId(layout, arrays.user[i]!)}`;
  const parts = (i: number) => {
    const c = plan.classes[arrays.cls[i]!]!;
    const f = arrays.flags[i]!;
    const span = dates[c.termMask]!;
    return {
      classId: c.id,
      userId: userId(layout, arrays.user[i]!),
      schoolId: plan.schools[c.schoolNo]!.id,
      modified: modifiedAt(plan, 15, i),
      role: f & TEACHER ? 'teacher' : 'student',
      primary: f & PRIMARY ? 'true' : 'false',
      begin: span[0],
      end: span[1],
    };
  };
  return {
    name: 'enrollments',
    size: arrays.user.length,
    fields: TABLE_FIELDS.enrollments,
    sortedById: true,
    id,
    build(i, ctx): JsonRecord {
      const p = parts(i);
      return {
        sourcedId: `ENR-${p.classId.slice(4)}-${p.userId}`,
        status: 'active',
        dateLastModified: p.modified,
        user: ref(ctx, 'users', p.userId, 'user'),
        class: ref(ctx, 'classes', p.classId, 'class'),
        school: ref(ctx, 'orgs', p.schoolId, 'org'),
        role: p.role,
        primary: p.primary,
        beginDate: p.begin,
        endDate: p.end,
      };
    },
    json(i, ctx): string {
      const p = parts(i);
      const base = jsonBase(ctx);
      return (
        `{"sourcedId":"ENR-${p.classId.slice(4)}-${p.userId}","status":"active","dateLastModified":"${p.modified}",` +
        `"user":${refJson(base, 'users', p.userId, 'user')},"class":${refJson(base, 'classes', p.classId, 'class')},` +
        `"school":${refJson(base, 'orgs', p.schoolId, 'org')},"role":"${p.role}","primary":"${p.primary}",` +
        `"beginDate":"${p.begin}","endDate":"${p.end}"}`
      );
    },
  };
}

const RACES = [
  'americanIndianOrAlaskaNative',
  'asian',
  'blackOrAfricanAmerican',
  'nativeHawaiianOrOtherPacificIslander',
  'white',
] as const;
/** Cumulative weights (per 100) for the single-race pick. */
const RACE_CUTS = [2, 10, 25, 27, 100];

/** One demographics record per student, sharing the student's sourcedId (as the spec recommends). */
export function demographicsTable(plan: DistrictPlan, layout: UserLayout): Table {
  const studentStart = layout.starts[3]!;
  const { seed, schoolYear } = plan.spec;
  return {
    name: 'demographics',
    size: plan.students,
    fields: TABLE_FIELDS.demographics,
    sortedById: true,
    id: (i) => userId(layout, studentStart + i),
    build(i): JsonRecord {
      const h = hash3(seed, 30, i);
      const grade = layout.grade[i]!;
      const birth = Date.UTC(schoolYear - 7 - grade, 8, 1) + (h % 365) * 86_400_000;
      const roll = (h >>> 9) % 100;
      const race = RACE_CUTS.findIndex((cut) => roll < cut);
      const multi = (h >>> 16) % 20 === 0;
      const rec: JsonRecord = {
        sourcedId: userId(layout, studentStart + i),
        status: 'active',
        dateLastModified: modifiedAt(plan, 16, i),
        birthDate: new Date(birth).toISOString().slice(0, 10),
        sex: (h >>> 3) % 2 === 0 ? 'female' : 'male',
      };
      RACES.forEach((r, k) => {
        rec[r] = k === race || (multi && k === (race + 2) % RACES.length) ? 'true' : 'false';
      });
      rec.demographicRaceTwoOrMoreRaces = multi ? 'true' : 'false';
      rec.hispanicOrLatinoEthnicity = (h >>> 20) % 4 === 0 ? 'true' : 'false';
      rec.countryOfBirthCode = 'US';
      rec.stateOfBirthAbbreviation = plan.state;
      rec.cityOfBirth = CITIES[(h >>> 12) % CITIES.length]!;
      return rec;
    },
  };
}
