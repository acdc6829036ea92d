import { useCallback, useEffect, useRef, useState } from 'react';
import type { MappingNode, SearchHit } from '../../../shared/mapping/tree-views';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../format';
import { useApp } from '../../app/state';
import { markTargetHandled, pendingTarget } from './entityTarget';
import { NodeDetailPanel } from './NodeDetailPanel';
import { SearchBox } from './SearchBox';
import { TreeView, type ActiveLine, type ScrollRequest } from './TreeView';
import { useTreeModel } from './useTreeModel';

/** The tree (left) and the selected node's details (right), with search and the "only problems" filter. */
export function Explorer({ profileId, evaluationKey }: { profileId: string; evaluationKey: string }) {
  const model = useTreeModel(profileId, evaluationKey);
  const [activeLine, setActiveLine] = useState<ActiveLine>({ key: '', index: 0 });
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | undefined>();
  const [notice, setNotice] = useState<IpcError | undefined>();
  const searchRef = useRef<HTMLInputElement>(null);
  const detailRef = useRef<HTMLElement>(null);

  // A newly selected item starts at the top of the detail panel.
  useEffect(() => {
    detailRef.current?.scrollTo({ top: 0 });
  }, [selectedId]);

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

  /** Shows a node: loads and expands its path, then focuses, selects and scrolls to it. */
  const { lineOf } = model;
  const show = useCallback((id: string) => {
    setActiveLine({ key: id, index: 0 });
    setSelectedId(id);
    setScrollRequest((prev) => ({ id, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const reveal = useCallback(
    async (hit: SearchHit) => {
      setNotice(undefined);
      await model.reveal(hit);
      show(hit.node.id);
    },
    [model, show],
  );

  // "Open in Mapping" from a finding: locate the entity, then reveal it.
  const target = pendingTarget(useApp().entityTarget);
  const { onlyProblems, setOnlyProblems } = model;
  useEffect(() => {
    if (!target) return;
    markTargetHandled(target);
    const focus = { entityType: target.entityType, sourcedId: target.sourcedId };
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
  }, [target, profileId, onlyProblems, setOnlyProblems, reveal]);

  const onSelect = useCallback((node: MappingNode) => setSelectedId(node.id), []);
  const jump = (id: string) => {
    if (lineOf(id) >= 0) show(id);
  };

  const top = model.lines[0]?.node;
  return (
    <div className="explorer">
      <div className="explorer-tools">
        <SearchBox
          ref={searchRef}
          profileId={profileId}
          onlyProblems={onlyProblems}
          onChoose={(hit) => void reveal(hit)}
        />
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
        <div className="explorer-tree">
          {onlyProblems && top === undefined && model.lines.length === 0 && model.source ? (
            <p className="muted explorer-none">No node has a blocker or warning.</p>
          ) : (
            <TreeView
              model={model}
              activeLine={activeLine}
              setActiveLine={setActiveLine}
              selectedId={selectedId}
              onSelect={onSelect}
              scrollRequest={scrollRequest}
            />
          )}
          <p className="explorer-keys muted small" aria-hidden="true">
            <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>→</kbd> expand · <kbd>←</kbd> collapse · <kbd>Enter</kbd>{' '}
            details
          </p>
        </div>
        <aside ref={detailRef} className="explorer-detail" aria-label="Selected item">
          {selectedId ? (
            <NodeDetailPanel profileId={profileId} nodeId={selectedId} onJump={jump} />
          ) : (
            <EmptyState icon="tree" title="Select an item">
              <p>
                Choose a school, term, course or section to see its OneRoster record, the Canvas rows planned
                from it and its findings.
              </p>
            </EmptyState>
          )}
        </aside>
      </div>
    </div>
  );
}
