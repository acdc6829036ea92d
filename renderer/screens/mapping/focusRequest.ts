import { useSyncExternalStore } from 'react';
import type { EntityRef } from '../../../shared/rules/finding';

/**
 * "Open in Mapping" from anywhere (a finding row, the quick switcher): the entity to reveal the next time the
 * explorer is on screen. Module state, so the request survives the screen switch that follows it.
 */
let pending: EntityRef | undefined;
const listeners = new Set<() => void>();

export function requestMappingFocus(entity: EntityRef): void {
  pending = { entityType: entity.entityType, sourcedId: entity.sourcedId };
  for (const l of listeners) l();
}

/** Takes the pending request (the explorer calls this once it has started revealing it). */
export function takeMappingFocus(): EntityRef | undefined {
  const taken = pending;
  pending = undefined;
  for (const l of listeners) l();
  return taken;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMappingFocusRequest(): EntityRef | undefined {
  return useSyncExternalStore(subscribe, () => pending);
}
