/**
 * Which record offsets of a collection are already stored, from the pages a (possibly interrupted) pull
 * marked done. A resume fetches only the gaps; the same logic fills gaps left by short pages mid-collection.
 */

export interface DonePage {
  offset: number;
  records: number;
}

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

const PAGE_KEY = /^o:(\d+)$/;

export function pageKey(offset: number): string {
  return `o:${offset}`;
}

export function offsetOfKey(key: string): number | null {
  const m = PAGE_KEY.exec(key);
  return m ? Number(m[1]) : null;
}

/** Merged, sorted ranges covered by the done pages. */
export function coveredRanges(pages: readonly DonePage[]): Range[] {
  const sorted = pages.filter((p) => p.records > 0).sort((a, b) => a.offset - b.offset);
  const out: Range[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    const end = p.offset + p.records;
    if (last && p.offset <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start: p.offset, end });
  }
  return out;
}

/** The parts of [0, total) not covered. */
export function missingRanges(covered: readonly Range[], total: number): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const r of covered) {
    if (r.start >= total) break;
    if (r.start > at) out.push({ start: at, end: r.start });
    at = Math.max(at, r.end);
  }
  if (at < total) out.push({ start: at, end: total });
  return out;
}

/** Splits ranges into page requests of at most `step` records. */
export function chunk(ranges: readonly Range[], step: number): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    for (let s = r.start; s < r.end; s += step) out.push({ start: s, end: Math.min(r.end, s + step) });
  }
  return out;
}

/** End of the run of coverage that starts at 0 (where a sequential pull continues). */
export function contiguousEnd(covered: readonly Range[]): number {
  const first = covered[0];
  return first && first.start === 0 ? first.end : 0;
}
