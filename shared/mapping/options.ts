import { z } from 'zod';

/**
 * Mapping options (docs/mapping.md): every default the planner applies is an option a user can change per profile.
 * The plan records which option produced each object.
 */
export const CanvasRoleTarget = z.union([
  z.enum(['student', 'teacher', 'ta', 'observer', 'designer']),
  z.string().min(1),
]);

export const MappingOptions = z.object({
  /** Canvas SIS ids for users (user_id) come from OneRoster sourcedId or identifier. */
  userIdSource: z.enum(['sourcedId', 'identifier']).default('sourcedId'),
  /** Canvas login_id: username, email or userIds[type = loginUserIdsType]. */
  loginIdSource: z.enum(['username', 'email', 'userIds']).default('username'),
  loginUserIdsType: z.string().default(''),
  /** Canvas integration_id from OneRoster identifier (when present), or not sent. */
  integrationIdSource: z.enum(['identifier', 'none']).default('identifier'),
  /** Sub-account ids (account_id) from org sourcedId or identifier. */
  accountIdSource: z.enum(['sourcedId', 'identifier']).default('sourcedId'),
  /** department/local/state/national orgs: skipped (flatten) or kept as sub-account levels. */
  orgLevels: z.enum(['flatten', 'keep']).default('flatten'),
  /** Which org is the Canvas root account when the feed has several candidates (null = the single district). */
  rootOrgId: z.string().nullable().default(null),
  /** One Canvas course per class, or one per OneRoster course + term + school with a section per class. */
  courseMode: z.enum(['perClass', 'perCourseTermSchool']).default('perClass'),
  /** Name templates. Placeholders: {title} {classCode} {courseCode} {courseTitle} {period} {teacherLastName} {termTitle} {schoolName} */
  courseLongNameTemplate: z.string().min(1).default('{title}'),
  courseShortNameTemplate: z.string().min(1).default('{classCode}'),
  sectionNameTemplate: z.string().min(1).default('{title}'),
  /** Per-school copies of one session (same title + dates, or a common term id in the sourcedId) → one Canvas term. */
  termMerge: z.boolean().default(true),
  /** OneRoster enrollment role → Canvas course role; null = not enrolled (ENR-ROLE-UNMAPPED). */
  roleMap: z
    .object({
      student: CanvasRoleTarget.nullable().default('student'),
      teacher: CanvasRoleTarget.nullable().default('teacher'),
      aide: CanvasRoleTarget.nullable().default('ta'),
      proctor: CanvasRoleTarget.nullable().default('ta'),
      administrator: CanvasRoleTarget.nullable().default(null),
    })
    .default({ student: 'student', teacher: 'teacher', aide: 'ta', proctor: 'ta', administrator: null }),
  /** Teachers with primary=false: still teachers (default) or TAs. */
  nonPrimaryTeacherRole: z.enum(['teacher', 'ta']).default('teacher'),
  /** Parents/guardians/relatives with agents → user_observers.csv. Off in a standard ClassLink conversion. */
  observers: z.boolean().default(false),
  /** What a missing enrollment becomes in batch/diffing imports. */
  dropStatus: z.enum(['deleted', 'completed', 'inactive']).default('deleted'),
});
export type MappingOptions = z.infer<typeof MappingOptions>;
export type MappingOptionsInput = z.input<typeof MappingOptions>;

export const DEFAULT_MAPPING_OPTIONS: MappingOptions = MappingOptions.parse({});

/** Per-profile rule settings: severity overrides, mutes and acknowledgements of blockers (docs/rules.md "Readiness"). */
export const RuleSettings = z.object({
  severityOverrides: z.record(z.string(), z.enum(['blocker', 'warning', 'info'])).default({}),
  muted: z.array(z.string()).default([]),
  acknowledgements: z
    .array(
      z.object({
        ruleId: z.string(),
        entityType: z.string(),
        sourcedId: z.string(),
        reason: z.string().min(1),
        by: z.string().min(1),
        at: z.string(),
      }),
    )
    .default([]),
  /**
   * Why a blocker rule was downgraded or muted, who did it and when (one entry per rule, the latest). Required by
   * the settings service whenever a blocker rule stops counting as a blocker, so the verdict can say so.
   */
  downgrades: z
    .record(z.string(), z.object({ reason: z.string().min(1), by: z.string().min(1), at: z.string() }))
    .default({}),
});
export type RuleSettings = z.infer<typeof RuleSettings>;
