import { oneRosterFacts, oneRosterError, isOneRosterError, type OneRosterFailure } from './errors';
import type { Requester } from './requester';
import { raceAbort } from './retry';
import { errorDetails } from './status-info';
import { displayUrl } from './url';

/**
 * OAuth 2 client-credentials tokens (docs/oneroster-dialects.md): HTTP Basic client authentication, form body,
 * cached until shortly before `expires_in`. Without a configured scope it tries core+roster, then core,
 * then no scope, because Aeries-like servers refuse the wider scope and Synergy refuses any scope.
 */
export interface OAuth2Config {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

const SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';
export const DEFAULT_SCOPE_CANDIDATES: ReadonlyArray<string | null> = [
  `${SCOPE_PREFIX}roster-core.readonly ${SCOPE_PREFIX}roster.readonly`,
  `${SCOPE_PREFIX}roster-core.readonly`,
  null,
];
const V1P2_SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

/**
 * The scopes tried without a configured one: a 1.2 base (…/v1p2) asks for the 1.2 scope names first, then the
 * 1.1 names some 1.2 servers kept, then none.
 */
export function defaultScopeCandidates(baseUrl: string): ReadonlyArray<string | null> {
  if (!/\/v1p2(\/|$)/i.test(baseUrl)) return DEFAULT_SCOPE_CANDIDATES;
  return [
    `${V1P2_SCOPE_PREFIX}roster-core.readonly ${V1P2_SCOPE_PREFIX}roster.readonly`,
    `${V1P2_SCOPE_PREFIX}roster-core.readonly`,
    ...DEFAULT_SCOPE_CANDIDATES,
  ];
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class OAuth2TokenSource {
  private cached: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;
  private readonly candidates: ReadonlyArray<string | null>;
  private workingScope: string | null | undefined = undefined;
  /** Every token issued so far (the client scrubs them from errors). */
  readonly issuedTokens = new Set<string>();
  readonly basicCredential: string;

  constructor(
    private readonly cfg: OAuth2Config,
    private readonly requester: Requester,
    private readonly now: () => number,
    defaults: ReadonlyArray<string | null> = DEFAULT_SCOPE_CANDIDATES,
  ) {
    this.candidates = cfg.scope !== undefined && cfg.scope.trim() !== '' ? [cfg.scope.trim()] : defaults;
    this.basicCredential = Buffer.from(
      `${formEncode(cfg.clientId)}:${formEncode(cfg.clientSecret)}`,
    ).toString('base64');
  }

  /** The scope the token endpoint accepted (null = no scope parameter); undefined before the first token. */
  get scope(): string | null | undefined {
    return this.workingScope;
  }

  async token(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return this.cached.value;
    // One token request at a time; each waiter can still cancel its own wait.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    const t = await raceAbort(this.pending, signal);
    return t.value;
  }

  /** Drops the cached token (after a 401) unless a newer one has replaced it already. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private async fetchToken(): Promise<CachedToken> {
    const start =
      this.workingScope === undefined ? 0 : Math.max(0, this.candidates.indexOf(this.workingScope));
    let lastError: OneRosterFailure | null = null;
    for (let i = start; i < this.candidates.length; i++) {
      const scope = this.candidates[i] ?? null;
      const result = await this.request(scope);
      if (isOneRosterError(result)) {
        lastError = result;
        // Only a rejected scope (invalid_scope or a 400) is worth another try with a narrower scope.
        const { status, codeMinor } = oneRosterFacts(result) ?? {};
        if (status === 400 || codeMinor === 'invalid_scope') continue;
        throw result;
      }
      this.workingScope = scope;
      this.cached = result;
      return result;
    }
    throw lastError ?? oneRosterError('token', 'The token endpoint did not issue a token.');
  }

  private async request(scope: string | null): Promise<CachedToken | OneRosterFailure> {
    const url = new URL(this.cfg.tokenUrl);
    const shown = displayUrl(url);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      ...(scope ? { scope } : {}),
    }).toString();
    const { res } = await this.requester.send(() => ({
      method: 'POST',
      url,
      headers: {
        authorization: `Basic ${this.basicCredential}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
    }));
    const details = errorDetails(res.bodyText);
    const scopeText = scope === null ? 'no scope' : `scope "${scope}"`;
    if (res.status === 401 || details.codeMinor === 'invalid_client') {
      return oneRosterError(
        'auth',
        `The token endpoint rejected the client ID or secret (HTTP ${res.status}).`,
        {
          status: res.status,
          url: shown,
          ...details,
          hint: 'Check the OAuth 2 client ID and secret, and that the token URL belongs to this provider.',
        },
      );
    }
    if (res.status < 200 || res.status >= 300) {
      return oneRosterError(
        'token',
        `The token endpoint refused the request with ${scopeText} (HTTP ${res.status}).`,
        {
          status: res.status,
          url: shown,
          ...details,
          serverDate: res.serverDate,
        },
      );
    }
    let json: { access_token?: unknown; expires_in?: unknown };
    try {
      json = JSON.parse(res.bodyText) as typeof json;
    } catch {
      json = {};
    }
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      return oneRosterError('token', 'The token endpoint answered without an access token.', {
        status: res.status,
        url: shown,
        hint: "Check that the token URL is the provider's OAuth 2 token endpoint (not the data URL).",
      });
    }
    this.issuedTokens.add(json.access_token);
    const seconds = Number(json.expires_in);
    // No expires_in: keep it until a 401 (ClassLink-style tokens that do not expire).
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Number.POSITIVE_INFINITY;
    const margin = Math.min(60_000, lifetime / 10);
    return { value: json.access_token, expiresAt: this.now() + lifetime - margin };
  }
}
