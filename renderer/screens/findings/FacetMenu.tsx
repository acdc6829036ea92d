import { useEffect, useRef, useState } from 'react';
import type { FacetValue } from '../../../shared/findings/views';
import { formatCount } from '../../format';

/** A filter dropdown: one checkbox per value with its count under the other filters; searchable when long. */
export function FacetMenu({
  label,
  values,
  selected,
  onChange,
  renderLabel,
}: {
  label: string;
  values: readonly FacetValue[];
  selected: readonly string[];
  onChange(next: string[]): void;
  renderLabel?(v: FacetValue): string;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const text = (v: FacetValue) => renderLabel?.(v) ?? v.label;
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? values.filter((v) => text(v).toLowerCase().includes(needle) || v.value.toLowerCase().includes(needle))
    : values;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((s) => s !== value));

  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className={selected.length > 0 ? 'btn btn-small facet-active' : 'btn btn-small'}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        {selected.length > 0 && <span className="pill pill-accent">{selected.length}</span>}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div
          className="popover facet-popover"
          role="group"
          aria-label={`Filter by ${label.toLowerCase()}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {values.length > 8 && (
            <input
              className="facet-search"
              type="search"
              placeholder={`Find a ${label.toLowerCase()}…`}
              aria-label={`Find a ${label.toLowerCase()}`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoFocus
            />
          )}
          {shown.map((v) => (
            <label key={v.value} className="popover-check facet-option" data-value={v.value}>
              <input
                type="checkbox"
                checked={selected.includes(v.value)}
                onChange={(e) => toggle(v.value, e.target.checked)}
              />
              <span className="facet-label">{text(v)}</span>
              <span className="facet-count">{formatCount(v.count)}</span>
            </label>
          ))}
          {shown.length === 0 && <p className="muted small facet-none">No match.</p>}
          {selected.length > 0 && (
            <button type="button" className="btn btn-small facet-clear" onClick={() => onChange([])}>
              Clear
            </button>
          )}
        </div>
      )}
    </div>
  );
}
