import { z } from 'zod';
import { CollectionCounts } from './collections';

/**
 * The outcome of a pull or a CSV import, as `preflight pull --json` / `preflight import --json` print it and as
 * the UI shows it. `counts` are stored records; problems are counted in `issues` and never silently dropped.
 */

export const CollectionIssueCounts = z.object({
  /** Records stored with schema issues (OR-SCHEMA). */
  invalidRecords: z.number().int().nonnegative(),
  /** Rows/records that could not be stored as records (no usable sourcedId, broken CSV row, bad JSON page); kept raw. */
  rejectedRows: z.number().int().nonnegative(),
  /** Extra occurrences of an already stored sourcedId (the first one is kept). */
  duplicates: z.number().int().nonnegative(),
  /** Distinct sourcedIds whose duplicates differ in content from the kept record (OR-DUP-ID). */
  conflictingDuplicates: z.number().int().nonnegative(),
});
export type CollectionIssueCounts = z.infer<typeof CollectionIssueCounts>;

export const SnapshotIssues = CollectionIssueCounts.extend({
  byCollection: z.object({
    orgs: CollectionIssueCounts,
    academicSessions: CollectionIssueCounts,
    courses: CollectionIssueCounts,
    classes: CollectionIssueCounts,
    users: CollectionIssueCounts,
    enrollments: CollectionIssueCounts,
    demographics: CollectionIssueCounts,
  }),
});
export type SnapshotIssues = z.infer<typeof SnapshotIssues>;

export const SnapshotResultStatus = z.enum(['complete', 'failed', 'cancelled']);
export type SnapshotResultStatus = z.infer<typeof SnapshotResultStatus>;

/** Shared by pull and import. */
export const SnapshotResult = z.object({
  snapshotId: z.string(),
  status: SnapshotResultStatus,
  counts: CollectionCounts,
  issues: SnapshotIssues,
  /** Why the snapshot failed or was cancelled; null when complete. */
  error: z.string().nullable(),
});
export type SnapshotResult = z.infer<typeof SnapshotResult>;

/** One problem found while reading a CSV bundle: a file, a row or a column. */
export const CsvImportProblem = z.object({
  /** File name inside the bundle, e.g. 'users.csv'; the bundle itself for bundle-level problems. */
  file: z.string(),
  /** 1-based line in the file where the row starts; null for file-level problems. */
  line: z.number().int().positive().nullable(),
  column: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
});
export type CsvImportProblem = z.infer<typeof CsvImportProblem>;

export const ImportResult = SnapshotResult.extend({
  errors: z.array(CsvImportProblem),
  /** Problems beyond the reported list (the list is capped; every rejected row is still in the snapshot). */
  moreErrors: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResult>;
