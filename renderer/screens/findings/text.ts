import type { EntityType, Severity, Verdict } from '../../../shared/rules/finding';
import type { CanvasType } from '../../../shared/plan/types';
import { SYNC_VERDICT_LABEL } from '../../../shared/text/vocabulary';

export const ENTITY_LABEL: Record<EntityType, string> = {
  org: 'Org',
  academicSession: 'Session',
  course: 'Course',
  class: 'Class',
  user: 'User',
  enrollment: 'Enrollment',
  demographics: 'Demographics',
  endpoint: 'Endpoint',
  canvasUser: 'Canvas user',
  canvasCourse: 'Canvas course',
  canvasSection: 'Canvas section',
  canvasTerm: 'Canvas term',
  canvasAccount: 'Canvas sub-account',
  profile: 'District',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  blocker: 'Blockers',
  warning: 'Warnings',
  info: 'Info',
};

/** The sync verdict's words (the same in the report and the CLI). */
export const VERDICT_TITLE: Record<Verdict, string> = SYNC_VERDICT_LABEL;

export const PLAN_LABEL: Record<CanvasType, string> = {
  accounts: 'Sub-accounts',
  terms: 'Terms',
  courses: 'Courses',
  sections: 'Sections',
  users: 'Users',
  enrollments: 'Enrollments',
  user_observers: 'Observers',
};

/** The six Canvas types every summary shows (observers only when the option is on). */
export const PLAN_TYPES: readonly CanvasType[] = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
];
