import type { EntityType } from '../rules/finding';

/**
 * The Canvas import plan: every object a sync would create/update, as Canvas SIS CSV rows (docs/canvas-importer.md), so
 * report and sync can write CSV files straight from it. Blank CSV values are '' (never null).
 *
 * Provenance: every row carries `source` — the OneRoster sourcedId it came from (the entity type is fixed per
 * Canvas type, see PLAN_SOURCE_TYPE) — `sources` when several records were combined (merged terms, grouped
 * courses), and `options`: the mapping options that decided its shape. `options` arrays are shared between rows,
 * so a million enrollments do not carry a million arrays.
 */
export const CANVAS_TYPES = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'user_observers',
] as const;
export type CanvasType = (typeof CANVAS_TYPES)[number];

/** Canvas SIS CSV columns per file, in the order they are written. */
export const CANVAS_COLUMNS = {
  accounts: ['account_id', 'parent_account_id', 'name', 'status'],
  terms: ['term_id', 'name', 'status', 'start_date', 'end_date'],
  courses: ['course_id', 'short_name', 'long_name', 'account_id', 'term_id', 'status'],
  sections: ['section_id', 'course_id', 'name', 'status'],
  users: ['user_id', 'integration_id', 'login_id', 'first_name', 'last_name', 'email', 'status'],
  enrollments: ['course_id', 'section_id', 'user_id', 'role', 'status', 'start_date', 'end_date'],
  user_observers: ['observer_id', 'student_id', 'status'],
} as const satisfies Record<CanvasType, readonly string[]>;

/** Which OneRoster entity `source` names, per Canvas type (courses: class, or course when grouped). */
export const PLAN_SOURCE_TYPE: Record<CanvasType, EntityType> = {
  accounts: 'org',
  terms: 'academicSession',
  courses: 'class',
  sections: 'class',
  users: 'user',
  enrollments: 'enrollment',
  user_observers: 'user',
};

export type CanvasStatus = 'active' | 'deleted';

export interface Provenance {
  /** The OneRoster record this row comes from (entity type: PLAN_SOURCE_TYPE). */
  source: string;
  /** Every OneRoster record combined into this row (merged sessions, the classes of a grouped course), sorted. */
  sources?: string[];
  /** Mapping options that produced this row's shape, e.g. `termMerge`, `roleMap.aide=ta`. */
  options: readonly string[];
}

export interface AccountRow extends Provenance {
  account_id: string;
  parent_account_id: string;
  name: string;
  status: CanvasStatus;
}

export interface TermRow extends Provenance {
  term_id: string;
  name: string;
  status: CanvasStatus;
  start_date: string;
  end_date: string;
}

export interface CourseRow extends Provenance {
  course_id: string;
  short_name: string;
  long_name: string;
  account_id: string;
  term_id: string;
  status: CanvasStatus;
  /** For a course grouped per course+term+school, `source` is the OneRoster course; else the class. */
  sourceType: 'class' | 'course';
}

export interface SectionRow extends Provenance {
  section_id: string;
  course_id: string;
  name: string;
  status: CanvasStatus;
}

export interface UserRow extends Provenance {
  user_id: string;
  integration_id: string;
  login_id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: CanvasStatus;
  /** The OneRoster user role (not a Canvas column; the UI and reports group by it). */
  oneRosterRole: string;
}

/** enrollments.csv rows, in class order: section, then user, role, and the OneRoster sourcedId last. */
export interface EnrollmentRow extends Provenance {
  course_id: string;
  section_id: string;
  user_id: string;
  role: string;
  status: CanvasStatus;
  start_date: string;
  end_date: string;
}

export interface ObserverRow extends Provenance {
  observer_id: string;
  student_id: string;
  status: CanvasStatus;
}

export interface PlanRows {
  accounts: AccountRow[];
  terms: TermRow[];
  courses: CourseRow[];
  sections: SectionRow[];
  users: UserRow[];
  enrollments: EnrollmentRow[];
  user_observers: ObserverRow[];
}

/** OneRoster records the plan leaves out, by reason (e.g. `enrollment` / `role administrator is not mapped`). */
export interface SkippedGroup {
  entityType: EntityType;
  reason: string;
  count: number;
  /** The first few sourcedIds (sorted), to show or link. */
  examples: string[];
}

/** Per-school copies of a session combined into one Canvas term. */
export interface TermMerge {
  term_id: string;
  sessions: string[];
  /** 'title+dates' and/or 'common id'. */
  by: string[];
  /** Set when the merged sessions disagree (the plan used the earliest start and latest end). */
  conflicts?: string[];
}

/** A class listed in several sessions: which one became its Canvas term (CLASS-MULTI-TERM). */
export interface MultiTermChoice {
  classId: string;
  sessions: string[];
  chosen: string;
  reason: 'contains' | 'longest';
}

export interface PlanNotes {
  /** The org that is the Canvas root account (no accounts.csv row), or null when none could be chosen. */
  rootOrgId: string | null;
  rootReason: 'option' | 'single district' | 'none' | 'several districts';
  /** The root org's name ('' when none). */
  rootName: string;
  termMerges: TermMerge[];
  multiTerm: MultiTermChoice[];
}

export interface Plan extends PlanRows {
  snapshotId: string;
  skipped: SkippedGroup[];
  notes: PlanNotes;
}

export type PlanCounts = Record<CanvasType, number>;

/** A node of the mapping tree (docs/architecture.md "Data flow"): root account → sub-accounts → term → course → section. */
export interface PlanTreeNode {
  kind: 'account' | 'term' | 'course' | 'section';
  /** Canvas id ('' for the root account and for the Default Term). */
  id: string;
  name: string;
  /** OneRoster sourcedId behind the node (null for the Default Term; the root org for the root account). */
  source: string | null;
  /** Active enrollments below this node: students, and everyone else (teachers, TAs, custom roles). */
  students: number;
  teachers: number;
  children: PlanTreeNode[];
}
