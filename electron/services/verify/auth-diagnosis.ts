import { ruleInfo } from '../../../shared/rules/catalog';
import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError, oneRosterFacts, serverDateOf, type OneRosterFailure } from '../oneroster/errors';
import type { OAuth1Method } from '../oneroster/oauth1';
import type { Connection } from './connection-types';
import { connFinding } from './findings';
import { reportTls } from './network-findings';
import type { ClientAuth, VerifyRun } from './run';
import { formatDuration } from './stats';

/** OAuth 1.0a servers reject timestamps this far off (Canvas asks for 5 min; docs/rules.md CONN-CLOCK). */
export const CLOCK_LIMIT_MS = 5 * 60_000;

const AUTH_REMEDY = ruleInfo('CONN-AUTH').remedy;

function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** Did this failure happen at the OAuth 2 token endpoint (rather than on a data request)? */
export function isTokenEndpointError(err: OneRosterFailure, auth: ClientAuth): boolean {
  const facts = oneRosterFacts(err) ?? {};
  if (auth.kind !== 'oauth2') return false;
  if (err.code === 'token') return true;
  return facts.url !== undefined && withoutQuery(facts.url) === withoutQuery(auth.tokenUrl);
}

function authLabel(auth: ClientAuth): string {
  return auth.kind === 'oauth1'
    ? `Authentication (OAuth 1.0a ${auth.method})`
    : 'Authentication (OAuth 2 client credentials)';
}

export function passAuth(
  run: VerifyRun,
  client: OneRosterClient,
  auth: ClientAuth,
  serverDate: Date | null,
): void {
  const scope = client.oauth2Scope;
  run.check({
    id: 'auth',
    label: authLabel(auth),
    status: 'pass',
    ...(auth.kind === 'oauth2' ? { detail: scope ? `scope: ${scope}` : 'no scope requested' } : {}),
    ruleIds: [],
  });
  if (auth.kind === 'oauth1' && serverDate) {
    const skewMs = serverDate.getTime() - run.now();
    run.check({
      id: 'clock',
      label: 'Clock matches the server',
      status: 'pass',
      detail: `within 5 minutes (differs by ${formatDuration(Math.abs(skewMs))})`,
      ruleIds: [],
    });
  }
}

/**
 * A data request got 401. In order: a clock more than 5 minutes off (OAuth 1 timestamps rejected) → CONN-CLOCK;
 * the other signature method works → CONN-AUTH "switch the method" and continue with it; otherwise the key or
 * secret is wrong. For OAuth 2 the token was issued but refused.
 */
export async function diagnoseUnauthorised(
  run: VerifyRun,
  err: OneRosterFailure,
  baseUrl: string,
  auth: ClientAuth,
): Promise<Connection | null> {
  const facts = oneRosterFacts(err) ?? {};
  const profile = run.target.baseUrl;
  if (auth.kind === 'oauth2') {
    failAuth(run, 'the access token was refused');
    run.finding(
      connFinding('CONN-AUTH', {
        entityType: 'profile',
        sourcedId: profile,
        message: `The token endpoint issued an access token, but the OneRoster server refused it (HTTP 401).`,
        remedy: `Check that the token URL belongs to this OneRoster server and that the application was granted the OneRoster scopes. ${AUTH_REMEDY}`,
        detail: { status: 401, ...(facts.description ? { serverSays: facts.description } : {}) },
      }),
    );
    return null;
  }

  const said = providerReason(facts.description);
  if (said.kind === 'key') {
    // The provider named the cause: trying the other signature method would only hide it.
    failAuth(run, 'client key not recognised');
    run.finding(
      connFinding('CONN-AUTH', {
        entityType: 'profile',
        sourcedId: profile,
        message: `The provider does not recognise the client key: “${said.text}” (HTTP 401).`,
        remedy:
          'Check the client key: copy it again from the provider’s console, or ask the district for the key of this application',
        detail: { status: 401, serverSays: said.text },
      }),
    );
    return null;
  }

  const serverDate = serverDateOf(facts);
  if (serverDate) {
    const skewMs = serverDate.getTime() - run.now();
    if (Math.abs(skewMs) > CLOCK_LIMIT_MS) {
      const by = formatDuration(Math.abs(skewMs));
      const direction = skewMs > 0 ? 'behind' : 'ahead of';
      run.check({
        id: 'clock',
        label: 'Clock matches the server',
        status: 'fail',
        detail: `${by} ${direction} the server`,
        ruleIds: ['CONN-CLOCK'],
      });
      failAuth(run, 'rejected because of the clock difference', ['CONN-CLOCK']);
      run.finding(
        connFinding('CONN-CLOCK', {
          entityType: 'profile',
          sourcedId: profile,
          message: `This computer's clock is about ${by} ${direction} the server's clock, so the server rejects the OAuth 1.0a request timestamps (HTTP 401).`,
          remedy: `Set this computer's date and time automatically (NTP) and check its time zone, then verify again; the clock must be within 5 minutes of the server's`,
          detail: {
            skewSeconds: Math.round(skewMs / 1000),
            serverDate: serverDate.toISOString(),
            localDate: new Date(run.now()).toISOString(),
          },
        }),
      );
      return null;
    }
    run.check({
      id: 'clock',
      label: 'Clock matches the server',
      status: 'pass',
      detail: `within 5 minutes (differs by ${formatDuration(Math.abs(skewMs))})`,
      ruleIds: [],
    });
  }

  const other: OAuth1Method = auth.method === 'HMAC-SHA256' ? 'HMAC-SHA1' : 'HMAC-SHA256';
  const alt: ClientAuth = { kind: 'oauth1', method: other };
  const client = run.client(baseUrl, alt);
  try {
    const res = await client.get('/orgs', { limit: 1 }, { signal: run.signal });
    run.timings.push({ path: '/orgs', latencyMs: res.latencyMs });
    failAuth(run, `the server accepts ${other}, not ${auth.method}`);
    run.finding(
      connFinding('CONN-AUTH', {
        entityType: 'profile',
        sourcedId: profile,
        message: `The server rejects ${auth.method} signatures (HTTP 401) but accepts ${other} with the same key and secret.`,
        remedy: `Switch the signature method to ${other} in the district profile`,
        detail: { configured: auth.method, works: other },
      }),
    );
    run.phase('connect', `Continuing with ${other}`);
    return { client, baseUrl, auth: alt };
  } catch (e) {
    if (isOneRosterError(e) && e.code === 'aborted') throw e;
  }

  if (said.kind === 'signature') {
    // The key is known (the provider checked the signature) and neither method matches: the secret is wrong.
    failAuth(run, 'secret rejected (the key is known)');
    run.finding(
      connFinding('CONN-AUTH', {
        entityType: 'profile',
        sourcedId: profile,
        message: `The provider knows the client key but rejects the request signature: “${said.text}” (HTTP 401). The same happens with ${other}, so the client secret is wrong.`,
        remedy:
          'Replace the client secret: copy it again from the provider’s console (no spaces before or after), or ask the district for a new one. The key and the signature method can stay as they are',
        detail: { status: 401, serverSays: said.text, triedMethods: [auth.method, other] },
      }),
    );
    return null;
  }

  failAuth(run, 'key or secret rejected');
  run.finding(
    connFinding('CONN-AUTH', {
      entityType: 'profile',
      sourcedId: profile,
      message:
        `The server rejected the client key or secret (HTTP 401), with ${auth.method} and with ${other} signatures.` +
        (said.kind === 'other' ? ` The provider said: “${said.text}”.` : ''),
      remedy: `The key or secret is wrong: copy both again from the provider's console (no spaces before or after), then use Replace secret on the district`,
      detail: {
        status: 401,
        triedMethods: [auth.method, other],
        ...(facts.description ? { serverSays: facts.description } : {}),
      },
    }),
  );
  return null;
}

/** The OAuth 2 token endpoint failed: wrong URL, credentials or scope (or it is unreachable). */
export function diagnoseTokenFailure(run: VerifyRun, err: OneRosterFailure, auth: ClientAuth): void {
  const facts = oneRosterFacts(err) ?? {};
  if (auth.kind !== 'oauth2') return;
  const tokenUrl = withoutQuery(auth.tokenUrl);
  if (err.code === 'tls') {
    reportTls(run, err, tokenUrl);
    return;
  }
  const scopeRefused = err.code === 'token' && (facts.status === 400 || facts.codeMinor === 'invalid_scope');
  let message: string;
  let remedy: string;
  if (err.code === 'dns' || err.code === 'network' || err.code === 'timeout') {
    message = `The OAuth 2 token URL ${tokenUrl} could not be reached: ${err.message}`;
    remedy = `Check the token URL (ask the provider: it is not under the OneRoster base path), and that no VPN, proxy or firewall blocks it`;
  } else if (err.code === 'auth') {
    message = `The token endpoint rejected the client ID or secret (HTTP ${facts.status ?? 401}).`;
    remedy = `Check the OAuth 2 client ID and secret (copy them again from the provider), and that the token URL belongs to this provider. ${AUTH_REMEDY}`;
  } else if (scopeRefused) {
    message = auth.scope
      ? `The token endpoint refused the scope "${auth.scope}" (HTTP ${facts.status ?? 400}${facts.codeMinor ? `, ${facts.codeMinor}` : ''}).`
      : `The token endpoint refused every scope tried (core+roster, core only, none) (HTTP ${facts.status ?? 400}${facts.codeMinor ? `, ${facts.codeMinor}` : ''}).`;
    remedy = auth.scope
      ? 'Ask the provider which scopes this application may request, or clear the scope so the usual OneRoster scopes are tried'
      : 'Ask the provider which scope this application must request and enter it in the profile';
  } else if (
    facts.status === 404 ||
    facts.status === 405 ||
    (facts.status !== undefined && facts.status >= 300 && facts.status < 400)
  ) {
    message = `The token URL ${tokenUrl} is not a token endpoint (HTTP ${facts.status}).`;
    remedy =
      "Check the token URL: it is the provider's OAuth 2 token endpoint (e.g. https://host/oauth/token), not the data URL";
  } else {
    message = `Could not obtain an OAuth 2 access token: ${err.message}`;
    remedy = `${err.hint} ${AUTH_REMEDY}`;
  }
  failAuth(run, 'no access token', ['CONN-AUTH'], facts.status);
  run.finding(
    connFinding('CONN-AUTH', {
      entityType: 'profile',
      sourcedId: run.target.baseUrl,
      message,
      remedy,
      detail: {
        tokenUrl,
        ...(facts.status !== undefined ? { status: facts.status } : {}),
        ...(facts.codeMinor ? { error: facts.codeMinor } : {}),
        ...(facts.description ? { serverSays: facts.description } : {}),
      },
    }),
  );
}

function failAuth(
  run: VerifyRun,
  detail: string,
  ruleIds: string[] = ['CONN-AUTH'],
  httpStatus: number | undefined = 401,
): void {
  run.check({
    id: 'auth',
    label: authLabel(run.configuredAuth),
    status: 'fail',
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    detail,
    ruleIds,
  });
}

/**
 * What the provider's own 401 text says about the cause. OAuth 1.0a providers answer "invalid oauth_signature"
 * when the key is known and the signature does not match (the secret is wrong), and "invalid consumer key" /
 * "unknown oauth_consumer_key" when the key itself is unknown.
 */
export function providerReason(description: string | undefined): {
  kind: 'signature' | 'key' | 'other' | 'none';
  text: string;
} {
  const text = (description ?? '').trim().slice(0, 300);
  if (!text) return { kind: 'none', text };
  if (/consumer[_ ]?key|unknown (client|key)|invalid[_ ]client\b|client[_ ]id/i.test(text))
    return { kind: 'key', text };
  if (/signature/i.test(text)) return { kind: 'signature', text };
  return { kind: 'other', text };
}

/**
 * Authentication failed, so no endpoint was asked: list every endpoint check as skipped (instead of leaving them
 * out), so the checklist shows what is still to be checked once the credentials are fixed.
 */
export function skipEndpointsUntilAuthenticated(run: VerifyRun, paths: readonly string[]): void {
  for (const path of paths) {
    run.check({
      id: `endpoint:${path}`,
      label: path,
      endpoint: path,
      status: 'skip',
      detail: 'skipped until authentication passes',
      ruleIds: [],
    });
  }
}
