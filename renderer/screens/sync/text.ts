import type { SimType } from '../../../shared/conversion/types';
import type { ImportModeKind } from '../../../shared/sync/import-mode';
import type { SyncPhase, SyncStatus } from '../../../shared/sync/types';

export const MODE_INFO: Record<ImportModeKind, { label: string; help: string }> = {
  standard: {
    label: 'Standard',
    help: 'Creates and updates what is in the file; nothing is deleted.',
  },
  batch: {
    label: 'Batch (one term)',
    help: 'Also deletes that term’s SIS courses, sections and enrollments missing from the file.',
  },
  diffing: {
    label: 'Diffing',
    help: 'Canvas compares with the previous import of the same data set and removes what disappeared.',
  },
};

export const SIM_LABEL: Record<SimType, string> = {
  accounts: 'Sub-accounts',
  terms: 'Terms',
  courses: 'Courses',
  sections: 'Sections',
  users: 'Users',
  enrollments: 'Enrollments',
};

export const PHASE_LABEL: Record<SyncPhase, string> = {
  writing: 'Writing the SIS import zip…',
  posting: 'Sending the zip to Canvas…',
  polling: 'Canvas is importing',
  aborting: 'Asking Canvas to abort the import…',
  downloading_errors: 'Downloading Canvas’s error file…',
  done: 'Finished',
};

/** Canvas workflow_state → plain words. */
export const STATE_LABEL: Record<string, string> = {
  initializing: 'Initializing',
  created: 'Queued in Canvas',
  importing: 'Importing',
  cleanup_batch: 'Cleaning up the batch (deletions)',
  imported: 'Imported',
  imported_with_messages: 'Imported with messages',
  aborted: 'Aborted',
  failed: 'Failed',
  failed_with_messages: 'Failed with messages',
  restoring: 'Restoring',
  partially_restored: 'Partially restored',
  restored: 'Restored',
};

export const STATUS_LABEL: Record<SyncStatus, string> = {
  posting: 'Sending',
  polling: 'Importing',
  interrupted: 'Lost track (resume)',
  finished: 'Finished',
  not_sent: 'Not sent',
};

export function stateLabel(state: string): string {
  return STATE_LABEL[state] ?? (state || 'Waiting for Canvas');
}

/** Canvas count keys worth showing, in reading order. */
export const COUNT_KEYS = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'xlists',
  'users',
  'enrollments',
  'user_observers',
  'change_sis_ids',
  'batch_courses_deleted',
  'batch_sections_deleted',
  'batch_enrollments_deleted',
  'error_count',
  'warning_count',
] as const;

export function countLabel(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
