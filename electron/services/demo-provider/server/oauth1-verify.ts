import { timingSafeEqual } from 'node:crypto';
import type { OAuth1Method } from '../../oneroster/oauth1';
import { hmacSignature, parseAuthorizationHeader, signatureBaseString } from '../../oneroster/oauth1';

export interface OAuth1Config {
  clientId: string;
  clientSecret: string;
  methods: readonly OAuth1Method[];
  timestampWindowSec: number;
}

export type OAuth1Result = { ok: true } | { ok: false; reason: string };

/** Remembers nonces for the timestamp window so a replayed request is refused. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private inserts = 0;

  /** True if the nonce was new (and is now remembered until `expiresAtMs`). */
  claim(key: string, nowMs: number, expiresAtMs: number): boolean {
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.set(key, expiresAtMs);
    if (++this.inserts % 1000 === 0) {
      for (const [k, exp] of this.seen) if (exp <= nowMs) this.seen.delete(k);
    }
    return true;
  }
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a two-legged OAuth 1.0a request (RFC 5849 §3.2) the way a strict 1.1 provider does: the signature is
 * recomputed over method, base URI, every query parameter and the oauth_* parameters.
 * `url` must be the URL as the client addressed it (scheme, Host header, path, query).
 */
export function verifyOAuth1(
  method: string,
  url: URL,
  authorization: string | undefined,
  config: OAuth1Config,
  nonces: NonceStore,
  nowMs: number,
): OAuth1Result {
  const fromHeader = parseAuthorizationHeader(authorization);
  const query = [...url.searchParams.entries()];
  // RFC 5849 §3.5.3 also allows the protocol parameters in the query string.
  const oauth: Record<string, string> =
    fromHeader ?? Object.fromEntries(query.filter(([k]) => k.startsWith('oauth_')));
  if (!oauth.oauth_signature)
    return { ok: false, reason: 'The request is not signed: no OAuth Authorization header.' };
  if (oauth.oauth_consumer_key !== config.clientId) {
    return { ok: false, reason: 'Unknown oauth_consumer_key: check the client key (id) for this district.' };
  }
  const sigMethod = oauth.oauth_signature_method ?? '';
  if (!(config.methods as readonly string[]).includes(sigMethod)) {
    return {
      ok: false,
      reason: `Signature method "${sigMethod}" is not accepted; this server accepts ${config.methods.join(', ')}.`,
    };
  }
  if (oauth.oauth_version !== undefined && oauth.oauth_version !== '1.0') {
    return { ok: false, reason: `oauth_version must be 1.0 (got "${oauth.oauth_version}").` };
  }
  const ts = Number(oauth.oauth_timestamp);
  const nowSec = Math.floor(nowMs / 1000);
  if (!Number.isInteger(ts))
    return { ok: false, reason: 'oauth_timestamp is missing or not a whole number of seconds.' };
  if (Math.abs(nowSec - ts) > config.timestampWindowSec) {
    return {
      ok: false,
      reason: `oauth_timestamp is outside the accepted window: the client clock differs from the server clock by ${ts - nowSec} s (allowed ±${config.timestampWindowSec} s). Server time: ${new Date(nowMs).toISOString()}.`,
    };
  }
  if (!oauth.oauth_nonce) return { ok: false, reason: 'oauth_nonce is missing.' };

  const params = [
    ...query.filter(([k]) => fromHeader !== null || k !== 'oauth_signature'),
    ...(fromHeader
      ? Object.entries(fromHeader).filter(([k]) => k !== 'oauth_signature' && k !== 'realm')
      : []),
  ];
  const base = signatureBaseString(method, url, params);
  const expected = hmacSignature(base, sigMethod as OAuth1Method, config.clientSecret);
  if (!sameSignature(expected, oauth.oauth_signature)) {
    return {
      ok: false,
      reason:
        'Invalid OAuth signature: check the client secret, the signature method, and that every query parameter (limit, offset, filter…) is signed exactly as sent.',
    };
  }
  const windowMs = config.timestampWindowSec * 1000;
  if (!nonces.claim(`${config.clientId}\u0000${oauth.oauth_nonce}`, nowMs, nowMs + 2 * windowMs)) {
    return {
      ok: false,
      reason: 'oauth_nonce was already used: every request needs a fresh nonce and signature.',
    };
  }
  return { ok: true };
}
