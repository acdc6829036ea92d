import { z } from 'zod';
import { NetworkSettings } from './network';

/** Non-secret district settings. Secrets live only in the OS keychain, keyed by profile id + SecretKind. */
export const SignatureMethod = z.enum(['HMAC-SHA256', 'HMAC-SHA1']);
export type SignatureMethod = z.infer<typeof SignatureMethod>;

export const OneRosterAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('oauth1'), signatureMethod: SignatureMethod.default('HMAC-SHA256') }),
  z.object({
    kind: z.literal('oauth2'),
    tokenUrl: z.url({ protocol: /^https?$/ }),
    /** Space-separated scopes; empty = try core+roster, then core, then none. */
    scope: z.string().max(2000).default(''),
  }),
]);
export type OneRosterAuth = z.infer<typeof OneRosterAuth>;

export const OneRosterSettings = z.object({
  baseUrl: z.url({
    protocol: /^https?$/,
    message: 'Enter a full http(s) URL, e.g. https://district-vn-v2.oneroster.com/ims/oneroster/v1p1',
  }),
  clientId: z.string().trim().min(1, 'Client key is required').max(500),
  auth: OneRosterAuth,
  pageSize: z.number().int().min(1).max(50_000).default(1000),
  concurrency: z.number().int().min(1).max(32).default(4),
  timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
});
export type OneRosterSettings = z.infer<typeof OneRosterSettings>;

/** Canvas the district syncs into (conversion baseline, one-off sync). The access token is a keychain secret. */
export const CanvasSettings = z.object({
  baseUrl: z.url({
    protocol: /^https?$/,
    message: 'Enter the Canvas URL, e.g. https://district.instructure.com',
  }),
  /** Root account id (digits), or `self`; SIS imports only run on the root account. */
  rootAccountId: z
    .string()
    .trim()
    .regex(/^(\d+|self)$/, 'Enter the root account id (digits, usually 1) or "self"')
    .default('1'),
});
export type CanvasSettings = z.infer<typeof CanvasSettings>;

/** An IANA time zone name this runtime knows (checked with Intl), e.g. "America/Chicago". */
export const TimeZone = z
  .string()
  .trim()
  .refine(
    isTimeZone,
    'Enter an IANA time zone such as America/Chicago (see `Intl.supportedValuesOf("timeZone")`)',
  );

export const Profile = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1, 'Name is required').max(120),
  oneroster: OneRosterSettings,
  /** Optional: without it, conversion uses a dropped provisioning report and sync is unavailable. */
  canvas: CanvasSettings.nullable().default(null),
  /**
   * IANA time zone the district's dates mean (e.g. "America/Chicago"); Canvas SIS CSVs carry term and
   * enrollment dates as timestamps in it. null = this computer's zone.
   */
  timeZone: TimeZone.nullable().default(null),
  /** Created by "Open demo district": points at the bundled provider. */
  demo: z.boolean().default(false),
  /** Proxy override and extra trusted CA file (null = the system's / environment's settings). */
  network: NetworkSettings.nullable().default(null),
  /**
   * The origins each stored secret was saved for (secret kind → space-separated origins). Set by the main
   * process when a secret is stored; a secret is never sent when the profile's origins no longer match.
   */
  secretOrigins: z.record(z.string(), z.string()).default({}),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

/** What the user edits: no id, timestamps or secret bindings (those are the main process's). */
export const ProfileDraft = Profile.omit({ id: true, createdAt: true, updatedAt: true, secretOrigins: true });
export type ProfileDraft = z.input<typeof ProfileDraft>;

export const SECRET_KINDS = ['oneroster.clientSecret', 'canvas.token'] as const;
export const SecretKind = z.enum(SECRET_KINDS);
export type SecretKind = z.infer<typeof SecretKind>;

/** Whether each secret is stored; never the secret itself. */
export const SecretStatus = z.record(SecretKind, z.boolean());
export type SecretStatus = z.infer<typeof SecretStatus>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
