import type { IpcError } from '../../shared/ipc/define';
import { Icon } from './Icon';

/** An error as the user should see it: what happened, and what to do. Never a stack trace. */
export function ErrorNotice({ error, onDismiss }: { error: IpcError; onDismiss?: () => void }) {
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      <Icon name="alert" className="notice-icon" />
      <div className="notice-body">
        <p className="notice-message">{error.message}</p>
        {error.hint && <p className="notice-hint">{error.hint}</p>}
      </div>
      {onDismiss && (
        <button type="button" className="btn-icon" onClick={onDismiss} aria-label="Dismiss">
          <Icon name="x" size={16} />
        </button>
      )}
    </div>
  );
}
