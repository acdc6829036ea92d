import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MappingNode, MappingSource, SearchHit } from '../../../shared/ipc/channels/mapping';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';

/** Children fetched per request: a screenful several times over, far below what one parent can hold. */
export const PAGE = 200;
const TOP = '';

interface ChildList {
  total: number;
  /** Sparse: pages not fetched yet are holes. */
  nodes: Array<MappingNode | undefined>;
}

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
  /** Loads and expands the path to a search/locate hit; resolves once the node is a line. */
  reveal(hit: SearchHit): Promise<void>;
  lineOf(id: string): number;
}

/**
 * The explorer's view of the tree: pages of children fetched on demand from main (nothing else crosses IPC),
 * an expanded set (node ids are stable, so it survives a re-evaluation or the problems filter), flattened into
 * the lines the virtual list renders.
 */
export function useTreeModel(profileId: string, evaluationKey: string): TreeModel {
  const lists = useRef(new Map<string, ChildList>());
  const inflight = useRef(new Map<string, Promise<ChildList | undefined>>());
  const epoch = useRef(0);
  const [version, setVersion] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [onlyProblems, setOnlyProblemsState] = useState(false);
  const [source, setSource] = useState<MappingSource>();
  const [error, setError] = useState<IpcError>();

  const reset = useCallback(() => {
    epoch.current++;
    lists.current = new Map();
    inflight.current = new Map();
    setVersion((v) => v + 1);
  }, []);

  const loadPage = useCallback(
    (parentKey: string, page: number): Promise<ChildList | undefined> => {
      const key = `${parentKey}\u0000${page}`;
      const running = inflight.current.get(key);
      if (running) return running;
      const known = lists.current.get(parentKey);
      if (known && known.nodes[page * PAGE] !== undefined) return Promise.resolve(known);
      const started = epoch.current;
      const request = call('mapping:children', {
        profileId,
        nodeId: parentKey === TOP ? null : parentKey,
        offset: page * PAGE,
        limit: PAGE,
        onlyProblems,
      }).then(
        (answer) => {
          if (started !== epoch.current) return undefined;
          const list = lists.current.get(parentKey) ?? { total: answer.total, nodes: [] };
          list.total = answer.total;
          answer.nodes.forEach((n, i) => (list.nodes[answer.offset + i] = n));
          lists.current.set(parentKey, list);
          setSource(answer.source);
          setError(undefined);
          setVersion((v) => v + 1);
          return list;
        },
        (err: unknown) => {
          if (started === epoch.current) setError(toDisplayError(err));
          return undefined;
        },
      );
      request.finally(() => inflight.current.delete(key)).catch(() => undefined);
      inflight.current.set(key, request);
      return request;
    },
    [profileId, onlyProblems],
  );

  // A new evaluation or filter: drop every page (the expanded set stays) and fetch the top again.
  useEffect(() => {
    reset();
    void loadPage(TOP, 0);
  }, [evaluationKey, loadPage, reset]);

  const lines = useMemo(() => {
    void version; // lists live in a ref: `version` says when they changed
    const out: TreeLine[] = [];
    const visit = (parentKey: string, depth: number) => {
      const list = lists.current.get(parentKey);
      if (!list) {
        out.push({ key: `${parentKey}\u0000loading`, node: undefined, parentKey, depth, index: 0, setSize: 0, loading: true });
        return;
      }
      for (let i = 0; i < list.total; i++) {
        const node = list.nodes[i];
        out.push({ key: node?.id ?? `${parentKey}\u0000${i}`, node, parentKey, depth, index: i, setSize: list.total });
        if (node && node.childCount > 0 && expanded.has(node.id)) visit(node.id, depth + 1);
      }
    };
    if (lists.current.has(TOP)) visit(TOP, 0);
    return out;
  }, [version, expanded]);

  const ensureLines = useCallback(
    (first: number, last: number) => {
      for (let i = Math.max(0, first); i <= last && i < lines.length; i++) {
        const line = lines[i]!;
        if (line.node === undefined) void loadPage(line.parentKey, line.loading ? 0 : Math.floor(line.index / PAGE));
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
      for (let k = 0; k < hit.path.length; k++) {
        await loadPage(hit.path[k]!, Math.floor((hit.positions[k] ?? 0) / PAGE));
      }
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

  const setOnlyProblems = useCallback((on: boolean) => setOnlyProblemsState(on), []);

  return { lines, expanded, source, error, onlyProblems, setOnlyProblems, toggle, ensureLines, reveal, lineOf };
}
