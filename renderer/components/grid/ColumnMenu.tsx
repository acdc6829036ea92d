import { useEffect, useRef, useState } from 'react';
import type { RowData } from '@tanstack/react-table';
import { Icon } from '../Icon';
import type { ColumnVisibilityState, GridColumn } from './features';

function columnId<Row extends RowData>(c: GridColumn<Row>): string {
  const def = c as { id?: string; accessorKey?: string };
  return def.id ?? def.accessorKey ?? '';
}

/** "Columns" button with a checkbox per hideable column (visibility state is the grid's `columnVisibility`). */
export function ColumnMenu<Row extends RowData>({
  columns,
  visibility,
  onChange,
}: {
  columns: GridColumn<Row>[];
  visibility: ColumnVisibilityState;
  onChange(next: ColumnVisibilityState): void;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className="btn btn-small"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="edit" size={15} />
        Columns
      </button>
      {open && (
        <div
          className="popover"
          role="group"
          aria-label="Visible columns"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {columns
            .filter((c) => c.enableHiding !== false)
            .map((c) => {
              const id = columnId(c);
              const label = c.meta?.label ?? (typeof c.header === 'string' ? c.header : id);
              return (
                <label key={id} className="popover-check">
                  <input
                    type="checkbox"
                    checked={visibility[id] !== false}
                    onChange={(e) => onChange({ ...visibility, [id]: e.target.checked })}
                  />
                  {label}
                </label>
              );
            })}
        </div>
      )}
    </div>
  );
}
