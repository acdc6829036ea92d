import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the window inert (focus stays inside),
 * Esc cancels, and focus returns where it was. With `reasonLabel` the confirm button waits for a non-blank reason.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  reasonLabel,
  reasonPlaceholder,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  reasonLabel?: string;
  reasonPlaceholder?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const needsReason = reasonLabel !== undefined;
  const ready = !busy && (!needsReason || reason.trim() !== '');

  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      // Esc belongs to the dialog: panels around it (which close on Esc) must not see it.
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.stopPropagation();
        if (e.key === 'Tab') trapTab(e.currentTarget, e);
      }}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) onConfirm(reason.trim());
        }}
      >
        <h2 id={titleId} className="confirm-title">
          {title}
        </h2>
        <div className="confirm-body">{children}</div>
        {needsReason && (
          <>
            <label htmlFor={reasonId} className="field-label">
              {reasonLabel}
            </label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              maxLength={500}
              required
              autoFocus
              placeholder={reasonPlaceholder}
              onChange={(e) => setReason(e.target.value)}
            />
            <p className="muted small">Recorded with your user name and the time; the report lists it.</p>
          </>
        )}
        <div className="row-actions confirm-actions">
          <button type="button" className="btn" onClick={onCancel} autoFocus={!needsReason}>
            Cancel
          </button>
          <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={!ready}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Keeps Tab and Shift+Tab cycling inside the dialog (the browser would otherwise move on to its own UI). */
export function trapTab(dialog: HTMLElement, e: { shiftKey: boolean; preventDefault(): void }): void {
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button, textarea, input, select, a[href], [tabindex="0"]'),
  ].filter((el) => !(el as HTMLButtonElement).disabled);
  if (focusable.length === 0) return;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
