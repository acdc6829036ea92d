import { FAMILY_A_DEFECTS } from './defects/family-a';
import { FAMILY_B_DEFECTS } from './defects/family-b';
import type { GeneratedDistrict } from './model';
import type { DefectSpec } from './spec';
import { DistrictSpecError } from './spec';

/**
 * Data-defect injection (docs/oneroster-dialects.md). Each defect takes a clean district and returns one with the defect
 * applied (typically by wrapping a table's build/id functions), so defects compose and stay deterministic.
 * The clean district is the baseline every defect is measured against; each rule family adds its own defects.
 */
export type DefectFn = (district: GeneratedDistrict, defect: DefectSpec) => GeneratedDistrict;

export const DEFECTS: Record<string, DefectFn> = {
  ...FAMILY_A_DEFECTS,
  ...FAMILY_B_DEFECTS,
};

export function applyDefects(district: GeneratedDistrict, defects: readonly DefectSpec[]): GeneratedDistrict {
  let out = district;
  for (const defect of defects) {
    const fn = DEFECTS[defect.kind];
    if (!fn) {
      const known = Object.keys(DEFECTS);
      throw new DistrictSpecError(
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
