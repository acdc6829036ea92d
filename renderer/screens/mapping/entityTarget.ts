import type { EntityTarget } from '../../app/state';

/**
 * "Open in Mapping" (app.openEntity) sets a numbered target; the explorer reveals each number once. Module
 * state, so leaving the screen and coming back does not jump to an old target again.
 */
let handledSeq = 0;

export function pendingTarget(target: EntityTarget | undefined): EntityTarget | undefined {
  return target && target.seq > handledSeq ? target : undefined;
}

export function markTargetHandled(target: EntityTarget): void {
  handledSeq = Math.max(handledSeq, target.seq);
}
