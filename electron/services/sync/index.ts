/** One-off sync to Canvas (docs/architecture.md "Data flow"): guard rails, simulation, send + follow, history per profile. */
export { checkSyncAllowed, type SyncGuardInput } from './guard';
export { simulateSync, type SimulateSyncInput } from './simulate';
export { importParams } from './params';
export { SyncHistoryStore, type NewHistoryEntry } from './history';
export { acquireSyncLock, isSyncRunning, type SyncLock } from './lock';
export { mapMessages, parseErrorFile, type ErrorFileRow, type Locate } from './messages';
export {
  readCanvasMessages,
  type CanvasReport,
  type ReadCanvasMessages,
  type ReadMessages,
} from './read-messages';
export { abortSisImport, getSisImport, postSisImport, type SisImportJson } from './canvas-import';
export { resumeSync, runSync, type PollOptions, type RunSyncOptions, type SyncOutcome } from './run';
export { reportEntry } from './report-entry';
export { guardRails, refusalsOf, type GuardRailInput, type GuardRailOutcome } from './guard-rails';
export { comparePrediction, predictionFor, countKeyOf, rowsPerFile, type FileRows } from './compare';
export {
  prepareSync,
  refusalsToSend,
  sendSync,
  type PreparedSync,
  type Predictor,
  type PredictorOutput,
  type SendSyncOptions,
  type SyncIngredients,
} from './prepare-sync';
