import { useSyncExternalStore } from 'react';

/**
 * The pull or import job the window follows per district ("pull:<profileId>" → jobId). Module state, so
 * leaving the screen and coming back keeps following the same job.
 */
let slots: ReadonlyMap<string, string> = new Map();
const listeners = new Set<() => void>();

export type JobSlotKind = 'pull' | 'import';

function key(kind: JobSlotKind, profileId: string): string {
  return `${kind}:${profileId}`;
}

export function setJobSlot(kind: JobSlotKind, profileId: string, jobId: string): void {
  if (slots.get(key(kind, profileId)) === jobId) return;
  const next = new Map(slots);
  next.set(key(kind, profileId), jobId);
  slots = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useJobSlot(kind: JobSlotKind, profileId: string): string | undefined {
  return useSyncExternalStore(subscribe, () => slots.get(key(kind, profileId)));
}
