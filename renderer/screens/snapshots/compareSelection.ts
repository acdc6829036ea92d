import { useSyncExternalStore } from 'react';
import type { SnapshotListItem } from '../../../shared/snapshots/snapshot';

/** Which two snapshots the Compare screen shows, per district (set by "Compare…" in the snapshot list). */
export interface CompareSelection {
  before: string;
  after: string;
}

let selections: ReadonlyMap<string, CompareSelection> = new Map();
const listeners = new Set<() => void>();

export function setCompareSelection(profileId: string, selection: CompareSelection): void {
  const next = new Map(selections);
  next.set(profileId, selection);
  selections = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCompareSelection(profileId: string): CompareSelection | undefined {
  return useSyncExternalStore(subscribe, () => selections.get(profileId));
}

/**
 * "Compare…" on one snapshot: it is the "after" side and the complete snapshot just before it the "before";
 * for the oldest one, it becomes "before" and the newest other one "after". `list` is newest first.
 */
export function pairFor(id: string, list: readonly SnapshotListItem[]): CompareSelection | undefined {
  const complete = list.filter((s) => s.status === 'complete');
  const at = complete.findIndex((s) => s.id === id);
  if (at < 0) return undefined;
  const older = complete[at + 1];
  if (older) return { before: older.id, after: id };
  const newer = complete.find((s) => s.id !== id);
  return newer ? { before: id, after: newer.id } : undefined;
}

/** The default pair: the two newest complete snapshots (what changed since the last pull). */
export function defaultPair(list: readonly SnapshotListItem[]): CompareSelection | undefined {
  const complete = list.filter((s) => s.status === 'complete');
  const [after, before] = complete;
  return after && before ? { before: before.id, after: after.id } : undefined;
}
