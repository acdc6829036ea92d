import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { OneRosterVersion } from './dialects';
import { attachSideData, type UserSideData } from './user-roles';

/**
 * What a row means beyond its columns, by bundle mode and version (docs/oneroster-dialects.md):
 * - bulk: a blank status is "active" and a blank dateLastModified is allowed (the CSV binding says so);
 * - OneRoster 1.0: `inactive` is not a deletion (1.1 later removed the value), so the record stays active and
 *   the original status is kept in metadata; academicSessions have no schoolYear, which is derived from the end date;
 * - OneRoster 1.2: users get their roles and profiles from roles.csv / userProfiles.csv.
 */
export interface RowSemantics {
  collection: SnapshotCollection;
  mode: 'bulk' | 'delta';
  version: OneRosterVersion;
  side: UserSideData | null;
}

/** Counts of what was read by these rules, per file (they become an info finding). */
export interface SemanticsCounts {
  blankStatusAsActive: number;
  blankDateLastModified: number;
  inactiveKept: number;
  inactiveExamples: string[];
  schoolYearFromEndDate: number;
}

export function zeroSemanticsCounts(): SemanticsCounts {
  return {
    blankStatusAsActive: 0,
    blankDateLastModified: 0,
    inactiveKept: 0,
    inactiveExamples: [],
    schoolYearFromEndDate: 0,
  };
}

export function applySemantics(
  record: Record<string, unknown>,
  rules: RowSemantics,
  counts: SemanticsCounts,
): void {
  if (rules.mode === 'bulk') {
    if (record.status === undefined) {
      record.status = 'active';
      counts.blankStatusAsActive++;
    }
    if (record.dateLastModified === undefined) {
      record.dateLastModified = '';
      counts.blankDateLastModified++;
    }
  }
  if (rules.version === '1.0') {
    if (typeof record.status === 'string' && record.status.trim().toLowerCase() === 'inactive') {
      record.status = 'active';
      const metadata = (record.metadata ??= {}) as Record<string, unknown>;
      metadata.oneRoster10Status = 'inactive';
      counts.inactiveKept++;
      if (counts.inactiveExamples.length < 5 && typeof record.sourcedId === 'string')
        counts.inactiveExamples.push(record.sourcedId);
    }
    if (
      rules.collection === 'academicSessions' &&
      record.schoolYear === undefined &&
      typeof record.endDate === 'string'
    ) {
      // A session ending in the second half of a year (a fall term) belongs to the school year that ends
      // the next summer, as 1.1 numbers school years by the year they end.
      const m = /^(\d{4})-(\d{2})/.exec(record.endDate.trim());
      if (m) {
        record.schoolYear = String(Number(m[1]) + (Number(m[2]) >= 7 ? 1 : 0));
        counts.schoolYearFromEndDate++;
      }
    }
  }
  if (rules.side !== null && rules.collection === 'users') attachSideData(record, rules.side);
}
