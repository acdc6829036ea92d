/**
 * One-to-one assignment for one match key: each open planned object with exactly one unclaimed candidate gets
 * it, unless the same candidate is the only one of several planned objects (then none gets it: ambiguous).
 * Several candidates are ambiguous too. Planned objects with no candidate stay open for the next key.
 */
export interface LevelResult {
  assigned: Map<number, string>;
  ambiguous: Map<number, { canvasIds: string[]; rivals?: number[] }>;
  open: number[];
}

export function assignLevel(
  open: readonly number[],
  candidatesOf: (i: number) => readonly string[],
  claimed: Set<string>,
): LevelResult {
  const result: LevelResult = { assigned: new Map(), ambiguous: new Map(), open: [] };
  const only = new Map<number, string>();
  for (const i of open) {
    const candidates = [...new Set(candidatesOf(i))].filter((c) => !claimed.has(c));
    if (candidates.length === 0) result.open.push(i);
    else if (candidates.length === 1) only.set(i, candidates[0]!);
    else result.ambiguous.set(i, { canvasIds: candidates });
  }
  const wanted = new Map<string, number[]>();
  for (const [i, c] of only) wanted.set(c, [...(wanted.get(c) ?? []), i]);
  for (const [c, idx] of wanted) {
    if (idx.length > 1) {
      for (const i of idx) result.ambiguous.set(i, { canvasIds: [c], rivals: idx });
      continue;
    }
    result.assigned.set(idx[0]!, c);
    claimed.add(c);
  }
  return result;
}
