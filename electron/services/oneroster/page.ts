/**
 * What one page request asks for and what it brings back: shared by the client (which fetches pages) and paging
 * (which walks them), so neither has to import the other's types.
 */
export interface PageParams {
  limit: number;
  offset?: number;
  filter?: string;
  sort?: string;
  orderBy?: 'asc' | 'desc';
  fields?: string;
}

export interface Page {
  url: string;
  status: number;
  records: unknown[];
  envelopeKey: string | null;
  quirks: string[];
  totalCount: number | null;
  nextUrl: string | null;
  latencyMs: number;
  requestedLimit: number;
  offset: number;
  /** Records dropped by pages() because their sourcedId was already seen (count and the records themselves,
   *  so the caller can tell harmless repeats from conflicting duplicates). */
  duplicatesDropped?: number;
  duplicateRecords?: unknown[];
  /** statusInfoSet warnings in a 200. */
  warnings: string[];
}
