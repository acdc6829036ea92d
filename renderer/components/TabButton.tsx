import type { ReactNode } from 'react';

/** One ARIA tab: `id` names the tab, `panel` the tabpanel it controls. */
export function TabButton({
  id,
  panel,
  selected,
  onSelect,
  children,
}: {
  id: string;
  panel: string;
  selected: boolean;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      id={id}
      aria-selected={selected}
      aria-controls={panel}
      onClick={onSelect}
    >
      {children}
    </button>
  );
}
