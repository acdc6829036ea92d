/**
 * https only, except loopback: tokens, OAuth credentials and student data never travel in cleartext over a
 * network. Plain http stays allowed for 127.0.0.0/8, ::1 and localhost (the bundled demo servers and tests).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(h);
}

/** A plain-language refusal for an http URL to a non-loopback host; null when the URL is acceptable. */
export function insecureUrlProblem(value: string, what: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // the schema reports malformed URLs
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  return (
    `The ${what} must use https:// — plain http:// would send credentials and student data unencrypted ` +
    `(http is only allowed for this computer: localhost / 127.0.0.1). Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}`
  );
}

/** The origin a secret is bound to (scheme://host:port), lower-cased; null for an unparsable URL. */
export function originOf(value: string): string | null {
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return null;
  }
}
