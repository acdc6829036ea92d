import type { OAuth1Method } from '../../electron/services/oneroster/oauth1';
import { signRequest } from '../../electron/services/oneroster/oauth1';
import type { RunningProvider } from '../../electron/services/demo-provider';

export interface SignOpts {
  method?: OAuth1Method;
  key?: string;
  secret?: string;
  timestamp?: number;
  nonce?: string;
}

/** Absolute URL for a path below the provider's base URL (or an absolute URL as is). */
export function urlFor(p: RunningProvider, path: string): URL {
  return new URL(path.startsWith('http') ? path : p.baseUrl + path);
}

/** GET signed with OAuth 1.0a exactly as a client would (oauth1.ts signRequest over the URL actually sent). */
export function signedGet(p: RunningProvider, path: string, o: SignOpts = {}): Promise<Response> {
  const url = urlFor(p, path);
  const signed = signRequest(
    'GET',
    url,
    {
      consumerKey: o.key ?? p.clientId,
      consumerSecret: o.secret ?? p.clientSecret,
      method: o.method ?? 'HMAC-SHA256',
    },
    { timestamp: o.timestamp, nonce: o.nonce },
  );
  return fetch(url, { headers: { authorization: signed.authorization } });
}

export async function getJson<T = Record<string, unknown>>(
  p: RunningProvider,
  path: string,
  o: SignOpts = {},
): Promise<{ res: Response; body: T }> {
  const res = await signedGet(p, path, o);
  return { res, body: (await res.json()) as T };
}

export type Rec = Record<string, unknown> & { sourcedId: string };

/** The codeMinor of a 1.1 statusInfoSet error body. */
export function codeMinor(body: unknown): string | undefined {
  const set = (
    body as {
      statusInfoSet?: Array<{
        imsx_CodeMinor?: { imsx_codeMinorField?: Array<{ imsx_codeMinorFieldValue?: string }> };
      }>;
    }
  ).statusInfoSet;
  return set?.[0]?.imsx_CodeMinor?.imsx_codeMinorField?.[0]?.imsx_codeMinorFieldValue;
}

export function description(body: unknown): string {
  return (
    (body as { statusInfoSet?: Array<{ imsx_description?: string }> }).statusInfoSet?.[0]?.imsx_description ??
    ''
  );
}

/** Parses an RFC 8288 Link header into rel → URL. */
export function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)) out[m[2]!] = m[1]!;
  return out;
}

export async function bearerToken(p: RunningProvider, scope?: string): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope !== undefined) body.set('scope', scope);
  return fetch(p.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(p.clientId)}:${encodeURIComponent(p.clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
}
