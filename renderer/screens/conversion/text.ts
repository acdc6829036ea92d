import type {
  ChangeSisIdType,
  Classification,
  Confidence,
  ConversionType,
  MatchKey,
  RemapDecision,
  SimType,
} from '../../../shared/conversion/types';

export const TYPE_LABEL: Record<ConversionType, string> = {
  users: 'Users',
  courses: 'Courses',
  sections: 'Sections',
  terms: 'Terms',
  accounts: 'Sub-accounts',
};
/** Tab order: what districts ask about first. */
export const TYPE_ORDER: readonly ConversionType[] = ['users', 'courses', 'sections', 'terms', 'accounts'];

export const SIM_LABEL: Record<SimType, string> = {
  accounts: 'Sub-accounts',
  terms: 'Terms',
  courses: 'Courses',
  sections: 'Sections',
  users: 'Users',
  enrollments: 'Enrollments',
};

export const CHANGE_TYPE_LABEL: Record<ChangeSisIdType, string> = {
  user: 'User',
  course: 'Course',
  section: 'Section',
  term: 'Term',
  account: 'Sub-account',
};

export const CLASS_LABEL: Record<Classification, string> = {
  keep: 'Keep',
  remap: 'Remap',
  create: 'Create',
  orphan: 'Orphan',
};

export const CLASS_HELP: Record<Classification, string> = {
  keep: 'Already in Canvas with the same SIS id: updated in place.',
  remap: 'Found in Canvas under another SIS id: change_sis_id moves it to the new one.',
  create: 'Not in Canvas yet: the sync creates it.',
  orphan: 'SIS-created in Canvas, but nothing in the roster matches it: left behind, concluded or deleted.',
};

export const MATCH_LABEL: Record<MatchKey, string> = {
  sis_id: 'SIS id',
  integration_id: 'Integration id',
  login: 'Login',
  email: 'Email',
  name: 'Name',
  'name+term+teacher': 'Name + term + teacher',
  'name+dates': 'Name + dates',
  dates: 'Dates',
};

export const CONFIDENCE_LABEL: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const DECISION_LABEL: Record<RemapDecision, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
};
