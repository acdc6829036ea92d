export { csvField, csvLine, csvLines } from './csv-line';
export {
  CANVAS_FILE_ORDER,
  locateRow,
  orderAccounts,
  planToCsvFiles,
  type CanvasCsvFile,
  type CanvasCsvKind,
  type CanvasCsvOptions,
  type ChangeSisIdRow,
  type RowLocation,
} from './files';
export { writeCanvasZip, writeChangeSisIdCsv, type WrittenZip } from './zip';
export {
  validateCanvasCsvZip,
  type CanvasCsvFileInfo,
  type CanvasCsvProblem,
  type CanvasCsvValidation,
  type ValidateOptions,
} from './validate';
export { detectKind, IMPORT_KINDS, SPECS, type ImportKind } from './rules';
