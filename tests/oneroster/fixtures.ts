import type { EntityKind } from '../../shared/oneroster/types';

/** Spec-valid OneRoster 1.1 JSON records, one per kind (the parser must report no issue for them). */
const ts = '2024-08-01T12:00:00.511Z';
const ref = (type: string, sourcedId: string) => ({
  href: `https://sis.example/${type}s/${sourcedId}`,
  sourcedId,
  type,
});

export const VALID: Record<EntityKind, Record<string, unknown>> = {
  org: {
    sourcedId: 'sch-1',
    status: 'active',
    dateLastModified: ts,
    name: 'Lincoln High',
    type: 'school',
    identifier: '0600001',
    parent: ref('org', 'dist-1'),
    children: [],
  },
  academicSession: {
    sourcedId: 'term-1',
    status: 'active',
    dateLastModified: ts,
    title: 'Fall 2024',
    type: 'semester',
    startDate: '2024-08-15',
    endDate: '2024-12-20',
    parent: ref('academicSession', 'sy-2025'),
    schoolYear: '2025',
  },
  course: {
    sourcedId: 'crs-1',
    status: 'active',
    dateLastModified: ts,
    title: 'Algebra I',
    courseCode: 'MATH-101',
    schoolYear: ref('academicSession', 'sy-2025'),
    grades: ['09', '10'],
    subjects: ['Mathematics'],
    org: ref('org', 'sch-1'),
  },
  class: {
    sourcedId: 'cls-1',
    status: 'active',
    dateLastModified: ts,
    title: 'Algebra I - P1',
    classCode: 'ALG1-P1',
    classType: 'scheduled',
    location: 'Room 19',
    course: ref('course', 'crs-1'),
    school: ref('org', 'sch-1'),
    terms: [ref('academicSession', 'term-1')],
    periods: ['1'],
    grades: ['09'],
    subjects: ['Mathematics'],
  },
  user: {
    sourcedId: 'usr-1',
    status: 'active',
    dateLastModified: ts,
    username: 'jdoe',
    userIds: [{ type: 'LDAP', identifier: 'jdoe@example.org' }],
    enabledUser: 'true',
    givenName: 'Jane',
    familyName: 'Doe',
    middleName: 'Q',
    role: 'student',
    identifier: '12345',
    email: 'jdoe@example.org',
    sms: '',
    phone: '',
    agents: [ref('user', 'usr-9')],
    orgs: [ref('org', 'sch-1')],
    grades: ['09'],
  },
  enrollment: {
    sourcedId: 'enr-1',
    status: 'active',
    dateLastModified: ts,
    user: ref('user', 'usr-1'),
    class: ref('class', 'cls-1'),
    school: ref('org', 'sch-1'),
    role: 'teacher',
    primary: 'true',
    beginDate: '2024-08-15',
    endDate: '2024-12-20',
  },
  demographics: {
    sourcedId: 'usr-1',
    status: 'active',
    dateLastModified: ts,
    birthDate: '2009-04-02',
    sex: 'female',
    americanIndianOrAlaskaNative: 'false',
  },
};

export function valid(kind: EntityKind, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const copy = structuredClone(VALID[kind]);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete copy[k];
    else copy[k] = v;
  }
  return copy;
}
