export { openBaselineStore, BaselineStore, BaselineWriter, BASELINE_TABLE, type NewBaseline } from './store';
export {
  importProvisioningZip,
  type ImportProgress,
  type ImportProvisioningOptions,
  type ImportProvisioningResult,
} from './import-zip';
