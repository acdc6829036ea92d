import { expect } from 'vitest';
import type {
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../shared/canvas/baseline';
import type { ImportPrediction, PredictedKind } from '../../shared/sync/prediction';
import {
  predictImport,
  type ImportFile,
  type StickyFields,
} from '../../electron/services/canvas-import-model';
import type { BaselineRows } from '../../electron/services/demo-canvas';
import { applyImport, type AppliedImport } from '../../electron/services/demo-canvas/importer/apply-import';

/**
 * A small hand-made Canvas and import files, run through the predictor (over the baseline) and through the Canvas
 * double's importer (applied to a copy of the same Canvas), so every behaviour is checked on both.
 */

let next = 1000;
const id = () => String(next++);

export function login(sis: string, loginId: string, over: Partial<BaselineUser> = {}): BaselineUser {
  return {
    canvas_user_id: id(),
    user_id: sis,
    integration_id: '',
    authentication_provider_id: '',
    login_id: loginId,
    first_name: 'First',
    last_name: sis,
    full_name: `First ${sis}`,
    sortable_name: `${sis}, First`,
    email: '',
    status: 'active',
    created_by_sis: true,
    ...over,
  };
}

export function term(sis: string, over: Partial<BaselineTerm> = {}): BaselineTerm {
  return {
    canvas_term_id: id(),
    term_id: sis,
    name: `Term ${sis}`,
    status: 'active',
    start_date: '',
    end_date: '',
    created_by_sis: true,
    ...over,
  };
}

export function course(
  sis: string,
  t: BaselineTerm | null,
  over: Partial<BaselineCourse> = {},
): BaselineCourse {
  return {
    canvas_course_id: id(),
    course_id: sis,
    integration_id: '',
    short_name: sis,
    long_name: `Course ${sis}`,
    canvas_account_id: '1',
    account_id: '',
    canvas_term_id: t?.canvas_term_id ?? '',
    term_id: t?.term_id ?? '',
    status: 'active',
    start_date: '',
    end_date: '',
    created_by_sis: true,
    ...over,
  };
}

export function section(
  sis: string,
  c: BaselineCourse,
  over: Partial<BaselineSection> = {},
): BaselineSection {
  return {
    canvas_section_id: id(),
    section_id: sis,
    canvas_course_id: c.canvas_course_id,
    course_id: c.course_id,
    integration_id: '',
    name: `Section ${sis}`,
    status: 'active',
    start_date: '',
    end_date: '',
    canvas_nonxlist_course_id: '',
    nonxlist_course_id: '',
    created_by_sis: true,
    ...over,
  };
}

export function enrollment(
  s: BaselineSection,
  u: BaselineUser,
  over: Partial<BaselineEnrollment> = {},
): BaselineEnrollment {
  return {
    canvas_enrollment_id: id(),
    canvas_course_id: s.canvas_course_id,
    course_id: s.course_id,
    canvas_section_id: s.canvas_section_id,
    section_id: s.section_id,
    canvas_user_id: u.canvas_user_id,
    user_id: u.user_id,
    role: 'student',
    base_role_type: 'StudentEnrollment',
    status: 'active',
    canvas_associated_user_id: '',
    associated_user_id: '',
    created_by_sis: true,
    ...over,
  };
}

export function emptyCanvas(): BaselineRows {
  return { accounts: [], terms: [], courses: [], sections: [], users: [], enrollments: [] };
}

/** CSV rows per file, in file order (values as text). */
export type Files = Partial<Record<PredictedKind, Array<Record<string, string>>>>;

export const userRow = (user_id: string, login_id: string, over: Record<string, string> = {}) => ({
  user_id,
  login_id,
  first_name: 'First',
  last_name: user_id,
  email: '',
  status: 'active',
  ...over,
});
export const enrollmentRow = (
  course_id: string,
  section_id: string,
  user_id: string,
  over: Record<string, string> = {},
) => ({
  course_id,
  section_id,
  user_id,
  role: 'student',
  status: 'active',
  ...over,
});

export function importFiles(files: Files): ImportFile[] {
  return Object.entries(files).map(([kind, rows]) => ({
    name: `${kind}.csv`,
    kind: kind as PredictedKind,
    rows: rows!,
  }));
}

export const STANDARD = { import_type: 'instructure_csv', extension: 'zip' };

export interface Both {
  prediction: ImportPrediction;
  applied: AppliedImport;
  /** Canvas after the double applied the import. */
  after: BaselineRows;
}

/**
 * Runs the predictor over `canvas` and the double's importer on a copy of it. `sticky` names UI-edited fields by
 * type and SIS id, for both.
 */
export function run(
  canvas: BaselineRows,
  files: Files,
  params: Record<string, string> = STANDARD,
  sticky: StickyFields = {},
): Both {
  const list = importFiles(files);
  const prediction = predictImport({ files: list, baseline: structuredClone(canvas), params, sticky });
  const after = structuredClone(canvas);
  const stuck = new WeakMap<object, Set<string>>();
  const idOf: Record<string, (o: Record<string, unknown>) => unknown> = {
    accounts: (o) => o.account_id,
    terms: (o) => o.term_id,
    courses: (o) => o.course_id,
    sections: (o) => o.section_id,
    users: (o) => o.user_id,
  };
  for (const [type, byId] of Object.entries(sticky)) {
    const rows = after[type as keyof BaselineRows] as unknown as Array<Record<string, unknown>>;
    for (const [sis, fields] of Object.entries(byId ?? {}))
      for (const r of rows) if (idOf[type]!(r) === sis) stuck.set(r, new Set(fields));
  }
  const applied = applyImport(after, list, params, stuck);
  return { prediction, applied, after };
}

const COUNTED = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'user_observers',
  'change_sis_ids',
  'batch_courses_deleted',
  'batch_sections_deleted',
  'batch_enrollments_deleted',
];

/** The double did exactly what was predicted: the same counts, and the same messages on the same rows. */
export function expectAgreement({ prediction, applied }: Both): void {
  const predicted = Object.fromEntries(COUNTED.map((k) => [k, prediction.counts[k] ?? 0]));
  const actual = Object.fromEntries(COUNTED.map((k) => [k, applied.counts[k] ?? 0]));
  expect(actual).toEqual(predicted);
  const key = (m: { file: string; row: number; message: string }) => `${m.file}#${m.row}: ${m.message}`;
  expect(applied.warnings.map(([file, message, row]) => key({ file, row, message })).sort()).toEqual(
    prediction.warnings.map(key).sort(),
  );
  expect(applied.aborted).toBe(prediction.abort !== null);
}

/** The predicted outcome of a row (by file and SIS id). */
export function outcomeOf(p: ImportPrediction, kind: PredictedKind, sisId: string) {
  const o = p.rows.find((r) => r.kind === kind && r.sisId === sisId);
  if (!o) throw new Error(`no ${kind} row ${sisId}`);
  return o;
}
