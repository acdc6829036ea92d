import {
  generateDistrict,
  type DistrictSpec,
  type GeneratedDistrict,
  type JsonRecord,
} from '../demo-provider';
import { mulberry32 } from '../demo-provider/district/hash';
import { plannedTerms } from './planned-terms';
import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';

/**
 * A deterministic Canvas baseline derived from a demo district, as a previous SIS integration would have left
 * it: every object SIS-created with the OneRoster sourcedIds, plus the conversion scenarios asked for. `expected`
 * says exactly which records each scenario touched, so conversion tests can assert against it.
 */

export interface BaselineScenarios {
  seed?: number;
  /** Share of users (0..1) not in Canvas yet: the sync will create them. */
  absentShare?: number;
  /** Share of users whose Canvas login carries an old SIS id (same login, same person). */
  oldSisIdShare?: number;
  /** Users whose username is a login owned by a different Canvas user (another person, another SIS id). */
  claimedLogins?: number;
  /** Users whose sourcedId is the SIS id of a different person's login in Canvas. */
  sisIdTaken?: number;
  /** Users present in Canvas only as a deleted login still holding their SIS id. */
  deletedHolders?: number;
  /** Users with a second, older login (another SIS id) on the same Canvas user. */
  multiLogin?: number;
  /** Schools whose sub-account carries an old SIS id (same name). */
  renamedSchools?: number;
  /** Terms that carry an old SIS id (same name and dates). */
  renamedTerms?: number;
  /** SIS courses with active enrollments and no counterpart in the district. */
  orphanCourses?: number;
  /** Sections crosslisted into the neighbouring class's course. */
  crosslisted?: number;
}

export interface BaselineExpectations {
  absentUsers: string[];
  remappedUsers: Array<{ sourcedId: string; oldUserId: string; loginId: string }>;
  claimedLogins: Array<{ sourcedId: string; loginId: string; holderUserId: string }>;
  takenSisIds: Array<{ sourcedId: string; holderLoginId: string }>;
  deletedHolders: string[];
  multiLogin: Array<{ sourcedId: string; extraUserId: string }>;
  renamedAccounts: Array<{ sourcedId: string; oldAccountId: string }>;
  renamedTerms: Array<{ sourcedId: string; oldTermId: string }>;
  orphanCourses: string[];
  crosslisted: Array<{ sectionId: string; fromCourseId: string; toCourseId: string }>;
}

/** The rows per type, as the provisioning report lists them (what the Canvas double serves). */
export interface BaselineRows {
  accounts: BaselineAccount[];
  terms: BaselineTerm[];
  courses: BaselineCourse[];
  sections: BaselineSection[];
  users: BaselineUser[];
  enrollments: BaselineEnrollment[];
}

export interface GeneratedBaseline {
  district: GeneratedDistrict;
  accounts: BaselineAccount[];
  terms: BaselineTerm[];
  courses: BaselineCourse[];
  sections: BaselineSection[];
  users: BaselineUser[];
  enrollments: BaselineEnrollment[];
  expected: BaselineExpectations;
}

const ROLE: Record<string, [string, string]> = {
  student: ['student', 'StudentEnrollment'],
  teacher: ['teacher', 'TeacherEnrollment'],
  aide: ['ta', 'TaEnrollment'],
};

function sid(r: unknown): string {
  return (r as { sourcedId: string }).sourcedId;
}

function all(district: GeneratedDistrict, name: keyof GeneratedDistrict['tables']): JsonRecord[] {
  const t = district.tables[name];
  const out: JsonRecord[] = [];
  for (let i = 0; i < t.size; i++) out.push(t.build(i, { baseUrl: '' }));
  return out;
}

function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function userRow(canvasId: number, u: JsonRecord, over: Partial<BaselineUser> = {}): BaselineUser {
  const first = String(u.givenName ?? '');
  const last = String(u.familyName ?? '');
  return {
    canvas_user_id: String(canvasId),
    user_id: sid(u),
    integration_id: '',
    authentication_provider_id: '',
    login_id: String(u.username ?? ''),
    first_name: first,
    last_name: last,
    full_name: `${first} ${last}`,
    sortable_name: `${last}, ${first}`,
    email: String(u.email ?? ''),
    status: 'active',
    created_by_sis: true,
    ...over,
  };
}

export function generateBaseline(
  spec: DistrictSpec | GeneratedDistrict = { preset: 'tiny' },
  s: BaselineScenarios = {},
): GeneratedBaseline {
  const district = 'tables' in spec ? spec : generateDistrict(spec);
  const rand = mulberry32(s.seed ?? 7);
  const expected: BaselineExpectations = {
    absentUsers: [],
    remappedUsers: [],
    claimedLogins: [],
    takenSisIds: [],
    deletedHolders: [],
    multiLogin: [],
    renamedAccounts: [],
    renamedTerms: [],
    orphanCourses: [],
    crosslisted: [],
  };

  // Accounts: the district under the root account (Canvas id 1, not listed by the report), schools under it.
  const accounts: BaselineAccount[] = [];
  const accountOf = new Map<string, BaselineAccount>();
  const orgs = all(district, 'orgs');
  orgs.forEach((org, i) => {
    const renamed = org.type === 'school' && expected.renamedAccounts.length < (s.renamedSchools ?? 0);
    const accountId = renamed ? `OLD-${sid(org)}` : sid(org);
    if (renamed) expected.renamedAccounts.push({ sourcedId: sid(org), oldAccountId: accountId });
    const parent = org.parent === undefined ? undefined : accountOf.get(sid(org.parent));
    const row: BaselineAccount = {
      canvas_account_id: String(100 + i),
      account_id: accountId,
      canvas_parent_id: parent?.canvas_account_id ?? '1',
      parent_account_id: parent?.account_id ?? '',
      name: String(org.name),
      status: 'active',
      created_by_sis: true,
    };
    accounts.push(row);
    accountOf.set(sid(org), row);
  });

  // Terms as the planner makes them (containing session, per-school copies merged), so only scenarios differ.
  const classes = all(district, 'classes');
  const termPlan = plannedTerms(orgs, all(district, 'academicSessions'), classes);
  const termOf = new Map<string, BaselineTerm>();
  const terms = termPlan.rows.map((t, i): BaselineTerm => {
    const renamed = i < (s.renamedTerms ?? 0);
    const termId = renamed ? `OLD-${t.term_id}` : t.term_id;
    if (renamed) expected.renamedTerms.push({ sourcedId: t.source, oldTermId: termId });
    const row: BaselineTerm = {
      canvas_term_id: String(200 + i),
      term_id: termId,
      name: t.name,
      status: t.status,
      start_date: t.start_date,
      end_date: t.end_date,
      created_by_sis: true,
    };
    termOf.set(t.term_id, row);
    return row;
  });

  // One course and one section per class, both keyed by the class sourcedId.
  const courses: BaselineCourse[] = [];
  const sections: BaselineSection[] = [];
  const sectionOf = new Map<string, BaselineSection>();
  const courseById = new Map<string, BaselineCourse>();
  const addCourse = (
    courseId: string,
    name: string,
    code: string,
    school: string,
    termId: string | undefined,
  ) => {
    const account = accountOf.get(school);
    const term = termId === undefined ? undefined : termOf.get(termId);
    const course: BaselineCourse = {
      canvas_course_id: String(10_000 + courses.length),
      course_id: courseId,
      integration_id: '',
      short_name: code,
      long_name: name,
      canvas_account_id: account?.canvas_account_id ?? '1',
      account_id: account?.account_id ?? '',
      canvas_term_id: term?.canvas_term_id ?? '',
      term_id: term?.term_id ?? '',
      status: 'active',
      start_date: '',
      end_date: '',
      created_by_sis: true,
    };
    courses.push(course);
    courseById.set(course.canvas_course_id, course);
    const section: BaselineSection = {
      canvas_section_id: String(50_000 + sections.length),
      section_id: courseId,
      canvas_course_id: course.canvas_course_id,
      course_id: courseId,
      integration_id: '',
      name,
      status: 'active',
      start_date: '',
      end_date: '',
      canvas_nonxlist_course_id: '',
      nonxlist_course_id: '',
      created_by_sis: true,
    };
    sections.push(section);
    sectionOf.set(courseId, section);
    return section;
  };
  for (const cls of classes) {
    const termId = termPlan.termOfClass.get(sid(cls));
    addCourse(sid(cls), String(cls.title), String(cls.classCode ?? ''), sid(cls.school), termId);
  }
  // Crosslist the section of class 2k+1 into the course of class 2k (a UI crosslist the SIS would undo).
  for (let k = 0; k < (s.crosslisted ?? 0) && 2 * k + 1 < sections.length; k++) {
    const host = sections[2 * k]!;
    const moved = sections[2 * k + 1]!;
    moved.canvas_nonxlist_course_id = moved.canvas_course_id;
    moved.nonxlist_course_id = moved.course_id;
    moved.canvas_course_id = host.canvas_course_id;
    moved.course_id = host.course_id;
    expected.crosslisted.push({
      sectionId: moved.section_id,
      fromCourseId: moved.nonxlist_course_id,
      toCourseId: host.course_id,
    });
  }

  const { users, loginOf } = buildUsers(district, s, rand, expected);

  const enrollments: BaselineEnrollment[] = [];
  const enroll = (section: BaselineSection, login: BaselineUser, role: [string, string]) => {
    enrollments.push({
      canvas_enrollment_id: String(5_000_000 + enrollments.length),
      canvas_course_id: section.canvas_course_id,
      course_id: section.course_id,
      canvas_section_id: section.canvas_section_id,
      section_id: section.section_id,
      canvas_user_id: login.canvas_user_id,
      user_id: login.user_id,
      role: role[0],
      base_role_type: role[1],
      status: 'active',
      canvas_associated_user_id: '',
      associated_user_id: '',
      created_by_sis: true,
    });
  };
  const table = district.tables.enrollments;
  for (let i = 0; i < table.size; i++) {
    const e = table.build(i, { baseUrl: '' });
    // The integration already sent the deletion: Canvas's report no longer lists it.
    if (e.status === 'tobedeleted') continue;
    const role = ROLE[String(e.role)];
    const login = loginOf.get(sid(e.user));
    const section = sectionOf.get(sid(e.class));
    if (role !== undefined && login !== undefined && section !== undefined) enroll(section, login, role);
  }

  // Orphans: legacy SIS courses (old school year) that still hold active students.
  const students = [...loginOf.values()].filter((u) => u.user_id.startsWith('STU-')).slice(0, 3);
  const firstSchool = orgs.find((o) => o.type === 'school');
  for (let k = 0; k < (s.orphanCourses ?? 0); k++) {
    const id = `LEGACY-CRS-${String(k + 1).padStart(3, '0')}`;
    const section = addCourse(
      id,
      `Legacy course ${k + 1}`,
      `LEG${k + 1}`,
      firstSchool ? sid(firstSchool) : '',
      [...termOf.keys()][0],
    );
    for (const st of students) enroll(section, st, ROLE.student!);
    expected.orphanCourses.push(id);
  }

  return { district, accounts, terms, courses, sections, users, enrollments, expected };
}

function buildUsers(
  district: GeneratedDistrict,
  s: BaselineScenarios,
  rand: () => number,
  expected: BaselineExpectations,
): { users: BaselineUser[]; loginOf: Map<string, BaselineUser> } {
  const table = district.tables.users;
  const users: BaselineUser[] = [];
  /** OneRoster sourcedId → the active login its enrollments go to. */
  const loginOf = new Map<string, BaselineUser>();
  let nextCanvasId = 1_000_000;
  const order = shuffled(table.size, rand);
  const take = {
    claimed: s.claimedLogins ?? 0,
    taken: s.sisIdTaken ?? 0,
    deleted: s.deletedHolders ?? 0,
    multi: s.multiLogin ?? 0,
  };
  // Scenario users are taken from the shuffled order; the rest are decided per user with the same stream.
  const scenarioOf = new Map<number, keyof typeof take>();
  let cursor = 0;
  for (const kind of ['claimed', 'taken', 'deleted', 'multi'] as const) {
    for (let n = 0; n < take[kind] && cursor < order.length; n++) scenarioOf.set(order[cursor++]!, kind);
  }
  for (let i = 0; i < table.size; i++) {
    const u = table.build(i, { baseUrl: '' });
    const id = sid(u);
    const k = expected.claimedLogins.length + expected.takenSisIds.length + 1;
    switch (scenarioOf.get(i)) {
      case 'claimed': {
        const holder = `PREV-${String(k).padStart(6, '0')}`;
        users.push(
          userRow(nextCanvasId++, u, {
            user_id: holder,
            first_name: 'Former',
            last_name: `Owner${k}`,
            full_name: `Former Owner${k}`,
            sortable_name: `Owner${k}, Former`,
            email: `former.owner${k}@previous.example.org`,
          }),
        );
        expected.claimedLogins.push({ sourcedId: id, loginId: String(u.username), holderUserId: holder });
        continue;
      }
      case 'taken': {
        const login = `other.person${k}`;
        users.push(
          userRow(nextCanvasId++, u, {
            login_id: login,
            first_name: 'Other',
            last_name: `Person${k}`,
            full_name: `Other Person${k}`,
            sortable_name: `Person${k}, Other`,
            email: `${login}@previous.example.org`,
          }),
        );
        expected.takenSisIds.push({ sourcedId: id, holderLoginId: login });
        continue;
      }
      case 'deleted':
        users.push(userRow(nextCanvasId++, u, { status: 'deleted' }));
        expected.deletedHolders.push(id);
        continue;
      case 'multi': {
        const canvasId = nextCanvasId++;
        const login = userRow(canvasId, u);
        users.push(
          login,
          userRow(canvasId, u, { user_id: `LEGACY-${id}`, login_id: `${String(u.username)}.legacy` }),
        );
        loginOf.set(id, login);
        expected.multiLogin.push({ sourcedId: id, extraUserId: `LEGACY-${id}` });
        continue;
      }
      default:
    }
    const r = rand();
    if (r < (s.absentShare ?? 0)) {
      expected.absentUsers.push(id);
      continue;
    }
    const old = r < (s.absentShare ?? 0) + (s.oldSisIdShare ?? 0);
    const login = userRow(nextCanvasId++, u, old ? { user_id: `OLD-${String(u.identifier ?? id)}` } : {});
    if (old)
      expected.remappedUsers.push({ sourcedId: id, oldUserId: login.user_id, loginId: login.login_id });
    users.push(login);
    loginOf.set(id, login);
  }
  return { users, loginOf };
}
