import type { GeneratedDistrict } from '../model';
import type { DefectSpec } from '../spec';

/**
 * One data defect: takes a clean district and returns one with the defect applied (typically by wrapping a
 * table's build/id functions), so defects compose. Its own module so the defect tables and the list that joins
 * them (../defects.ts) do not import each other.
 */
export type DefectFn = (district: GeneratedDistrict, defect: DefectSpec) => GeneratedDistrict;
