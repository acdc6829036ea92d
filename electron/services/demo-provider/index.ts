/**
 * The bundled OneRoster 1.1 REST provider ("Open demo district"), also started by tests and benchmarks.
 * Plain Node (node:http), loopback only.
 */
export { startProvider } from './server/provider';
export { generateDistrict } from './district/generate';
export { districtSpecError } from './district/spec';
export { DEMO_DISTRICT } from './demo-district';
export type { DistrictSpec, DefectSpec, Preset, ResolvedSpec } from './district/spec';
export type {
  GeneratedDistrict,
  DistrictCounts,
  Table,
  TableName,
  JsonRecord,
  BuildContext,
  GuidRef,
} from './district/model';
export { TABLE_NAMES } from './district/model';
export type { Faults } from './server/faults';
export { V1P1_SCOPES, V1P1_SCOPE_PREFIX } from './server/oauth2';
export type { ProviderOptions, ProviderAuthOptions, ProviderStats, RunningProvider } from './types';
