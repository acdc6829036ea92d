import { z } from 'zod';
import { Finding, FindingCounts, Verdict } from '../rules/finding';
import { FeedVersion } from '../snapshots/feed';

/** One line of the Verify checklist (what the UI streams in and the CLI prints). */
export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const VerifyCheck = z.object({
  /** Stable id: 'reach', 'tls', 'auth', 'clock', 'base-path', 'endpoint:/orgs', 'paging', 'rate', … */
  id: z.string(),
  label: z.string(),
  status: CheckStatus,
  endpoint: z.string().optional(),
  httpStatus: z.number().int().optional(),
  latencyMs: z.number().optional(),
  /** X-Total-Count when the provider sent it. */
  totalCount: z.number().int().nullable().optional(),
  /** Records in the sample page and how many failed schema validation. */
  sampleSize: z.number().int().optional(),
  sampleInvalid: z.number().int().optional(),
  detail: z.string().optional(),
  ruleIds: z.array(z.string()),
});
export type VerifyCheck = z.infer<typeof VerifyCheck>;

export const VerifyEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), phase: z.string(), message: z.string() }),
  z.object({ type: z.literal('check'), check: VerifyCheck }),
  z.object({ type: z.literal('finding'), finding: Finding }),
]);
export type VerifyEvent = z.infer<typeof VerifyEvent>;

export const VerifySummary = z.object({
  verdict: Verdict,
  counts: FindingCounts,
  target: z.object({
    baseUrl: z.string(),
    authKind: z.enum(['oauth1', 'oauth2']),
    signatureMethod: z.string().optional(),
  }),
  /**
   * The OneRoster version of the base URL the endpoint checks talked to (a suggested base path when the configured
   * one was wrong); absent when no base URL answered.
   */
  onerosterVersion: FeedVersion.optional(),
  /** Which proxy (never its credentials) and which trusted CAs the requests used. */
  network: z
    .object({
      proxy: z.string(),
      proxySource: z.enum(['environment', 'system', 'profile', 'none']),
      trust: z.string(),
    })
    .optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  /** How long a full pull will take, forecast from the measured pages (electron/services/verify/pull-forecast.ts). */
  pullForecast: z
    .object({
      ms: z.number().nonnegative(),
      records: z.number().int().nonnegative(),
      pages: z.number().int().nonnegative(),
      pageSize: z.number().int().positive(),
      concurrency: z.number().int().positive(),
      networkMs: z.number().nonnegative(),
      cpuMs: z.number().nonnegative(),
    })
    .optional(),
  checks: z.array(VerifyCheck),
  /** Set when the user cancelled: the checklist is then incomplete. */
  cancelled: z.boolean().default(false),
});
export type VerifySummary = z.infer<typeof VerifySummary>;

/** `preflight verify --json` prints exactly this: `{ summary, findings }`. */
export const VerifyReport = z.object({ summary: VerifySummary, findings: z.array(Finding) });
export type VerifyReport = z.infer<typeof VerifyReport>;
