export { evaluateConversion, type EvaluateConversionInput } from './evaluate-conversion';
export {
  acceptedChangeSisIdRows,
  changeSisIdCsv,
  changeSisIdRows,
  toChangeSisIdRow,
  type ChangeSisIdOptions,
  type ChangeSisIdRow,
} from './change-sis-id';
export { decide, decideWhere, matchesFilter, RemapDecisionStore, type ProposalFilter } from './decisions';
export { indexBaseline, type BaselineIndex } from './index-baseline';
export { simulate, Tally } from './simulate';
