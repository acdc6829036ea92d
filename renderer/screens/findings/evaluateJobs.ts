import { useSyncExternalStore } from 'react';

/**
 * The evaluation job the window follows per district. Module state, so the Findings and Mapping options screens
 * (and coming back to them) follow the same job.
 */
let slots: ReadonlyMap<string, string> = new Map();
const listeners = new Set<() => void>();

export function setEvaluateJob(profileId: string, jobId: string): void {
  if (slots.get(profileId) === jobId) return;
  slots = new Map(slots).set(profileId, jobId);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useEvaluateJobId(profileId: string): string | undefined {
  return useSyncExternalStore(subscribe, () => slots.get(profileId));
}
