import type { RuleTally } from '../../../shared/evaluate/result';
import { formatCount } from '../../format';
import { SeverityBadge } from '../../components/Badges';

/**
 * Findings per rule as a list of buttons, one per rule: the severity written out (badge, and a bar pattern per
 * severity), the rule title and id, a bar on a square-root scale (one huge rule does not flatten the rest) and the
 * count. Tab reaches every rule; Enter or a click filters the grid to it.
 */
export function RuleChart({
  rules,
  selected = [],
  onSelect,
}: {
  rules: readonly RuleTally[];
  /** Rules the grid is filtered to (shown pressed). */
  selected?: readonly string[];
  onSelect?(ruleId: string): void;
}) {
  const max = Math.max(1, ...rules.map((r) => r.count));
  return (
    <ul className="rule-chart" aria-label="Findings per rule">
      {rules.map((r) => {
        const share = Math.max(1, Math.round((Math.sqrt(r.count) / Math.sqrt(max)) * 100));
        return (
          <li key={r.ruleId}>
            <button
              type="button"
              className={`rule-bar rule-bar-${r.severity}`}
              data-rule={r.ruleId}
              aria-pressed={selected.includes(r.ruleId)}
              aria-label={`${r.title} (${r.ruleId}), ${r.severity}: ${formatCount(r.count)} findings. List them`}
              onClick={() => onSelect?.(r.ruleId)}
            >
              <SeverityBadge severity={r.severity} />
              <span className="rule-bar-label">
                <span className="rule-bar-title">{r.title}</span>
                <span className="mono rule-bar-id">{r.ruleId}</span>
              </span>
              <span className="rule-bar-track" aria-hidden="true">
                <span className="rule-bar-fill" style={{ width: `${share}%` }} />
              </span>
              <span className="rule-bar-count">{formatCount(r.count)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
