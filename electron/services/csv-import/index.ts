export { importCsvBundle, type CsvImportOptions, type CsvImportProgress } from './import';
export { CSV_FILES } from './columns';
export { importCsvBundleInWorker } from './import-thread';
