import { ServiceError } from '../../../shared/errors';

/**
 * A failure of the proxy itself, not of the server behind it. The `code` (found by the clients' errno lookup)
 * lets verify and the error messages say "the proxy refused" instead of blaming the OneRoster or Canvas server.
 */
export type ProxyErrorCode = 'PROXY_AUTH_REQUIRED' | 'PROXY_CONNECT_FAILED' | 'PROXY_UNREACHABLE';

/** `proxy` is the shown proxy address (no credentials); detail holds proxy, target and the HTTP status if any. */
export function proxyError(
  code: ProxyErrorCode,
  proxy: string,
  target: string,
  status?: number,
  cause?: unknown,
): ServiceError {
  return new ServiceError(code, proxyMessage(code, proxy, target, status), {
    detail: { proxy, target, ...(status !== undefined ? { status } : {}) },
    ...(cause !== undefined ? { cause } : {}),
  });
}

function proxyMessage(code: ProxyErrorCode, proxy: string, target: string, status?: number): string {
  switch (code) {
    case 'PROXY_AUTH_REQUIRED':
      return status === 407
        ? `The proxy ${proxy} asked for a user name and password (HTTP 407) before connecting to ${target}.`
        : `The proxy ${proxy} did not accept the user name and password (HTTP ${status ?? 407}) for ${target}.`;
    case 'PROXY_CONNECT_FAILED':
      return `The proxy ${proxy} refused to connect to ${target}${status ? ` (HTTP ${status})` : ''}.`;
    case 'PROXY_UNREACHABLE':
      return `The proxy ${proxy} could not be reached on the way to ${target}.`;
  }
}

export function proxyHint(code: string | undefined): string | undefined {
  switch (code) {
    case 'PROXY_AUTH_REQUIRED':
      return "Give the proxy credentials in the proxy address (HTTPS_PROXY=http://USER:PASSWORD@proxy:port in the environment, or the district's proxy setting), or ask the network team to allow this computer or this site without authentication.";
    case 'PROXY_CONNECT_FAILED':
      return 'The proxy or web filter blocks this site: ask the network team to allow it (HTTPS, port 443), or add the host to NO_PROXY / set the profile\'s proxy to "none" if it is reachable directly.';
    case 'PROXY_UNREACHABLE':
      return "Check the proxy address and port (HTTPS_PROXY / the system proxy settings / the profile's proxy), and that this computer is on the district network or VPN.";
    default:
      return undefined;
  }
}
