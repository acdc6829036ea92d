export { importCsvBundle, type CsvImportOptions, type CsvImportProgress } from './import';
export { CSV_FILES } from './columns';
