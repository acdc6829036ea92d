import { useSyncExternalStore } from 'react';

/**
 * The baseline fetch/import job the window follows per district. Module state, so leaving the Conversion screen
 * and coming back keeps following the same job.
 */
let slots: ReadonlyMap<string, string> = new Map();
const listeners = new Set<() => void>();

export function setBaselineJob(profileId: string, jobId: string): void {
  if (slots.get(profileId) === jobId) return;
  slots = new Map(slots).set(profileId, jobId);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useBaselineJobId(profileId: string): string | undefined {
  return useSyncExternalStore(subscribe, () => slots.get(profileId));
}
