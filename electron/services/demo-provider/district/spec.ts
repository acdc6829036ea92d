import { ServiceError } from '../../../../shared/errors';

/** District size presets and the resolution of a partial DistrictSpec into concrete numbers. */
export type Preset = 'tiny' | 'small' | 'medium' | 'large';

/** A data defect to inject into an otherwise clean district (the catalogue is added by a later change). */
export interface DefectSpec {
  kind: string;
  /** Share of eligible records affected (0..1); each defect documents its own default. */
  rate?: number;
}

export interface DistrictSpec {
  seed?: number;
  schools?: number;
  /** Approximate total users (students + staff + parents). */
  users?: number;
  enrollmentsPerStudent?: number;
  preset?: Preset;
  /** Generate parent users linked to students through `agents`. */
  parents?: boolean;
  /** School year as 1.1 writes it: the year the school year ends (2027 = 2026-27). */
  schoolYear?: number;
  /** Target students per class section. */
  classSize?: number;
  /** Data defects to inject; empty = a clean district. */
  defects?: DefectSpec[];
}

export interface ResolvedSpec {
  seed: number;
  schools: number;
  users: number;
  enrollmentsPerStudent: number;
  parents: boolean;
  schoolYear: number;
  classSize: number;
  defects: DefectSpec[];
}

const PRESETS: Record<Preset, Omit<ResolvedSpec, 'seed' | 'schoolYear' | 'classSize' | 'defects'>> = {
  tiny: { schools: 2, users: 60, enrollmentsPerStudent: 4, parents: true },
  small: { schools: 3, users: 1_000, enrollmentsPerStudent: 6, parents: true },
  medium: { schools: 10, users: 10_000, enrollmentsPerStudent: 10, parents: false },
  large: { schools: 60, users: 100_000, enrollmentsPerStudent: 10, parents: false },
};

export const DEFAULT_SCHOOL_YEAR = 2027;
const MAX_USERS = 2_000_000;

/** A demo district spec that cannot be generated (code DEMO_DISTRICT_SPEC). */
export function districtSpecError(message: string, hint: string): ServiceError {
  return new ServiceError('DEMO_DISTRICT_SPEC', message, { hint });
}

function positiveInt(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw districtSpecError(
      `${name} must be a whole number from ${min} to ${max} (got ${value}).`,
      `Fix ${name} in the district spec.`,
    );
  }
}

export function resolveSpec(spec: DistrictSpec = {}): ResolvedSpec {
  if (spec.preset !== undefined && !(spec.preset in PRESETS)) {
    throw districtSpecError(`Unknown preset "${spec.preset}".`, 'Use one of: tiny, small, medium, large.');
  }
  positiveInt('users', spec.users, 10, MAX_USERS);
  positiveInt('schools', spec.schools, 1, 2_000);
  positiveInt('enrollmentsPerStudent', spec.enrollmentsPerStudent, 1, 12);
  positiveInt('schoolYear', spec.schoolYear, 1990, 2100);
  positiveInt('classSize', spec.classSize, 5, 200);
  const base = PRESETS[spec.preset ?? 'small'];
  const users = spec.users ?? base.users;
  const schools =
    spec.schools ??
    (spec.users !== undefined && spec.preset === undefined
      ? Math.max(2, Math.round(users / 1_500))
      : base.schools);
  return {
    seed: (spec.seed ?? 1) >>> 0,
    schools,
    users,
    enrollmentsPerStudent: spec.enrollmentsPerStudent ?? base.enrollmentsPerStudent,
    parents: spec.parents ?? base.parents,
    schoolYear: spec.schoolYear ?? DEFAULT_SCHOOL_YEAR,
    classSize: spec.classSize ?? 28,
    defects: spec.defects ?? [],
  };
}
