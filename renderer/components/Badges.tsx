import type { Severity } from '../../shared/rules/finding';
import type { CheckStatus } from '../../shared/verify/report';
import { Icon } from './Icon';

const SEVERITY_LABEL: Record<Severity, string> = { blocker: 'Blocker', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
};

export function StatusIcon({ status }: { status: CheckStatus | 'running' }) {
  if (status === 'running') {
    return <span className="status status-running" role="img" aria-label="Running" />;
  }
  return (
    <span
      className={`status status-${status}`}
      role="img"
      aria-label={STATUS_LABEL[status]}
      title={STATUS_LABEL[status]}
    >
      <Icon name={status} size={18} />
    </span>
  );
}
