export { openBaselineStore, BaselineStore, BaselineWriter, BASELINE_TABLE, type NewBaseline } from './store';
export {
  importProvisioningZip,
  type ImportProgress,
  type ImportProvisioningOptions,
  type ImportProvisioningResult,
} from './import-zip';
export { importProvisioningZipInWorker } from './import-thread';
export { fetchBaselineViaApi, type FetchViaApiOptions } from './fetch-api';
export {
  fetchBaselineViaReport,
  type FetchViaReportOptions,
  type FetchViaReportResult,
} from './fetch-report';
export { fetchCancelled, type BaselineFetchProgress, type FetchPhase, type ProgressFn } from './fetch-common';
