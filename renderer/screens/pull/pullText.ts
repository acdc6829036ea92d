import type { PullJobEvent } from '../../../shared/ipc/channels/pull';
import type { CollectionState } from '../../../shared/pull/progress';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { SnapshotIssues } from '../../../shared/snapshots/result';
import { formatCount } from '../../format';

export const COLLECTION_LABEL: Record<SnapshotCollection, string> = {
  orgs: 'Orgs',
  academicSessions: 'Academic sessions',
  courses: 'Courses',
  classes: 'Classes',
  users: 'Users',
  enrollments: 'Enrollments',
  demographics: 'Demographics',
};

/** Short column headings for the snapshot table. */
export const COLLECTION_SHORT: Record<SnapshotCollection, string> = {
  orgs: 'Orgs',
  academicSessions: 'Sessions',
  courses: 'Courses',
  classes: 'Classes',
  users: 'Users',
  enrollments: 'Enrollments',
  demographics: 'Demogr.',
};

export const STATE_LABEL: Record<CollectionState | 'stopped', string> = {
  pending: 'Waiting',
  stopped: 'Stopped',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

const PHASE_LABEL: Record<PullJobEvent['phase'], string> = {
  starting: 'Starting',
  pulling: 'Pulling',
  checking: 'Checking what arrived',
  complete: 'Complete',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** "25 s", "3 min 10 s", "1 h 5 min". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** With seconds: two pulls a minute apart must be told apart in a picker. */
export function formatDateTimeSeconds(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeSeconds.format(d);
}

export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

export function percentOf(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.round((done / total) * 100));
}

/** "Pulling · 45,210 of 120,000 records (38%) · 3,420 records/s · about 25 s left". */
export function phaseLine(p: PullJobEvent): string {
  const parts = [PHASE_LABEL[p.phase]];
  const pct = percentOf(p.done, p.total);
  parts.push(
    p.total !== null
      ? `${formatCount(p.done)} of ${formatCount(p.total)} records${pct !== null ? ` (${pct}%)` : ''}`
      : `${formatCount(p.done)} records`,
  );
  if (p.phase === 'pulling' || p.phase === 'starting') {
    if (p.rate > 0) parts.push(`${formatCount(p.rate)} records/s`);
    if (p.etaSeconds !== null) parts.push(`about ${formatEta(p.etaSeconds)} left`);
  }
  return parts.join(' · ');
}

export function issueTotal(issues: SnapshotIssues | null): number {
  if (!issues) return 0;
  return issues.invalidRecords + issues.rejectedRows + issues.duplicates;
}

export function issueSummary(issues: SnapshotIssues | null): string {
  if (!issues) return 'Not counted yet';
  const parts = [
    `${formatCount(issues.invalidRecords)} with schema issues`,
    `${formatCount(issues.rejectedRows)} rejected`,
    `${formatCount(issues.duplicates)} duplicates`,
  ];
  return parts.join(', ');
}
