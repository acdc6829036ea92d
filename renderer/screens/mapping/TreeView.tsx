import { memo, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MappingNode } from '../../../shared/mapping/tree-views';
import { formatCount } from '../../format';
import { KindIcon } from './KindIcon';
import { badgesText, countsText } from './text';
import type { TreeLine, TreeModel } from './useTreeModel';

const ROW_HEIGHT = 46;
const INDENT = 20;

/** The line with keyboard focus: by key (it survives lines above it expanding), else by position. */
export interface ActiveLine {
  key: string;
  index: number;
}

/** Scroll to (and focus) a node once it is a line: after a search or "open in Mapping". */
export interface ScrollRequest {
  id: string;
  seq: number;
}

export interface TreeViewProps {
  model: TreeModel;
  activeLine: ActiveLine;
  setActiveLine(line: ActiveLine): void;
  selectedId: string | undefined;
  onSelect(node: MappingNode): void;
  scrollRequest: ScrollRequest | undefined;
}

/**
 * The virtualised indented tree (WAI-ARIA tree pattern): one focusable container with aria-activedescendant, a
 * treeitem per line with level / set size / position, and only the lines on screen in the DOM.
 * Keys: ↑/↓ move, → expands or steps in, ← collapses or steps out, Enter opens the detail, Home/End.
 */
export function TreeView({
  model,
  activeLine,
  setActiveLine,
  selectedId,
  onSelect,
  scrollRequest,
}: TreeViewProps) {
  const { lines } = model;
  const byKey = lines.findIndex((l) => l.key === activeLine.key);
  const active = byKey >= 0 ? byKey : Math.min(activeLine.index, lines.length - 1);
  const setActive = (index: number) => {
    const line = lines[index];
    if (line) setActiveLine({ key: line.key, index });
  };
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { ensureLines } = model;

  useEffect(() => {
    if (last >= first) ensureLines(first, last);
  }, [first, last, ensureLines]);

  const handledScroll = useRef(0);
  useEffect(() => {
    if (!scrollRequest || scrollRequest.seq === handledScroll.current) return;
    const index = lines.findIndex((l) => l.node?.id === scrollRequest.id);
    if (index < 0) return; // not a line yet: the reveal's pages are still arriving
    handledScroll.current = scrollRequest.seq;
    virtualizer.scrollToIndex(index, { align: 'center' });
    scrollRef.current?.focus({ preventScroll: true });
  }, [scrollRequest, lines, virtualizer]);

  const move = (to: number) => {
    if (lines.length === 0) return;
    const clamped = Math.max(0, Math.min(lines.length - 1, to));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const line = lines[active];
    const node = line?.node;
    const open = node !== undefined && model.expanded.has(node.id);
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + 10);
        break;
      case 'PageUp':
        move(active - 10);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(lines.length - 1);
        break;
      case 'ArrowRight':
        if (node && node.childCount > 0) {
          if (!open) model.toggle(node.id, true);
          else move(active + 1);
        }
        break;
      case 'ArrowLeft':
        if (node && open) model.toggle(node.id, false);
        else if (line && line.parentKey) move(model.lineOf(line.parentKey));
        break;
      case 'Enter':
      case ' ':
        if (node) onSelect(node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const current = lines[active];
  return (
    <div
      ref={scrollRef}
      className="mtree"
      role="tree"
      aria-label="Mapping tree: district, schools, terms, courses and sections"
      tabIndex={0}
      aria-activedescendant={current ? `${baseId}-${active}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div role="none" className="mtree-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const line = lines[item.index]!;
          return (
            <TreeRow
              key={line.key}
              domId={`${baseId}-${item.index}`}
              line={line}
              top={item.start}
              active={item.index === active}
              selected={line.node !== undefined && line.node.id === selectedId}
              expanded={line.node !== undefined && model.expanded.has(line.node.id)}
              onClick={() => {
                setActiveLine({ key: line.key, index: item.index });
                if (line.node) onSelect(line.node);
              }}
              onToggle={() => line.node && model.toggle(line.node.id)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  domId: string;
  line: TreeLine;
  top: number;
  active: boolean;
  selected: boolean;
  expanded: boolean;
  onClick(): void;
  onToggle(): void;
}

const TreeRow = memo(function TreeRow({
  domId,
  line,
  top,
  active,
  selected,
  expanded,
  onClick,
  onToggle,
}: RowProps) {
  const { node } = line;
  const style = {
    transform: `translateY(${top}px)`,
    height: ROW_HEIGHT,
    paddingLeft: 8 + line.depth * INDENT,
  };
  const cls = `mtree-row${active ? ' active' : ''}${selected ? ' selected' : ''}`;
  if (!node) {
    return (
      <div
        id={domId}
        role="treeitem"
        aria-level={line.depth + 1}
        aria-busy="true"
        className={`${cls} placeholder`}
        style={style}
      >
        <span className="mtree-skeleton" />
        <span className="visually-hidden">Loading…</span>
      </div>
    );
  }
  const hasChildren = node.childCount > 0;
  return (
    <div
      id={domId}
      role="treeitem"
      aria-level={line.depth + 1}
      aria-setsize={line.setSize}
      aria-posinset={line.index + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected}
      aria-label={`${node.name}, ${node.sourcedId || node.canvasId}. ${countsText(node)}. ${badgesText(node)}.`}
      data-node-id={node.id}
      data-kind={node.kind}
      className={cls}
      style={style}
      onClick={onClick}
      onDoubleClick={onToggle}
    >
      <span
        className={`mtree-twisty${hasChildren ? '' : ' leaf'}${expanded ? ' open' : ''}`}
        onClick={(e) => {
          e.stopPropagation();
          if (hasChildren) onToggle();
        }}
        aria-hidden="true"
      >
        {hasChildren && (
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <path
              d="M4 2.5 8 6l-4 3.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        )}
      </span>
      <KindIcon kind={node.kind} />
      <span className="mtree-text">
        <span className="mtree-name" title={node.name}>
          {node.name}
        </span>
        <span className="mtree-id">{node.sourcedId || node.canvasId}</span>
      </span>
      <span className="mtree-counts" title={countsText(node)}>
        {countsText(node)}
      </span>
      <span className="mtree-badges">
        {node.badges.blocker > 0 && (
          <span className="count-badge blocker" title={`${formatCount(node.badges.blocker)} blockers`}>
            {formatCount(node.badges.blocker)}
          </span>
        )}
        {node.badges.warning > 0 && (
          <span className="count-badge warning" title={`${formatCount(node.badges.warning)} warnings`}>
            {formatCount(node.badges.warning)}
          </span>
        )}
      </span>
    </div>
  );
});
