import { z } from 'zod';

/**
 * The Canvas "baseline": what the district's Canvas holds today, as the provisioning_csv account report (or the
 * read APIs) expose it (docs/canvas-importer.md). Field names follow the report's columns exactly; blank values are
 * '' (never null), Canvas ids are kept as digit strings (they exceed 2^53 on sharded instances).
 *
 * One users row per login (pseudonym): a user with two logins appears twice with the same canvas_user_id.
 * Crosslisting comes from the report's xlist file and is folded into the section rows
 * (canvas_nonxlist_course_id / nonxlist_course_id = the course the section came from; '' = not crosslisted).
 */
export const BASELINE_TYPES = ['accounts', 'terms', 'courses', 'sections', 'users', 'enrollments'] as const;
export type BaselineType = (typeof BASELINE_TYPES)[number];

const canvasId = z.string().regex(/^\d+$/, 'must be a Canvas id (digits)');
const optCanvasId = z.union([z.literal(''), canvasId]);
const text = z.string();

export const AccountStatus = z.enum(['active', 'deleted']);
export const TermStatus = z.enum(['active', 'deleted']);
/** The report says unpublished/active/concluded/deleted; the API's workflow state 'completed' is accepted too. */
export const CourseStatus = z.enum(['unpublished', 'active', 'concluded', 'completed', 'deleted']);
export const SectionStatus = z.enum(['active', 'deleted']);
export const UserStatus = z.enum(['active', 'suspended', 'deleted']);
export const EnrollmentStatus = z.enum([
  'active',
  'invited',
  'creation_pending',
  'concluded',
  'completed',
  'inactive',
  'deleted',
  'rejected',
]);

export const BaselineAccount = z.object({
  canvas_account_id: canvasId,
  account_id: text,
  canvas_parent_id: optCanvasId,
  parent_account_id: text,
  name: text,
  status: AccountStatus,
  created_by_sis: z.boolean(),
});

export const BaselineTerm = z.object({
  canvas_term_id: canvasId,
  term_id: text,
  name: text,
  status: TermStatus,
  start_date: text,
  end_date: text,
  created_by_sis: z.boolean(),
});

export const BaselineCourse = z.object({
  canvas_course_id: canvasId,
  course_id: text,
  integration_id: text,
  short_name: text,
  long_name: text,
  canvas_account_id: optCanvasId,
  account_id: text,
  canvas_term_id: optCanvasId,
  term_id: text,
  status: CourseStatus,
  start_date: text,
  end_date: text,
  created_by_sis: z.boolean(),
});

export const BaselineSection = z.object({
  canvas_section_id: canvasId,
  section_id: text,
  canvas_course_id: canvasId,
  course_id: text,
  integration_id: text,
  name: text,
  status: SectionStatus,
  start_date: text,
  end_date: text,
  canvas_nonxlist_course_id: optCanvasId,
  nonxlist_course_id: text,
  created_by_sis: z.boolean(),
});

export const BaselineUser = z.object({
  canvas_user_id: canvasId,
  user_id: text,
  integration_id: text,
  authentication_provider_id: text,
  login_id: text,
  first_name: text,
  last_name: text,
  full_name: text,
  sortable_name: text,
  email: text,
  status: UserStatus,
  created_by_sis: z.boolean(),
});

export const BaselineEnrollment = z.object({
  canvas_enrollment_id: optCanvasId,
  canvas_course_id: canvasId,
  course_id: text,
  canvas_section_id: optCanvasId,
  section_id: text,
  canvas_user_id: canvasId,
  user_id: text,
  role: text,
  base_role_type: text,
  status: EnrollmentStatus,
  canvas_associated_user_id: optCanvasId,
  associated_user_id: text,
  created_by_sis: z.boolean(),
});

/** The report's xlist file: one row per crosslisted section (folded into BaselineSection on import). */
export const BaselineXlist = z.object({
  canvas_xlist_course_id: canvasId,
  xlist_course_id: text,
  canvas_section_id: canvasId,
  section_id: text,
  status: z.enum(['active', 'deleted']),
  canvas_nonxlist_course_id: canvasId,
  nonxlist_course_id: text,
});

export const BASELINE_SCHEMAS = {
  accounts: BaselineAccount,
  terms: BaselineTerm,
  courses: BaselineCourse,
  sections: BaselineSection,
  users: BaselineUser,
  enrollments: BaselineEnrollment,
} as const satisfies Record<BaselineType, z.ZodType>;

export type BaselineAccount = z.infer<typeof BaselineAccount>;
export type BaselineTerm = z.infer<typeof BaselineTerm>;
export type BaselineCourse = z.infer<typeof BaselineCourse>;
export type BaselineSection = z.infer<typeof BaselineSection>;
export type BaselineUser = z.infer<typeof BaselineUser>;
export type BaselineEnrollment = z.infer<typeof BaselineEnrollment>;
export type BaselineXlist = z.infer<typeof BaselineXlist>;

export interface BaselineRecordMap {
  accounts: BaselineAccount;
  terms: BaselineTerm;
  courses: BaselineCourse;
  sections: BaselineSection;
  users: BaselineUser;
  enrollments: BaselineEnrollment;
}
export type BaselineRecord<T extends BaselineType> = BaselineRecordMap[T];

/** Record fields per type, in schema order (= storage column order). */
export const BASELINE_FIELDS = {
  accounts: Object.keys(BaselineAccount.shape),
  terms: Object.keys(BaselineTerm.shape),
  courses: Object.keys(BaselineCourse.shape),
  sections: Object.keys(BaselineSection.shape),
  users: Object.keys(BaselineUser.shape),
  enrollments: Object.keys(BaselineEnrollment.shape),
} as { readonly [T in BaselineType]: ReadonlyArray<keyof BaselineRecord<T> & string> };

/**
 * provisioning_csv report columns per file, as Canvas writes them (docs/canvas-importer.md), for the columns this tool
 * reads or writes. Other report columns (role_id, course_format, pronouns…) are accepted and ignored.
 */
export const PROVISIONING_COLUMNS = {
  accounts: [
    'canvas_account_id',
    'account_id',
    'canvas_parent_id',
    'parent_account_id',
    'name',
    'status',
    'created_by_sis',
  ],
  terms: ['canvas_term_id', 'term_id', 'name', 'status', 'start_date', 'end_date', 'created_by_sis'],
  courses: [
    'canvas_course_id',
    'course_id',
    'integration_id',
    'short_name',
    'long_name',
    'canvas_account_id',
    'account_id',
    'canvas_term_id',
    'term_id',
    'status',
    'start_date',
    'end_date',
    'created_by_sis',
  ],
  sections: [
    'canvas_section_id',
    'section_id',
    'canvas_course_id',
    'course_id',
    'integration_id',
    'name',
    'status',
    'start_date',
    'end_date',
    'created_by_sis',
  ],
  users: [
    'canvas_user_id',
    'user_id',
    'integration_id',
    'authentication_provider_id',
    'login_id',
    'first_name',
    'last_name',
    'full_name',
    'sortable_name',
    'email',
    'status',
    'created_by_sis',
  ],
  enrollments: [
    'canvas_course_id',
    'course_id',
    'canvas_user_id',
    'user_id',
    'role',
    'canvas_section_id',
    'section_id',
    'status',
    'canvas_associated_user_id',
    'associated_user_id',
    'created_by_sis',
    'base_role_type',
    'canvas_enrollment_id',
  ],
  xlist: [
    'canvas_xlist_course_id',
    'xlist_course_id',
    'canvas_section_id',
    'section_id',
    'status',
    'canvas_nonxlist_course_id',
    'nonxlist_course_id',
  ],
} as const;
export type ProvisioningFile = keyof typeof PROVISIONING_COLUMNS;

/** Columns that must be in a report file's header (its Canvas id and status); the rest default to ''. */
export const REQUIRED_COLUMNS: Record<ProvisioningFile, readonly string[]> = {
  accounts: ['canvas_account_id', 'status'],
  terms: ['canvas_term_id', 'status'],
  courses: ['canvas_course_id', 'status'],
  sections: ['canvas_section_id', 'canvas_course_id', 'status'],
  users: ['canvas_user_id', 'login_id', 'status'],
  enrollments: ['canvas_course_id', 'canvas_user_id', 'status'],
  xlist: ['canvas_xlist_course_id', 'canvas_section_id', 'canvas_nonxlist_course_id', 'status'],
};

export const BaselineSource = z.enum(['report', 'api']);
export type BaselineSource = z.infer<typeof BaselineSource>;
export const BaselineStatus = z.enum(['running', 'complete', 'failed']);
export type BaselineStatus = z.infer<typeof BaselineStatus>;

/** Rows per type, with a breakdown by Canvas status. */
export const TypeCount = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});
export type TypeCount = z.infer<typeof TypeCount>;
export const BaselineCounts = z.object({
  accounts: TypeCount,
  terms: TypeCount,
  courses: TypeCount,
  sections: TypeCount,
  users: TypeCount,
  enrollments: TypeCount,
  /** Crosslisted sections. */
  crosslisted: z.number().int(),
});
export type BaselineCounts = z.infer<typeof BaselineCounts>;

export const BaselineMeta = z.object({
  id: z.string(),
  profileId: z.string().nullable(),
  source: BaselineSource,
  status: BaselineStatus,
  fetchedAt: z.string(),
  finishedAt: z.string().nullable(),
  canvasUrl: z.string().nullable(),
  rootAccountId: z.string().nullable(),
  counts: BaselineCounts.nullable(),
  error: z.string().nullable(),
});
export type BaselineMeta = z.infer<typeof BaselineMeta>;

/** A problem in the report: which file and line (1 = header; 0 = the file as a whole). */
export const BaselineProblem = z.object({
  file: z.string(),
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
});
export type BaselineProblem = z.infer<typeof BaselineProblem>;
