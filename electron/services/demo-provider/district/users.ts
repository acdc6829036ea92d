import { hash3, pad } from './hash';
import type { BuildContext, JsonRecord, Table } from './model';
import { TABLE_FIELDS, jsonBase, jstr, ref, refJson } from './model';
import { modifiedAt } from './orgs-sessions';
import type { DistrictPlan } from './structure';
import { FAMILY_NAMES, GIVEN_NAMES, GRADE_CODES } from './vocab';

/**
 * Users are laid out in segments whose sourcedId prefixes sort in the same order
 * (ADM- < AID- < PAR- < STU- < TCH-), so index order is sourcedId order.
 */
export type UserRole = 'administrator' | 'aide' | 'parent' | 'student' | 'teacher';
const SEGMENTS: ReadonlyArray<{ role: UserRole; prefix: string }> = [
  { role: 'administrator', prefix: 'ADM' },
  { role: 'aide', prefix: 'AID' },
  { role: 'parent', prefix: 'PAR' },
  { role: 'student', prefix: 'STU' },
  { role: 'teacher', prefix: 'TCH' },
];

export interface UserLayout {
  /** First user index of each segment, in SEGMENTS order, plus the total at the end. */
  starts: number[];
  total: number;
  /** School number per user (-1 = district level or several schools). */
  school: Int16Array;
  /** Grade per student sequence number. */
  grade: Int8Array;
  /** sourcedId per user, precomputed (a few MB) because every enrollment names its user. */
  ids: string[];
}

export function layoutUsers(plan: DistrictPlan): UserLayout {
  const sizes = [plan.admins, plan.aides, plan.parents, plan.students, plan.teachers];
  const starts: number[] = [];
  let at = 0;
  for (const n of sizes) {
    starts.push(at);
    at += n;
  }
  starts.push(at);
  const school = new Int16Array(at).fill(-1);
  const grade = new Int8Array(plan.students);
  for (const s of plan.schools) {
    school[starts[0]! + plan.districtAdmins + s.no] = s.no;
    school.fill(s.no, starts[1]! + s.aideStart, starts[1]! + s.aideStart + s.aideCount);
    school.fill(s.no, starts[3]! + s.gradeStart[0]!, starts[3]! + s.gradeStart[0]! + s.students);
    school.fill(s.no, starts[4]! + s.teacherStart, starts[4]! + s.teacherStart + s.teacherCount);
    s.grades.forEach((g, gi) => grade.fill(g, s.gradeStart[gi]!, s.gradeStart[gi]! + s.perGrade[gi]!));
  }
  const layout: UserLayout = { starts, total: at, school, grade, ids: [] };
  layout.ids = Array.from({ length: at }, (_, i) => {
    const { prefix, seq } = segmentOf(layout, i);
    return `${prefix}-${pad(seq + 1, 6)}`;
  });
  return layout;
}

export function segmentOf(
  layout: UserLayout,
  index: number,
): { role: UserRole; prefix: string; seq: number } {
  let k = SEGMENTS.length - 1;
  while (k > 0 && index < layout.starts[k]!) k--;
  const seg = SEGMENTS[k]!;
  return { role: seg.role, prefix: seg.prefix, seq: index - layout.starts[k]! };
}

export function userId(layout: UserLayout, index: number): string {
  return layout.ids[index]!;
}

function letters(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

export function usersTable(plan: DistrictPlan, layout: UserLayout): Table {
  const { seed } = plan.spec;
  const P = plan.parents;
  const studentStart = layout.starts[3]!;
  const parentStart = layout.starts[2]!;
  // Students and their parent share a family name: derive it from the parent's sequence number.
  const familyOf = (role: UserRole, seq: number, index: number): string => {
    if (P > 0 && role === 'student')
      return FAMILY_NAMES[hash3(seed, 21, parentStart + (seq % P)) % FAMILY_NAMES.length]!;
    return FAMILY_NAMES[hash3(seed, 21, index) % FAMILY_NAMES.length]!;
  };
  const orgId = (schoolNo: number) => (schoolNo < 0 ? plan.districtId : plan.schools[schoolNo]!.id);

  interface Parts {
    sourcedId: string;
    role: UserRole;
    given: string;
    family: string;
    middle: string | undefined;
    username: string;
    email: string;
    identifier: string | undefined;
    phone: string | undefined;
    orgIds: string[];
    agentIds: string[];
    grades: string[];
    modified: string;
  }

  function parts(index: number): Parts {
    const { role, seq } = segmentOf(layout, index);
    const given = GIVEN_NAMES[hash3(seed, 20, index) % GIVEN_NAMES.length]!;
    const family = familyOf(role, seq, index);
    const h = hash3(seed, 22, index);
    const schoolNo = layout.school[index]!;
    let username: string;
    let email: string;
    let identifier: string | undefined;
    let orgs: number[] = [schoolNo];
    let agentIds: string[] = [];
    let grades: string[] = [];
    if (role === 'student') {
      identifier = String(1_000_000 + seq);
      username = `${letters(given).slice(0, 1)}${letters(family)}${identifier}`;
      email = `${username}@students.${plan.domain}`;
      grades = [GRADE_CODES[layout.grade[seq]!]!];
      if (P > 0) agentIds = [`PAR-${pad((seq % P) + 1, 6)}`];
    } else if (role === 'parent') {
      username = `${letters(given)}.${letters(family)}.p${seq + 1}`;
      email = `${username}@mail.example.com`;
      const kids: number[] = [];
      for (let k = seq; k < plan.students; k += P) kids.push(k);
      agentIds = kids.map((k) => `STU-${pad(k + 1, 6)}`);
      orgs = [...new Set(kids.map((k) => layout.school[studentStart + k]!))];
    } else {
      const staffSeq = role === 'teacher' ? index - layout.starts[4]! + plan.admins + plan.aides : index;
      identifier = `E${pad(staffSeq + 1, 6)}`;
      username = `${letters(given)}.${letters(family)}${staffSeq + 1}`;
      email = `${username}@${plan.domain}`;
    }
    return {
      sourcedId: layout.ids[index]!,
      role,
      given,
      family,
      middle: h % 3 === 0 ? GIVEN_NAMES[(h >>> 8) % GIVEN_NAMES.length] : undefined,
      username,
      email,
      identifier,
      phone: role === 'parent' ? `555-01${pad(h % 100, 2)}` : undefined,
      orgIds: orgs.map(orgId),
      agentIds,
      grades,
      modified: modifiedAt(plan, 14, index),
    };
  }

  function build(index: number, ctx: BuildContext): JsonRecord {
    const p = parts(index);
    const rec: JsonRecord = {
      sourcedId: p.sourcedId,
      status: 'active',
      dateLastModified: p.modified,
      username: p.username,
      userIds: p.identifier
        ? [
            { type: 'SIS', identifier: p.identifier },
            { type: 'LDAP', identifier: p.username },
          ]
        : [],
      enabledUser: 'true',
      givenName: p.given,
      familyName: p.family,
    };
    if (p.middle) rec.middleName = p.middle;
    rec.role = p.role;
    if (p.identifier) rec.identifier = p.identifier;
    rec.email = p.email;
    if (p.phone) rec.phone = p.phone;
    rec.agents = p.agentIds.map((a) => ref(ctx, 'users', a, 'user'));
    rec.orgs = p.orgIds.map((o) => ref(ctx, 'orgs', o, 'org'));
    rec.grades = p.grades;
    return rec;
  }

  function json(index: number, ctx: BuildContext): string {
    const p = parts(index);
    const base = jsonBase(ctx);
    const u = jstr(p.username);
    const ids = p.identifier
      ? `[{"type":"SIS","identifier":${jstr(p.identifier)}},{"type":"LDAP","identifier":${u}}]`
      : '[]';
    return (
      `{"sourcedId":"${p.sourcedId}","status":"active","dateLastModified":"${p.modified}","username":${u},` +
      `"userIds":${ids},"enabledUser":"true","givenName":${jstr(p.given)},"familyName":${jstr(p.family)},` +
      (p.middle ? `"middleName":${jstr(p.middle)},` : '') +
      `"role":"${p.role}",` +
      (p.identifier ? `"identifier":${jstr(p.identifier)},` : '') +
      `"email":${jstr(p.email)},` +
      (p.phone ? `"phone":${jstr(p.phone)},` : '') +
      `"agents":[${p.agentIds.map((a) => refJson(base, 'users', a, 'user')).join(',')}],` +
      `"orgs":[${p.orgIds.map((o) => refJson(base, 'orgs', o, 'org')).join(',')}],` +
      `"grades":[${p.grades.map(jstr).join(',')}]}`
    );
  }

  return {
    name: 'users',
    size: layout.total,
    fields: TABLE_FIELDS.users,
    sortedById: true,
    id: (i) => userId(layout, i),
    build,
    json,
  };
}
