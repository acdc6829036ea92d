import { ruleInfo } from '../../../shared/rules/catalog';
import type { Finding, Severity } from '../../../shared/rules/finding';

export interface ConnFindingInput {
  /** 'endpoint' (sourcedId = endpoint path) or 'profile' (sourcedId = base URL) — docs/rules.md "Finding". */
  entityType: 'endpoint' | 'profile';
  sourcedId: string;
  message: string;
  /** What to do in this case; the catalogue remedy is appended when it adds something. */
  remedy?: string;
  severity?: Severity;
  detail?: Record<string, unknown>;
}

/** Builds a CONN-* finding with the catalogue's default severity and a remedy refined with specifics. */
export function connFinding(ruleId: string, input: ConnFindingInput): Finding {
  const rule = ruleInfo(ruleId);
  const remedy = input.remedy ? `${input.remedy}${/[.!?]$/.test(input.remedy) ? '' : '.'}` : rule.remedy;
  const finding: Finding = {
    ruleId,
    severity: input.severity ?? rule.severity,
    entityType: input.entityType,
    sourcedId: input.sourcedId,
    message: input.message,
    remedy,
  };
  if (input.detail) finding.detail = input.detail;
  return finding;
}
