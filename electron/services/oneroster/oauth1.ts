import { createHmac, randomBytes } from 'node:crypto';

/**
 * OAuth 1.0a request signing (RFC 5849 §3.4), two-legged as OneRoster 1.1 uses it.
 * Kept small and dependency-free: the maintained npm signers either lag on HMAC-SHA256 or use
 * encodeURIComponent, which leaves `'` `!` `(` `)` `*` unencoded and breaks OneRoster filters.
 */
export type OAuth1Method = 'HMAC-SHA256' | 'HMAC-SHA1';

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  method: OAuth1Method;
  /** Only for the RFC's three-legged examples; OneRoster never sends a token. */
  token?: string;
  tokenSecret?: string;
}

/** RFC 3986 §2.3 percent-encoding: only unreserved characters stay; upper-case hex; space is %20. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** RFC 5849 §3.4.1.2: lower-case scheme and host, no default port, path as is, no query or fragment. */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.replace(':', '').toLowerCase();
  const host = url.hostname.toLowerCase();
  const defaultPort = (scheme === 'http' && url.port === '80') || (scheme === 'https' && url.port === '443');
  const port = url.port && !defaultPort ? `:${url.port}` : '';
  return `${scheme}://${host}${port}${url.pathname || '/'}`;
}

/** RFC 5849 §3.4.1.3.2: encode names and values, sort by name then value, join with `&`. */
export function normaliseParameters(params: ReadonlyArray<readonly [string, string]>): string {
  return params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function signatureBaseString(
  method: string,
  url: URL,
  params: ReadonlyArray<readonly [string, string]>,
): string {
  return [
    method.toUpperCase(),
    percentEncode(baseStringUri(url)),
    percentEncode(normaliseParameters(params)),
  ].join('&');
}

export function hmacSignature(
  baseString: string,
  method: OAuth1Method,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  const algorithm = method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  return createHmac(algorithm, key).update(baseString).digest('base64');
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  nonce?: string;
  /** Extra body parameters (form-encoded bodies only; OneRoster GETs have none). */
  bodyParams?: ReadonlyArray<readonly [string, string]>;
  includeVersion?: boolean;
}

export interface SignedRequest {
  authorization: string;
  oauthParams: Record<string, string>;
  baseString: string;
  signature: string;
}

/** Signs one request. Query parameters are read (decoded) from `url`, so what is sent is what was signed. */
export function signRequest(
  method: string,
  url: URL,
  creds: OAuth1Credentials,
  opts: SignOptions = {},
): SignedRequest {
  const oauthParams: Record<string, string> = {
    oauth_consumer_key: creds.consumerKey,
    oauth_nonce: opts.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: creds.method,
    oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  if (creds.token) oauthParams.oauth_token = creds.token;
  if (opts.includeVersion !== false) oauthParams.oauth_version = '1.0';

  const params: Array<readonly [string, string]> = [
    ...url.searchParams.entries(),
    ...(opts.bodyParams ?? []),
    ...Object.entries(oauthParams),
  ];
  const baseString = signatureBaseString(method, url, params);
  const signature = hmacSignature(baseString, creds.method, creds.consumerSecret, creds.tokenSecret);
  const header = Object.entries({ ...oauthParams, oauth_signature: signature })
    .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
    .join(', ');
  return { authorization: `OAuth ${header}`, oauthParams, baseString, signature };
}

/** Parses an `Authorization: OAuth …` header (server side, and tests). Returns null if it is not OAuth. */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const m = /^OAuth\s+(.*)$/is.exec(header.trim());
  if (!m || m[1] === undefined) return null;
  const out: Record<string, string> = {};
  for (const part of m[1].split(/\s*,\s*/)) {
    const kv = /^([^=\s]+)\s*=\s*"([^"]*)"$/.exec(part.trim());
    if (kv && kv[1] !== undefined && kv[2] !== undefined)
      out[decodeURIComponent(kv[1])] = decodeURIComponent(kv[2]);
  }
  return out;
}
