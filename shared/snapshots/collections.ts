import { z } from 'zod';
import type { EntityKind } from '../oneroster/types';

/** The collections a snapshot holds, named like the OneRoster endpoints (and the CLI's `--json` counts). */
export const SNAPSHOT_COLLECTIONS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
] as const;
export const SnapshotCollection = z.enum(SNAPSHOT_COLLECTIONS);
export type SnapshotCollection = z.infer<typeof SnapshotCollection>;

export const KIND_OF_COLLECTION = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
  demographics: 'demographics',
} as const satisfies Readonly<Record<SnapshotCollection, EntityKind>>;

export type CollectionKind<C extends SnapshotCollection> = (typeof KIND_OF_COLLECTION)[C];

/** One number per collection. */
export const CollectionCounts = z.object({
  orgs: z.number().int().nonnegative(),
  academicSessions: z.number().int().nonnegative(),
  courses: z.number().int().nonnegative(),
  classes: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  enrollments: z.number().int().nonnegative(),
  demographics: z.number().int().nonnegative(),
});
export type CollectionCounts = z.infer<typeof CollectionCounts>;

export function zeroCounts(): CollectionCounts {
  return { orgs: 0, academicSessions: 0, courses: 0, classes: 0, users: 0, enrollments: 0, demographics: 0 };
}
