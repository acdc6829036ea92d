import { useSyncExternalStore } from 'react';

/**
 * The sync job the window follows per district, and when the window first saw it (for the elapsed time).
 * Module state, so leaving the Sync screen and coming back keeps following the same job.
 */
interface Slot {
  jobId: string;
  seenAt: number;
}
let slots: ReadonlyMap<string, Slot> = new Map();
const listeners = new Set<() => void>();

export function setSyncJob(profileId: string, jobId: string): void {
  if (slots.get(profileId)?.jobId === jobId) return;
  slots = new Map(slots).set(profileId, { jobId, seenAt: Date.now() });
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSyncJobSlot(profileId: string): Slot | undefined {
  return useSyncExternalStore(subscribe, () => slots.get(profileId));
}
