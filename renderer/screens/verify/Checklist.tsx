import type { VerifyCheck } from '../../../shared/verify/report';
import { StatusIcon } from '../../components/Badges';
import { formatCount, formatMs } from '../../format';
import { sampleText } from './summaryText';

const NONE = (
  <span className="none" aria-label="not applicable">
    —
  </span>
);

/** The verify checklist: one row per check, streamed in as checks finish. */
export function Checklist({ checks, running }: { checks: readonly VerifyCheck[]; running: boolean }) {
  return (
    <div className="table-wrap">
      <table className="checklist" aria-label="Verification checklist">
        <thead>
          <tr>
            <th className="col-status">
              <span className="visually-hidden">Status</span>
            </th>
            <th>Check</th>
            <th>Endpoint</th>
            <th className="num">HTTP</th>
            <th className="num">Latency</th>
            <th className="num">X-Total-Count</th>
            <th>Sample</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.id} data-check={check.id} data-status={check.status}>
              <td className="col-status">
                <StatusIcon status={check.status} />
              </td>
              <td>
                <div className="check-label">{check.label}</div>
                {check.detail && <div className="check-detail">{check.detail}</div>}
              </td>
              <td>{check.endpoint ? <span className="mono">{check.endpoint}</span> : NONE}</td>
              <td className="num">
                {check.httpStatus !== undefined ? <span className="mono">{check.httpStatus}</span> : NONE}
              </td>
              <td className="num">{check.latencyMs !== undefined ? formatMs(check.latencyMs) : NONE}</td>
              <td className="num">
                {check.totalCount !== undefined && check.totalCount !== null
                  ? formatCount(check.totalCount)
                  : NONE}
              </td>
              <td className={check.sampleInvalid ? 'sample sample-bad' : 'sample'}>
                {check.sampleSize !== undefined ? sampleText(check) : NONE}
              </td>
            </tr>
          ))}
          {running && (
            <tr className="row-running">
              <td className="col-status">
                <StatusIcon status="running" />
              </td>
              <td colSpan={6} className="muted">
                Checking…
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
