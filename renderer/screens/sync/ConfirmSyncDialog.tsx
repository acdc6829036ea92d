import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncSimulation } from '../../../shared/sync/types';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../format';
import { MODE_INFO } from './text';

/**
 * The last step before anything is sent: what will happen, in one paragraph, and the district name typed by hand.
 * Enter confirms once the name matches; Esc or a click outside cancels.
 */
export function ConfirmSyncDialog({
  districtName,
  canvasHost,
  importMode,
  simulation,
  busy,
  onConfirm,
  onCancel,
}: {
  districtName: string;
  canvasHost: string;
  importMode: ImportMode;
  simulation: SyncSimulation;
  busy: boolean;
  onConfirm(typed: string): void;
  onCancel(): void;
}) {
  const titleId = useId();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === districtName.trim();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const sum = (k: 'create' | 'update' | 'delete' | 'conclude') =>
    simulation.rows.reduce((n, r) => n + r[k], 0);
  const removals = sum('delete') + sum('conclude');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (matches && !busy) onConfirm(typed);
  };

  return (
    <div className="overlay overlay-center" onMouseDown={onCancel}>
      <form
        className="dialog sync-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h2 id={titleId}>Sync {districtName} to Canvas?</h2>
        <div className="dialog-body">
          <p>
            A <strong>{MODE_INFO[importMode.mode].label.toLowerCase()}</strong> import goes to{' '}
            <span className="mono">{canvasHost}</span>: {formatCount(sum('create'))} to create,{' '}
            {formatCount(sum('update'))} to update
            {removals > 0 ? (
              <>
                , <strong className="sim-remove">{formatCount(removals)} to delete or conclude</strong>
              </>
            ) : (
              ', nothing deleted'
            )}
            . Canvas applies it right away; it cannot be undone from here.
          </p>
          {simulation.exceeds.length > 0 && (
            <p className="warn-text">
              <Icon name="warn" size={14} /> Deletions of {simulation.exceeds.join(', ')} exceed the change
              threshold: Canvas will refuse to delete them.
            </p>
          )}
          <label htmlFor={inputId} className="field-label">
            Type <strong className="mono">{districtName}</strong> to confirm
          </label>
          <input
            id={inputId}
            ref={inputRef}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={typed !== '' && !matches}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!matches || busy}>
            <Icon name="upload" size={16} />
            {busy ? 'Starting…' : 'Start sync'}
          </button>
        </div>
      </form>
    </div>
  );
}
