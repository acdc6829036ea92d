import { classesTable, coursesTable } from './courses-classes';
import { applyDefects } from './defects';
import { demographicsTable, enrollmentsTable, layoutEnrollments } from './enrollments';
import type { GeneratedDistrict } from './model';
import { orgsTable, sessionsTable } from './orgs-sessions';
import type { DistrictSpec } from './spec';
import { resolveSpec } from './spec';
import { planDistrict } from './structure';
import { layoutUsers, usersTable } from './users';

/** Builds a realistic, clean district; the same spec (and seed) always gives byte-identical records. */
export function generateDistrict(spec: DistrictSpec = {}): GeneratedDistrict {
  const resolved = resolveSpec(spec);
  const plan = planDistrict(resolved);
  const layout = layoutUsers(plan);
  const enrollments = layoutEnrollments(plan, layout);
  const sessions = sessionsTable(plan);
  const countType = (type: string) => {
    let n = 0;
    for (let i = 0; i < sessions.size; i++) if (sessions.build(i, { baseUrl: '' }).type === type) n++;
    return n;
  };
  const district: GeneratedDistrict = {
    spec: resolved,
    name: plan.name,
    districtId: plan.districtId,
    schoolIds: plan.schools.map((s) => s.id),
    counts: {
      orgs: plan.schools.length + 1,
      schools: plan.schools.length,
      academicSessions: sessions.size,
      terms: countType('term'),
      gradingPeriods: countType('gradingPeriod'),
      courses: plan.courses.length,
      classes: plan.classes.length,
      users: layout.total,
      students: plan.students,
      teachers: plan.teachers,
      parents: plan.parents,
      enrollments: enrollments.user.length,
      demographics: plan.students,
    },
    tables: {
      orgs: orgsTable(plan),
      academicSessions: sessions,
      courses: coursesTable(plan),
      classes: classesTable(plan),
      users: usersTable(plan, layout),
      enrollments: enrollmentsTable(plan, layout, enrollments),
      demographics: demographicsTable(plan, layout),
    },
  };
  return applyDefects(district, resolved.defects);
}

export function isGeneratedDistrict(value: unknown): value is GeneratedDistrict {
  return typeof value === 'object' && value !== null && 'tables' in value && 'counts' in value;
}
