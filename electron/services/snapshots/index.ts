export { openSnapshotStore, SnapshotStore, INTERRUPTED } from './store';
export type { NewSnapshot } from './meta';
export type { AddResult, PageInfo, SnapshotWriter } from './writer';
export type { DuplicateRow, RecordOf, RejectedRow, StoredRecord } from './reading';
export { DB_FILE_NAME, resolveDbPath } from './db';
export { TABLES, tableSpec, recordColumns } from './tables';
