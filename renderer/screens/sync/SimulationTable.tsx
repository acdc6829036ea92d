import { formatPercent, THRESHOLDED, thresholdShare } from '../../../shared/conversion/shares';
import type { SyncSimulation } from '../../../shared/sync/types';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../format';
import { SIM_LABEL } from './text';

function Num({ n, tone }: { n: number; tone?: 'add' | 'change' | 'remove' }) {
  if (n === 0) return <span className="muted">0</span>;
  return <span className={tone ? `sim-${tone}` : undefined}>{formatCount(n)}</span>;
}

/** Creates / updates / deletes / conclusions per type and term, and each thresholded type's % vs change_threshold. */
export function SimulationTable({ simulation }: { simulation: SyncSimulation }) {
  const { rows, importMode, percentages, exceeds } = simulation;
  const threshold = importMode.changeThreshold;
  const over = new Set<string>(exceeds);
  const totals = rows.reduce(
    (t, r) => ({
      create: t.create + r.create,
      update: t.update + r.update,
      delete: t.delete + r.delete,
      conclude: t.conclude + r.conclude,
      unchanged: t.unchanged + r.unchanged,
    }),
    { create: 0, update: 0, delete: 0, conclude: 0, unchanged: 0 },
  );
  const showsRemovals = importMode.mode !== 'standard';

  return (
    <div className="sync-simulation">
      {showsRemovals && (
        <ul className="threshold-list" aria-label="Deletions against the change threshold">
          {THRESHOLDED.map((type) => {
            // The share with its count, from the rows below (one formula: shared/conversion/shares).
            const share = thresholdShare(rows, importMode, type);
            return (
              <li key={type} data-type={type} data-over={over.has(type) ? 'true' : undefined}>
                <span className="threshold-type">{SIM_LABEL[type]}</span>
                <strong>{formatPercent(percentages[type], share.count)}</strong>
                <span className="muted small" data-testid={`threshold-${type}-count`}>
                  {formatCount(share.count)} of {formatCount(share.of)}
                </span>
                <span className="muted small">
                  {threshold === null ? 'no threshold' : `threshold ${threshold}%`}
                </span>
                {over.has(type) && (
                  <span className="badge badge-blocker">
                    <Icon name="alert" size={12} /> over
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="table-wrap">
        <table className="data-table sim-table" aria-label="Simulated changes">
          <thead>
            <tr>
              <th>Type</th>
              <th>Term</th>
              <th className="num">Create</th>
              <th className="num">Update</th>
              <th className="num">Delete</th>
              <th className="num">Conclude</th>
              <th className="num">Unchanged</th>
              <th className="num">In Canvas (SIS)</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  Nothing would change.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr
                key={`${r.type}:${r.term ?? ''}`}
                data-type={r.type}
                data-term={r.term ?? ''}
                data-over={over.has(r.type) && (r.delete > 0 || r.conclude > 0) ? 'true' : undefined}
              >
                <td className="cell-title">{SIM_LABEL[r.type]}</td>
                <td className="mono small">{r.term ?? <span className="muted">—</span>}</td>
                <td className="num" data-field="create">
                  <Num n={r.create} tone="add" />
                </td>
                <td className="num" data-field="update">
                  <Num n={r.update} tone="change" />
                </td>
                <td className="num" data-field="delete">
                  <Num n={r.delete} tone="remove" />
                </td>
                <td className="num" data-field="conclude">
                  <Num n={r.conclude} tone="remove" />
                </td>
                <td className="num" data-field="unchanged">
                  <Num n={r.unchanged} />
                </td>
                <td className="num" data-field="existing">
                  <Num n={r.existing} />
                </td>
              </tr>
            ))}
          </tbody>
          {rows.length > 1 && (
            <tfoot>
              <tr>
                <td colSpan={2}>Total</td>
                <td className="num">{formatCount(totals.create)}</td>
                <td className="num">{formatCount(totals.update)}</td>
                <td className="num">{formatCount(totals.delete)}</td>
                <td className="num">{formatCount(totals.conclude)}</td>
                <td className="num">{formatCount(totals.unchanged)}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
