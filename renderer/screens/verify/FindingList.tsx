import type { Finding } from '../../../shared/rules/finding';
import { ruleInfo } from '../../../shared/rules/catalog';
import { SeverityBadge } from '../../components/Badges';

/** Each problem in plain language, with what to do about it. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  return (
    <ul className="finding-list" aria-label="Problems found">
      {findings.map((f) => (
        <li
          key={`${f.ruleId}|${f.entityType}|${f.sourcedId}`}
          className={`finding finding-${f.severity}`}
          data-rule={f.ruleId}
        >
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <span className="finding-title">{titleOf(f.ruleId)}</span>
            <code className="finding-rule">{f.ruleId}</code>
          </div>
          <p className="finding-message">{f.message}</p>
          <p className="finding-remedy">
            <strong>How to fix:</strong> {f.remedy}
          </p>
        </li>
      ))}
    </ul>
  );
}

function titleOf(ruleId: string): string {
  try {
    return ruleInfo(ruleId).title;
  } catch {
    return ruleId;
  }
}
