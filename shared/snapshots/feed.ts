import { z } from 'zod';

/**
 * What a snapshot's source was, as read (docs/oneroster-dialects.md): OneRoster version, bulk or delta per
 * collection, what was assumed when the bundle did not say, and the import problems that become findings.
 * Stored in the snapshot's provider facts under `feed`; the `feed` rules turn it into findings.
 */

export const FeedVersion = z.enum(['1.0', '1.1', '1.2']);
export type FeedVersion = z.infer<typeof FeedVersion>;

export const CollectionMode = z.enum(['bulk', 'delta', 'absent', 'not_listed']);
export type CollectionMode = z.infer<typeof CollectionMode>;

export const FeedProblem = z.object({
  file: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  count: z.number().int().nonnegative(),
  firstLine: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type FeedProblem = z.infer<typeof FeedProblem>;

export const FeedFacts = z.object({
  format: z.enum(['oneroster-csv', 'oneroster-rest']),
  version: FeedVersion,
  /** Where the version came from: the manifest, the files and columns, or nothing (1.1 assumed). */
  versionSource: z.enum(['manifest', 'detected', 'endpoint', 'assumed']),
  /** The version the manifest named when it is not one this app reads (e.g. "2.0"). */
  declaredVersion: z.string().nullable(),
  manifest: z.enum(['present', 'missing', 'unreadable', 'not_applicable']),
  /** True when any collection was sent as delta: the snapshot is not a whole district. */
  delta: z.boolean(),
  /** Per collection (endpoint name): mode as the manifest gave it, and whether its file was in the bundle. */
  collections: z.record(
    z.string(),
    z.object({ mode: CollectionMode, file: z.string(), present: z.boolean() }),
  ),
  /** Plain sentences: which rules were assumed because the bundle did not say. */
  assumed: z.array(z.string()),
  /** Per file: 1.0 or vendor column names read as their 1.1 column. */
  aliasesUsed: z.record(z.string(), z.array(z.string())),
  /** Per file: how many rows the mode/version rules read (blank status → active, 1.0 inactive kept…). */
  semantics: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** Import problems grouped by file and code; rows kept as rejected rows are counted by OR-SCHEMA instead. */
  problems: z.array(FeedProblem),
});
export type FeedFacts = z.infer<typeof FeedFacts>;

/** The feed facts of a snapshot's provider facts, or null (older snapshots, or none recorded). */
export function feedFactsOf(providerFacts: Record<string, unknown> | null | undefined): FeedFacts | null {
  const parsed = FeedFacts.safeParse(providerFacts?.feed);
  return parsed.success ? parsed.data : null;
}

/** The OneRoster version a REST base URL speaks: v1p2 → 1.2, /learningdata/v1 → 1.0, else 1.1. */
export function restVersionOf(baseUrl: string): FeedVersion {
  if (/\/v1p2(\/|$)/i.test(baseUrl)) return '1.2';
  if (/\/learningdata\/v1(\/|$)/i.test(baseUrl)) return '1.0';
  return '1.1';
}

/**
 * A snapshot that is not a whole district (a delta bundle): it must not feed a batch or diffing sync, nor a
 * diff, as if it were complete.
 */
export function isPartialFeed(providerFacts: Record<string, unknown> | null | undefined): boolean {
  return feedFactsOf(providerFacts)?.delta === true;
}
