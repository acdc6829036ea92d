import { useEffect, useSyncExternalStore } from 'react';

/**
 * The job the window follows per district and kind — the one verify, pull, import, evaluation, baseline or sync
 * job a screen shows — and when the window first saw it (for elapsed times). Module state, so leaving a screen
 * and coming back, or another screen of the same district, follows the same job. Events live in jobs.ts.
 */
export type JobSlotKind = 'verify' | 'pull' | 'import' | 'evaluate' | 'baseline' | 'sync';

export interface JobSlot {
  jobId: string;
  seenAt: number;
}

let slots: ReadonlyMap<string, JobSlot> = new Map();
const listeners = new Set<() => void>();

function key(kind: JobSlotKind, profileId: string): string {
  return `${kind}:${profileId}`;
}

export function setJobSlot(kind: JobSlotKind, profileId: string, jobId: string): void {
  if (slots.get(key(kind, profileId))?.jobId === jobId) return;
  slots = new Map(slots).set(key(kind, profileId), { jobId, seenAt: Date.now() });
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useJobSlot(kind: JobSlotKind, profileId: string): JobSlot | undefined {
  return useSyncExternalStore(subscribe, () => slots.get(key(kind, profileId)));
}

/**
 * Follows a district's job that started before this screen opened (another screen, or before a reload): while
 * the slot is empty, asks main which job of the kind is running and puts it in the slot. `findActive` should be a
 * module-level function (stable).
 */
export function useAdoptRunningJob(
  kind: JobSlotKind,
  profileId: string,
  findActive: (profileId: string) => Promise<{ jobId: string | null }>,
): void {
  const jobId = useJobSlot(kind, profileId)?.jobId;
  useEffect(() => {
    if (jobId) return;
    let live = true;
    findActive(profileId).then(
      ({ jobId: running }) => {
        if (live && running) setJobSlot(kind, profileId, running);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind, jobId, profileId, findActive]);
}
