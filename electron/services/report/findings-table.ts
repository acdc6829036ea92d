import { acknowledgementOf } from '../../../shared/evaluate/apply-settings';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import type { Finding } from '../../../shared/rules/finding';
import { scrubDetail, scrubText } from './scrub';

/** One findings row as the CSV and XLSX exports write it (same columns, same order, secrets scrubbed). */
export const FINDING_COLUMNS = [
  { key: 'severity', header: 'severity', width: 10 },
  { key: 'ruleId', header: 'rule_id', width: 22 },
  { key: 'title', header: 'rule_title', width: 34 },
  { key: 'entityType', header: 'entity_type', width: 14 },
  { key: 'sourcedId', header: 'sourced_id', width: 28 },
  { key: 'message', header: 'message', width: 60 },
  { key: 'remedy', header: 'remedy', width: 60 },
  { key: 'ackReason', header: 'acknowledged_reason', width: 30 },
  { key: 'ackBy', header: 'acknowledged_by', width: 16 },
  { key: 'ackAt', header: 'acknowledged_at', width: 22 },
  { key: 'related', header: 'related', width: 30 },
  { key: 'detail', header: 'detail', width: 40 },
] as const;

export type FindingColumn = (typeof FINDING_COLUMNS)[number]['key'];
export type FindingRow = Record<FindingColumn, string>;

export function findingRow(f: Finding): FindingRow {
  const ack = acknowledgementOf(f);
  const { acknowledged: _ack, ...detail } = f.detail ?? {};
  return {
    severity: f.severity,
    ruleId: f.ruleId,
    title: RULES_BY_ID.get(f.ruleId)?.title ?? f.ruleId,
    entityType: f.entityType,
    sourcedId: f.sourcedId,
    message: scrubText(f.message),
    remedy: f.remedy,
    ackReason: ack?.reason ?? '',
    ackBy: ack?.by ?? '',
    ackAt: ack?.at ?? '',
    related: (f.related ?? []).map((r) => `${r.entityType}:${r.sourcedId}`).join(' '),
    detail: scrubDetail(detail),
  };
}
