import type { DistrictSpec } from './district/spec';

/**
 * The district "Open demo district" serves: medium-sized and realistic, with a few of the data problems real
 * feeds have, so a newcomer sees every screen populated (findings, badges in the mapping) rather than an
 * all-green district. Deterministic: the same seed and defects every run.
 */
export const DEMO_DISTRICT: DistrictSpec = {
  preset: 'medium',
  defects: [
    { kind: 'missing-username', rate: 0.002 },
    { kind: 'duplicate-username', rate: 0.002 },
    { kind: 'missing-email', rate: 0.01 },
    { kind: 'enrollment-no-dates', rate: 0.001 },
    { kind: 'admin-enrollment', rate: 0.01 },
    { kind: 'class-without-teacher' },
    { kind: 'missing-term-ref' },
    { kind: 'school-without-parent' },
    { kind: 'sourcedid-format' },
  ],
};
