import { stringify } from 'csv-stringify/sync';
import {
  CHANGE_SIS_ID_COLUMNS,
  type Confidence,
  type ConversionResult,
  type RemapProposal,
} from '../../../shared/conversion/types';

/** One change_sis_id.csv row (docs/canvas-importer.md); `source` is the OneRoster record it renames to. */
export type ChangeSisIdRow = Record<(typeof CHANGE_SIS_ID_COLUMNS)[number], string> & { source: string };

export interface ChangeSisIdOptions {
  /** Pending proposals at or above this confidence are included too (default 'high'). */
  minConfidence?: Confidence;
  /** Only accepted proposals (what the sync sends). */
  acceptedOnly?: boolean;
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

export function toChangeSisIdRow(p: RemapProposal): ChangeSisIdRow {
  return {
    old_id: p.oldId,
    new_id: p.newId,
    old_integration_id: p.oldIntegrationId,
    new_integration_id: p.newIntegrationId,
    type: p.type,
    source: p.source,
  };
}

/** Rows for the accepted proposals, plus (unless acceptedOnly) pending ones at or above minConfidence; never rejected ones. */
export function changeSisIdRows(
  result: Pick<ConversionResult, 'proposals'>,
  options: ChangeSisIdOptions = {},
): ChangeSisIdRow[] {
  const min = RANK[options.minConfidence ?? 'high'];
  return result.proposals
    .filter(
      (p) =>
        p.decision === 'accepted' ||
        (!options.acceptedOnly && p.decision === 'pending' && RANK[p.confidence] <= min),
    )
    .map(toChangeSisIdRow);
}

/** What the sync and the report send: accepted proposals only. */
export function acceptedChangeSisIdRows(result: Pick<ConversionResult, 'proposals'>): ChangeSisIdRow[] {
  return changeSisIdRows(result, { acceptedOnly: true });
}

/** change_sis_id.csv text: the header, then one RFC 4180 row per remap. */
export function changeSisIdCsv(rows: readonly ChangeSisIdRow[]): string {
  return stringify(
    rows.map((r) => CHANGE_SIS_ID_COLUMNS.map((c) => r[c])),
    { header: true, columns: [...CHANGE_SIS_ID_COLUMNS], record_delimiter: '\n' },
  );
}
