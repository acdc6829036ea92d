import type { DefectFn } from './defects/defect-fn';
import { STRUCTURE_DEFECTS } from './defects/structure-defects';
import { USER_ENROLLMENT_DEFECTS } from './defects/user-enrollment-defects';
import type { GeneratedDistrict } from './model';
import type { DefectSpec } from './spec';
import { districtSpecError } from './spec';

/**
 * Data-defect injection (docs/oneroster-dialects.md). Each defect (a DefectFn, defects/defect-fn.ts) takes a clean
 * district and returns one with the defect applied, so defects compose and stay deterministic. The clean district
 * is the baseline every defect is measured against; the structure rules (records, orgs, terms, classes, courses,
 * ids) and the user and enrollment rules each have their own defect table.
 */
export const DEFECTS: Record<string, DefectFn> = {
  ...STRUCTURE_DEFECTS,
  ...USER_ENROLLMENT_DEFECTS,
};

export function applyDefects(district: GeneratedDistrict, defects: readonly DefectSpec[]): GeneratedDistrict {
  let out = district;
  for (const defect of defects) {
    const fn = DEFECTS[defect.kind];
    if (!fn) {
      const known = Object.keys(DEFECTS);
      throw districtSpecError(
        `Unknown data defect "${defect.kind}".`,
        known.length
          ? `Use one of: ${known.join(', ')}.`
          : 'No data defects are available yet; remove the defects list.',
      );
    }
    out = fn(out, defect);
  }
  return out;
}
