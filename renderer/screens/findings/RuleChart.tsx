import type { RuleTally } from '../../../shared/evaluate/result';
import { formatCount } from '../../format';

const BAR_H = 22;
const GAP = 6;
const LABEL_W = 250;
const COUNT_W = 64;

/**
 * Findings per rule as horizontal bars (plain SVG). Bar length is proportional on a square-root scale so one huge
 * rule does not flatten the rest; the count is written next to each bar. Clicking a bar filters the grid.
 */
export function RuleChart({
  rules,
  width,
  onSelect,
}: {
  rules: readonly RuleTally[];
  width: number;
  onSelect?(ruleId: string): void;
}) {
  const max = Math.max(1, ...rules.map((r) => r.count));
  const barMax = Math.max(40, width - LABEL_W - COUNT_W);
  const height = rules.length * (BAR_H + GAP);
  return (
    <svg
      className="rule-chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Findings per rule: ${rules.map((r) => `${r.ruleId} ${r.count}`).join(', ')}`}
    >
      {rules.map((r, i) => {
        const y = i * (BAR_H + GAP);
        const w = Math.max(3, Math.round((Math.sqrt(r.count) / Math.sqrt(max)) * barMax));
        return (
          <g
            key={r.ruleId}
            transform={`translate(0 ${y})`}
            className={`rule-bar rule-bar-${r.severity}`}
            data-rule={r.ruleId}
            onClick={() => onSelect?.(r.ruleId)}
          >
            <title>{`${r.ruleId} — ${r.title}: ${formatCount(r.count)}`}</title>
            <text
              x={LABEL_W - 10}
              y={BAR_H / 2}
              dominantBaseline="central"
              textAnchor="end"
              className="rule-bar-label"
            >
              {truncate(r.title, 34)}
            </text>
            <rect x={LABEL_W} y={2} width={w} height={BAR_H - 4} rx={3} className="rule-bar-fill" />
            <text x={LABEL_W + w + 8} y={BAR_H / 2} dominantBaseline="central" className="rule-bar-count">
              {formatCount(r.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
