import { useCallback, useEffect, useRef, useState } from 'react';
import type { MappingNode, SearchHit } from '../../../shared/ipc/channels/mapping';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../format';
import { takeMappingFocus, useMappingFocusRequest } from './focusRequest';
import { NodeDetailPanel } from './NodeDetailPanel';
import { SearchBox } from './SearchBox';
import { TreeView } from './TreeView';
import { useTreeModel } from './useTreeModel';

/** The tree (left) and the selected node's details (right), with search and the "only problems" filter. */
export function Explorer({ profileId, evaluationKey }: { profileId: string; evaluationKey: string }) {
  const model = useTreeModel(profileId, evaluationKey);
  const [active, setActive] = useState(0);
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [scrollRequest, setScrollRequest] = useState(0);
  const [pending, setPending] = useState<string | undefined>();
  const [notice, setNotice] = useState<IpcError | undefined>();
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  // Ctrl/⌘+F: search the tree (instead of the page).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const reveal = useCallback(
    async (hit: SearchHit) => {
      setNotice(undefined);
      await model.reveal(hit);
      setPending(hit.node.id);
    },
    [model],
  );

  // Once a revealed node is a line of the tree: focus, select and scroll to it.
  const { lineOf } = model;
  useEffect(() => {
    if (!pending) return;
    const line = lineOf(pending);
    if (line < 0) return;
    setActive(line);
    setSelectedId(pending);
    setScrollRequest((n) => n + 1);
    setPending(undefined);
    treeRef.current?.querySelector<HTMLElement>('[role="tree"]')?.focus();
  }, [pending, lineOf]);

  // "Open in Mapping" from a finding: locate the entity, then reveal it.
  const focus = useMappingFocusRequest();
  const { onlyProblems, setOnlyProblems } = model;
  useEffect(() => {
    if (!focus) return;
    takeMappingFocus();
    call('mapping:locate', { profileId, ...focus, onlyProblems }).then(
      async ({ hit }) => {
        if (hit) return reveal(hit);
        // Hidden by the problems filter? Show everything and look again.
        const all = onlyProblems ? (await call('mapping:locate', { profileId, ...focus })).hit : null;
        if (all) {
          setOnlyProblems(false);
          return reveal(all);
        }
        setNotice({
          code: 'not_in_tree',
          message: `${focus.sourcedId} has no place in the mapping tree.`,
          hint: 'Records the plan leaves out (parents with observers off, unused sessions, feed-level checks) show only in Findings.',
        });
      },
      (err: unknown) => setNotice(toDisplayError(err)),
    );
  }, [focus, profileId, onlyProblems, setOnlyProblems, reveal]);

  const onSelect = useCallback((node: MappingNode) => setSelectedId(node.id), []);
  const jump = (id: string) => {
    const line = lineOf(id);
    if (line >= 0) {
      setActive(line);
      setSelectedId(id);
      setScrollRequest((n) => n + 1);
    }
  };

  const top = model.lines[0]?.node;
  return (
    <div className="explorer">
      <div className="explorer-tools">
        <SearchBox ref={searchRef} profileId={profileId} onlyProblems={onlyProblems} onChoose={(hit) => void reveal(hit)} />
        <label className="mtoggle">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Only nodes with problems
        </label>
        {model.source && (
          <span className="muted small explorer-size" data-testid="tree-size">
            {formatCount(model.source.totalNodes)} nodes
          </span>
        )}
      </div>
      {notice && <ErrorNotice error={notice} onDismiss={() => setNotice(undefined)} />}
      {model.error && <ErrorNotice error={model.error} />}
      <div className="explorer-body">
        <div className="explorer-tree" ref={treeRef}>
          {onlyProblems && top === undefined && model.lines.length === 0 && model.source ? (
            <p className="muted explorer-none">No node has a blocker or warning.</p>
          ) : (
            <TreeView
              model={model}
              active={active}
              setActive={setActive}
              selectedId={selectedId}
              onSelect={onSelect}
              scrollRequest={scrollRequest}
            />
          )}
          <p className="explorer-keys muted small" aria-hidden="true">
            <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>→</kbd> expand · <kbd>←</kbd> collapse · <kbd>Enter</kbd> details
          </p>
        </div>
        <aside className="explorer-detail" aria-label="Selected item">
          {selectedId ? (
            <NodeDetailPanel profileId={profileId} nodeId={selectedId} onJump={jump} />
          ) : (
            <EmptyState icon="tree" title="Select an item">
              <p>Choose a school, term, course or section to see its OneRoster record, the Canvas rows planned from it and its findings.</p>
            </EmptyState>
          )}
        </aside>
      </div>
    </div>
  );
}
