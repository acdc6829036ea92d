/** Row-level model of Canvas's SIS importer: what Canvas will do with every row of a sync's zip. */
export { predictImport } from './predict';
export {
  fromCsvFiles,
  loadBaselineRows,
  readImportZip,
  type CanvasRows,
  type ImportFile,
  type PredictInput,
  type StickyFields,
} from './input';
export { readParams, refusalOf, type ImportOptions } from './params';
export { predictionFindings } from './findings';
export { MSG as CANVAS_MESSAGES, holderLabel, builtInRole, LOGIN_MAX, NON_PRINTABLE } from './messages';
