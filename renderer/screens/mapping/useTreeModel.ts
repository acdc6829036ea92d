import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MappingNode, MappingSource, SearchHit } from '../../../shared/mapping/tree-views';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';

/** Children fetched per request: a screenful several times over, far below what one parent can hold. */
export const PAGE = 200;
const TOP = '';

interface ChildList {
  total: number;
  /** Sparse: pages not fetched yet are holes. */
  nodes: ReadonlyArray<MappingNode | undefined>;
}

type Lists = ReadonlyMap<string, ChildList>;

/** One line of the flattened, expanded tree: a node, a node not fetched yet, or "loading children". */
export interface TreeLine {
  key: string;
  node: MappingNode | undefined;
  /** Parent node id ('' = the top). */
  parentKey: string;
  depth: number;
  /** Position among its siblings, and their number (aria-posinset / aria-setsize). */
  index: number;
  setSize: number;
  loading?: boolean;
}

export interface TreeModel {
  lines: TreeLine[];
  expanded: ReadonlySet<string>;
  source: MappingSource | undefined;
  error: IpcError | undefined;
  onlyProblems: boolean;
  setOnlyProblems(on: boolean): void;
  toggle(id: string, open?: boolean): void;
  /** Fetches the pages behind the lines [first, last] that are not loaded yet. */
  ensureLines(first: number, last: number): void;
  /** Loads the pages on the path to a search/locate hit and expands it. */
  reveal(hit: SearchHit): Promise<void>;
  lineOf(id: string): number;
}

/**
 * The explorer's view of the tree: pages of children fetched on demand from main (nothing else crosses IPC),
 * an expanded set (node ids are stable, so it survives a re-evaluation or the problems filter), flattened into
 * the lines the virtual list renders. Pages belong to a query key (evaluation + filter): a new key starts
 * over and answers for an old one are dropped.
 */
export function useTreeModel(profileId: string, evaluationKey: string): TreeModel {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const queryKey = `${evaluationKey}\u0000${onlyProblems}`;
  const [loaded, setLoaded] = useState<{ key: string; lists: Lists }>({ key: '', lists: new Map() });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [source, setSource] = useState<MappingSource>();
  const [error, setError] = useState<IpcError>();
  // Mirrors for the async loader (never read while rendering).
  const keyRef = useRef(queryKey);
  const listsRef = useRef<Lists>(new Map());
  const inflight = useRef(new Map<string, Promise<void>>());

  const loadPage = useCallback(
    (parentKey: string, page: number): Promise<void> => {
      const key = keyRef.current;
      const id = `${key}\u0000${parentKey}\u0000${page}`;
      const running = inflight.current.get(id);
      if (running) return running;
      if (listsRef.current.get(parentKey)?.nodes[page * PAGE] !== undefined) return Promise.resolve();
      const request = call('mapping:children', {
        profileId,
        nodeId: parentKey === TOP ? null : parentKey,
        offset: page * PAGE,
        limit: PAGE,
        onlyProblems: key.endsWith('\u0000true'),
      }).then(
        (answer) => {
          inflight.current.delete(id);
          if (keyRef.current !== key) return;
          const prev = listsRef.current.get(parentKey);
          const nodes = prev ? [...prev.nodes] : [];
          answer.nodes.forEach((n, i) => (nodes[answer.offset + i] = n));
          const lists = new Map(listsRef.current).set(parentKey, { total: answer.total, nodes });
          listsRef.current = lists;
          setLoaded({ key, lists });
          setSource(answer.source);
          setError(undefined);
        },
        (err: unknown) => {
          inflight.current.delete(id);
          if (keyRef.current === key) setError(toDisplayError(err));
        },
      );
      inflight.current.set(id, request);
      return request;
    },
    [profileId],
  );

  // A new evaluation or filter: start over from the top (the expanded set stays).
  useEffect(() => {
    keyRef.current = queryKey;
    listsRef.current = new Map();
    void loadPage(TOP, 0);
  }, [queryKey, loadPage]);

  const lists = loaded.key === queryKey ? loaded.lists : undefined;
  const lines = useMemo(() => (lists ? flatten(lists, expanded) : []), [lists, expanded]);

  const ensureLines = useCallback(
    (first: number, last: number) => {
      for (let i = Math.max(0, first); i <= last && i < lines.length; i++) {
        const line = lines[i]!;
        if (line.node === undefined)
          void loadPage(line.parentKey, line.loading ? 0 : Math.floor(line.index / PAGE));
      }
    },
    [lines, loadPage],
  );

  const toggle = useCallback((id: string, open?: boolean) => {
    setExpanded((prev) => {
      const isOpen = prev.has(id);
      const want = open ?? !isOpen;
      if (want === isOpen) return prev;
      const next = new Set(prev);
      if (want) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const reveal = useCallback(
    async (hit: SearchHit) => {
      // path[k] is the parent of the (k+1)th step; positions say which page of that parent holds the step.
      await loadPage(TOP, 0);
      await Promise.all(hit.path.map((id, k) => loadPage(id, Math.floor((hit.positions[k] ?? 0) / PAGE))));
      setExpanded((prev) => {
        if (hit.path.every((id) => prev.has(id))) return prev;
        const next = new Set(prev);
        for (const id of hit.path) next.add(id);
        return next;
      });
    },
    [loadPage],
  );

  const lineOf = useCallback((id: string) => lines.findIndex((l) => l.node?.id === id), [lines]);

  return {
    lines,
    expanded,
    source,
    error,
    onlyProblems,
    setOnlyProblems,
    toggle,
    ensureLines,
    reveal,
    lineOf,
  };
}

/** Depth-first lines of the expanded tree; pages not loaded yet are placeholder lines (their count is known). */
function flatten(lists: Lists, expanded: ReadonlySet<string>): TreeLine[] {
  const out: TreeLine[] = [];
  const visit = (parentKey: string, depth: number) => {
    const list = lists.get(parentKey);
    if (!list) {
      out.push({
        key: `${parentKey}\u0000loading`,
        node: undefined,
        parentKey,
        depth,
        index: 0,
        setSize: 0,
        loading: true,
      });
      return;
    }
    for (let i = 0; i < list.total; i++) {
      const node = list.nodes[i];
      out.push({
        key: node?.id ?? `${parentKey}\u0000${i}`,
        node,
        parentKey,
        depth,
        index: i,
        setSize: list.total,
      });
      if (node && node.childCount > 0 && expanded.has(node.id)) visit(node.id, depth + 1);
    }
  };
  if (lists.has(TOP)) visit(TOP, 0);
  return out;
}
