import { CONVERSION_TYPES, type ConversionType, type RemapDecisions } from '../../../shared/conversion/types';
import { resolvedCanvasId, type Match, type MatchView } from './model';

/** The matches of every planned object, per type. */
export type MatchSet = Record<ConversionType, Match[]>;

/**
 * Where each planned object lands in Canvas under one view (pending proposals in or out), and which Canvas
 * objects the plan covers — those it lands on, plus holders of a planned SIS id (Canvas updates them whatever
 * they are). Everything SIS-created outside `claimed` is left behind.
 */
export interface ViewMaps {
  view: MatchView;
  /** planned SIS id → Canvas id. */
  canvasOf: Record<ConversionType, Map<string, string>>;
  /** Canvas id → the match that lands on it. */
  matchOf: Record<ConversionType, Map<string, Match>>;
  claimed: Record<ConversionType, Set<string>>;
}

export function buildView(matches: MatchSet, decisions: RemapDecisions, view: MatchView): ViewMaps {
  const maps = {
    view,
    canvasOf: {} as ViewMaps['canvasOf'],
    matchOf: {} as ViewMaps['matchOf'],
    claimed: {} as ViewMaps['claimed'],
  };
  for (const type of CONVERSION_TYPES) {
    const canvasOf = new Map<string, string>();
    const matchOf = new Map<string, Match>();
    const claimed = new Set<string>();
    for (const m of matches[type]) {
      const id = resolvedCanvasId(m, decisions, view);
      if (id !== null) {
        canvasOf.set(m.plannedId, id);
        matchOf.set(id, m);
        claimed.add(id);
      }
      if (m.taken) claimed.add(m.taken.canvasId);
    }
    maps.canvasOf[type] = canvasOf;
    maps.matchOf[type] = matchOf;
    maps.claimed[type] = claimed;
  }
  return maps;
}
