import type {
  AccountRow,
  CourseRow,
  EnrollmentRow,
  Plan,
  PlanTreeNode,
  SectionRow,
  TermRow,
  UserRow,
} from '../../../shared/plan/types';
import { compareStrings } from './collect';

/**
 * Lookups over one plan for the UI and reports: rows by Canvas id, sections per course, enrollments per section
 * (as indexes into plan.enrollments) and enrollments by OneRoster sourcedId (a map built on first use).
 */
export interface PlanIndex {
  accounts: Map<string, AccountRow>;
  terms: Map<string, TermRow>;
  courses: Map<string, CourseRow>;
  sections: Map<string, SectionRow>;
  users: Map<string, UserRow>;
  /** OneRoster user sourcedId → planned user. */
  usersBySource: Map<string, UserRow>;
  sectionsOfCourse: Map<string, SectionRow[]>;
  enrollmentsOfSection: Map<string, number[]>;
  enrollmentBySource(sourcedId: string): EnrollmentRow | undefined;
}

export function indexPlan(plan: Plan): PlanIndex {
  let bySource: Map<string, EnrollmentRow> | undefined;
  const sectionsOfCourse = new Map<string, SectionRow[]>();
  for (const s of plan.sections) {
    const list = sectionsOfCourse.get(s.course_id);
    if (list) list.push(s);
    else sectionsOfCourse.set(s.course_id, [s]);
  }
  const enrollmentsOfSection = new Map<string, number[]>();
  plan.enrollments.forEach((e, i) => {
    const list = enrollmentsOfSection.get(e.section_id);
    if (list) list.push(i);
    else enrollmentsOfSection.set(e.section_id, [i]);
  });
  return {
    accounts: new Map(plan.accounts.map((r) => [r.account_id, r])),
    terms: new Map(plan.terms.map((r) => [r.term_id, r])),
    courses: new Map(plan.courses.map((r) => [r.course_id, r])),
    sections: new Map(plan.sections.map((r) => [r.section_id, r])),
    users: new Map(plan.users.map((r) => [r.user_id, r])),
    usersBySource: new Map(plan.users.map((r) => [r.source, r])),
    sectionsOfCourse,
    enrollmentsOfSection,
    enrollmentBySource(sourcedId) {
      bySource ??= new Map(plan.enrollments.map((e) => [e.source, e]));
      return bySource.get(sourcedId);
    },
  };
}

/**
 * The mapping tree: root account → sub-accounts (nested as planned) → terms used in the account → courses →
 * sections, each with active student / teacher enrollment counts summed upwards. Children sorted by name, then id.
 */
export function planTree(plan: Plan): PlanTreeNode {
  const counts = new Map<string, { students: number; teachers: number }>();
  for (const e of plan.enrollments) {
    if (e.status !== 'active') continue;
    let c = counts.get(e.section_id);
    if (!c) counts.set(e.section_id, (c = { students: 0, teachers: 0 }));
    if (e.role === 'student') c.students++;
    else if (e.role !== 'observer') c.teachers++;
  }
  const node = (
    kind: PlanTreeNode['kind'],
    id: string,
    name: string,
    source: string | null,
  ): PlanTreeNode => ({
    kind,
    id,
    name,
    source,
    students: 0,
    teachers: 0,
    children: [],
  });
  const root = node('account', '', plan.notes.rootName || 'Root account', plan.notes.rootOrgId);
  const accountNodes = new Map<string, PlanTreeNode>([['', root]]);
  for (const a of plan.accounts)
    accountNodes.set(a.account_id, node('account', a.account_id, a.name, a.source));
  for (const a of plan.accounts) {
    (accountNodes.get(a.parent_account_id) ?? root).children.push(accountNodes.get(a.account_id)!);
  }
  const termNames = new Map(plan.terms.map((t) => [t.term_id, t]));
  const termNodes = new Map<string, PlanTreeNode>();
  const courseNodes = new Map<string, PlanTreeNode>();
  for (const c of plan.courses) {
    const account = accountNodes.get(c.account_id) ?? root;
    const key = `${account.id}\u0000${c.term_id}`;
    let term = termNodes.get(key);
    if (!term) {
      const t = termNames.get(c.term_id);
      term = node('term', c.term_id, t?.name ?? 'Default Term', t ? t.source : null);
      termNodes.set(key, term);
      account.children.push(term);
    }
    const course = node('course', c.course_id, c.long_name, c.source);
    courseNodes.set(c.course_id, course);
    term.children.push(course);
  }
  for (const s of plan.sections) {
    const section = node('section', s.section_id, s.name, s.source);
    const c = counts.get(s.section_id);
    if (c) Object.assign(section, c);
    courseNodes.get(s.course_id)?.children.push(section);
  }
  sumUp(root);
  return root;
}

function sumUp(n: PlanTreeNode): void {
  n.children.sort(
    (a, b) => kindRank(a) - kindRank(b) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id),
  );
  if (n.children.length === 0) return;
  if (n.kind !== 'section') {
    n.students = 0;
    n.teachers = 0;
  }
  for (const c of n.children) {
    sumUp(c);
    n.students += c.students;
    n.teachers += c.teachers;
  }
}

/** Sub-accounts before terms under an account. */
function kindRank(n: PlanTreeNode): number {
  return n.kind === 'account' ? 0 : 1;
}
