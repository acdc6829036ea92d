/** The bundled Canvas API double (tests, benchmarks, demo) and the generated baselines it serves. */
export {
  startCanvasDouble,
  type CanvasDoubleOptions,
  type CanvasDoubleStats,
  type RunningCanvasDouble,
} from './server';
export type { ThrottleOptions } from './throttle';
export type { CanvasRequest, CanvasResponse, CanvasRoute } from './route';
export {
  generateBaseline,
  type BaselineExpectations,
  type BaselineRows,
  type BaselineScenarios,
  type GeneratedBaseline,
} from './generate-baseline';
export { writeProvisioningZip, writeZip, csvValue, type ProvisioningZipOptions } from './write-zip';
export {
  createSisImportState,
  sisImportRoutes,
  type SisImportKnobs,
  type SisImportState,
} from './sis-import-routes';
