import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatPercent, THRESHOLDED, thresholdShare } from '../../../shared/conversion/shares';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncSimulation } from '../../../shared/sync/types';
import { trapTab } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../format';
import { MODE_INFO } from './text';

const TYPE_LABEL = { courses: 'courses', sections: 'sections', enrollments: 'enrollments' } as const;

/**
 * The last step before anything is sent: what will happen, in one paragraph (the batch term or data set and the
 * change threshold when they apply), and the district name typed by hand. A modal <dialog>: the rest of the window
 * is inert and Tab cycles inside it; Enter confirms once the name matches; Esc or a click outside cancels.
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === districtName.trim();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);

  const sum = (k: 'create' | 'update' | 'delete' | 'conclude') =>
    simulation.rows.reduce((n, r) => n + r[k], 0);
  const removals = sum('delete') + sum('conclude');
  const threshold = importMode.changeThreshold;
  const scoped = importMode.mode === 'batch' || importMode.mode === 'diffing';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (matches && !busy) onConfirm(typed);
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog sync-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.stopPropagation();
        if (e.key === 'Tab') trapTab(e.currentTarget, e);
      }}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      // A click on the backdrop (the dialog element itself, outside the form) cancels.
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId} className="confirm-title">
          Sync {districtName} to Canvas?
        </h2>
        <div className="confirm-body">
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
          {scoped && (
            <ul className="sync-confirm-facts" data-testid="confirm-scope">
              {importMode.mode === 'batch' && (
                <li>
                  Batch term <strong className="mono">{importMode.termId || '(none chosen)'}</strong>: its
                  courses, sections and enrollments missing from the file are {importMode.dropStatus}.
                </li>
              )}
              {importMode.mode === 'diffing' && (
                <li>
                  Data set <strong className="mono">{importMode.dataSetId || '(none)'}</strong>: rows missing
                  since the last import of this data set are {importMode.dropStatus}.
                </li>
              )}
              <li data-testid="confirm-threshold">
                {threshold === null ? (
                  <>No change threshold: Canvas applies every deletion.</>
                ) : (
                  <>
                    Change threshold <strong>{threshold} %</strong>: Canvas refuses the deletions of a type
                    above it (simulated:{' '}
                    {THRESHOLDED.map((type) => {
                      // Same share and count as the simulation table (one formula: shared/conversion/shares).
                      const share = thresholdShare(simulation.rows, importMode, type);
                      return `${TYPE_LABEL[type]} ${formatPercent(simulation.percentages[type], share.count)} (${formatCount(share.count)} of ${formatCount(share.of)})`;
                    }).join(', ')}
                    ).
                  </>
                )}
              </li>
            </ul>
          )}
          {simulation.exceeds.length > 0 && (
            <p className="warn-text">
              <Icon name="warn" size={14} /> Deletions of{' '}
              {simulation.exceeds.map((t) => TYPE_LABEL[t]).join(', ')} exceed the {threshold ?? ''} % change
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
        <div className="row-actions confirm-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!matches || busy}>
            <Icon name="upload" size={16} />
            {busy ? 'Starting…' : 'Start sync'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
