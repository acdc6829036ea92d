import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Icon, type IconName } from './Icon';

export interface SwitcherItem {
  id: string;
  label: string;
  group: 'Screens' | 'Districts';
  icon: IconName;
  detail?: string;
  run(): void;
}

/** Ctrl/⌘+K palette: type to filter screens and districts, arrows to move, Enter to go, Esc to close. */
export function QuickSwitcher({ items, onClose }: { items: readonly SwitcherItem[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const previousFocus = useRef<Element | null>(null);

  useEffect(() => {
    previousFocus.current = document.activeElement;
    inputRef.current?.focus();
    return () => (previousFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((i) => `${i.label} ${i.detail ?? ''}`.toLowerCase().includes(q)) : items;
  }, [items, query]);
  const selected = Math.min(index, Math.max(matches.length - 1, 0));

  const choose = (item: SwitcherItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setIndex((selected + 1) % Math.max(matches.length, 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((selected - 1 + matches.length) % Math.max(matches.length, 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(matches[selected]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="switcher"
        role="dialog"
        aria-modal="true"
        aria-label="Quick switcher"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <div className="switcher-search">
          <Icon name="search" />
          <input
            ref={inputRef}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setIndex(0);
            }}
            placeholder="Go to a screen or district…"
            aria-label="Search screens and districts"
            aria-controls="switcher-list"
            aria-activedescendant={matches[selected] ? `switcher-${matches[selected].id}` : undefined}
          />
          <kbd>Esc</kbd>
        </div>
        <ul id="switcher-list" className="switcher-list" role="listbox">
          {matches.length === 0 && (
            <li className="switcher-empty">No screen or district matches “{query}”.</li>
          )}
          {matches.map((item, i) => (
            <li
              key={item.id}
              id={`switcher-${item.id}`}
              role="option"
              aria-selected={i === selected}
              className={i === selected ? 'switcher-item selected' : 'switcher-item'}
              onMouseEnter={() => setIndex(i)}
              onClick={() => choose(item)}
            >
              <Icon name={item.icon} />
              <span className="switcher-label">{item.label}</span>
              {item.detail && <span className="switcher-detail">{item.detail}</span>}
              <span className="switcher-group">{item.group}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
