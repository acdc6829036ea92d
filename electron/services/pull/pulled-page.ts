import type { RawPage } from '../oneroster/client';
import { readEnvelope, type Envelope } from '../oneroster/envelope';

/**
 * A fetched page as the pull's logic sees it: what its headers and envelope said, and where its records are —
 * on this thread (`records`, parsed here) or in the parse thread (`ref`, parse-worker.ts), so a big pull's
 * calling thread never parses a page.
 */
export interface PulledPage {
  url: string;
  totalCount: number | null;
  nextUrl: string | null;
  /** Envelope and header quirks. */
  quirks: string[];
  /** Records in the page (valid or not). */
  count: number;
  /** The first record's sourcedId (servers that ignore `offset` send the same first record again). */
  firstId: string | null;
  records: unknown[] | null;
  ref: number | null;
}

/** What the envelope of a page tells the pull, wherever it was read. */
export interface EnvelopeSummary {
  count: number;
  firstId: string | null;
  quirks: string[];
}

export function summarise(env: Envelope): EnvelopeSummary {
  const r = env.records[0];
  const id = typeof r === 'object' && r !== null ? (r as { sourcedId?: unknown }).sourcedId : undefined;
  return { count: env.records.length, firstId: typeof id === 'string' ? id : null, quirks: env.quirks };
}

/** A page with its envelope read elsewhere (the records stay there, under `ref`). */
export function pulledPage(raw: RawPage, s: EnvelopeSummary, ref: number): PulledPage {
  return {
    url: raw.url,
    totalCount: raw.totalCount,
    nextUrl: raw.nextUrl,
    quirks: [...s.quirks, ...raw.quirks],
    count: s.count,
    firstId: s.firstId,
    records: null,
    ref,
  };
}

/** Reads a page's body on this thread (small pulls, delta probes). Throws the envelope's OneRosterFailure. */
export function readHere(raw: RawPage): PulledPage {
  const env = readEnvelope(new TextDecoder().decode(raw.body), raw.path, raw.url);
  return { ...pulledPage(raw, summarise(env), -1), records: env.records, ref: null };
}
