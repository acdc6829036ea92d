import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RouteScope } from './routes';

/** OAuth 2 client-credentials token endpoint and bearer checks (docs/oneroster-dialects.md). */
export const V1P1_SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';
export const V1P1_SCOPES = [
  'roster-core.readonly',
  'roster.readonly',
  'roster-demographics.readonly',
  'resource.readonly',
  'gradebook.readonly',
  'gradebook.createput',
  'gradebook.delete',
].map((s) => V1P1_SCOPE_PREFIX + s);

export interface OAuth2Config {
  clientId: string;
  clientSecret: string;
  /** A list of accepted scope strings, 'any', or 'none-only' (servers that reject any scope, like Synergy). */
  acceptedScopes: string[] | 'any' | 'none-only';
  tokenTtlSec: number;
  /** Refuse (403) data requests whose token scopes do not cover the endpoint. */
  enforceScopes: boolean;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

interface Grant {
  expiresAtMs: number;
  scopes: string[];
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): TokenResponse {
  return {
    status,
    body: { error, error_description: description },
    headers: { 'cache-control': 'no-store', ...headers },
  };
}

function decodeFormPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1 form-encodes both parts) or the body. */
function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): { id: string; secret: string } | null {
  const m = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (m) {
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeFormPart(decoded.slice(0, colon)), secret: decodeFormPart(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : null;
}

export class TokenIssuer {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly config: OAuth2Config) {}

  /** Handles POST tokenPath; `nowMs` is the (possibly skewed) server clock. */
  issue(authorization: string | undefined, body: string, nowMs: number): TokenResponse {
    const form = new URLSearchParams(body);
    const creds = clientCredentials(authorization, form);
    if (!creds || creds.id !== this.config.clientId || !equal(creds.secret, this.config.clientSecret)) {
      return oauthError(
        401,
        'invalid_client',
        'Client authentication failed: check the client id and secret.',
        {
          'www-authenticate': 'Basic realm="oneroster"',
        },
      );
    }
    const grantType = form.get('grant_type');
    if (grantType !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `grant_type must be client_credentials (got "${grantType ?? ''}").`,
      );
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s.length > 0);
    const accepted = this.config.acceptedScopes;
    if (accepted === 'none-only' && scopes.length > 0) {
      return oauthError(
        400,
        'invalid_scope',
        'This server does not accept a scope parameter; request a token without scope.',
      );
    }
    if (Array.isArray(accepted)) {
      const refused = scopes.filter((s) => !accepted.includes(s));
      if (refused.length)
        return oauthError(400, 'invalid_scope', `Scope not accepted: ${refused.join(' ')}.`);
    }
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { expiresAtMs: nowMs + this.config.tokenTtlSec * 1000, scopes });
    this.sweep(nowMs);
    const out: Record<string, unknown> = {
      access_token: token,
      token_type: 'Bearer',
      expires_in: this.config.tokenTtlSec,
    };
    if (scopes.length) out.scope = scopes.join(' ');
    return { status: 200, body: out, headers: { 'cache-control': 'no-store' } };
  }

  /** Checks `Authorization: Bearer …` for a data request; returns a reason when refused. */
  check(
    token: string,
    nowMs: number,
    scope: RouteScope | null,
  ): { ok: true } | { ok: false; status: 401 | 403; reason: string } {
    const grant = this.grants.get(token);
    if (!grant)
      return {
        ok: false,
        status: 401,
        reason: 'Unknown bearer token: request a new token from the token URL.',
      };
    if (grant.expiresAtMs <= nowMs)
      return { ok: false, status: 401, reason: 'The bearer token has expired: request a new token.' };
    if (scope && this.config.enforceScopes && grant.scopes.length > 0 && !covers(grant.scopes, scope)) {
      return {
        ok: false,
        status: 403,
        reason: `The token's scope does not cover this endpoint (needs ${V1P1_SCOPE_PREFIX}${scope}).`,
      };
    }
    return { ok: true };
  }

  private sweep(nowMs: number): void {
    if (this.grants.size < 1000) return;
    for (const [t, g] of this.grants) if (g.expiresAtMs <= nowMs) this.grants.delete(t);
  }
}

/** roster.readonly is a superset of roster-core.readonly (everything but demographics). */
function covers(granted: readonly string[], needed: RouteScope): boolean {
  const has = (s: string) => granted.includes(V1P1_SCOPE_PREFIX + s);
  if (needed === 'roster-core.readonly') return has('roster-core.readonly') || has('roster.readonly');
  return has(needed);
}
