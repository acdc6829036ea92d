import type { OneRosterError } from '../oneroster/errors';
import { connFinding } from './findings';
import type { VerifyRun } from './run';

/** DNS, refused, reset or timed out: CONN-REACH on the path that was tried. */
export function reportUnreachable(
  run: VerifyRun,
  err: OneRosterError,
  baseUrl: string,
  sourcedId = '/orgs',
): void {
  const host = new URL(baseUrl).host;
  const remedy =
    err.code === 'dns'
      ? `Check the spelling of the host name "${new URL(baseUrl).hostname}" in the base URL, and that this computer is on the network or VPN that can see it`
      : err.errno === 'ECONNREFUSED'
        ? `Nothing answers at ${host}: check the port in the base URL and that the server is running; then check VPN, proxy and firewall`
        : err.code === 'timeout'
          ? `${host} did not answer in time: check VPN, proxy and firewall rules, or try again when the server is less busy`
          : `Check the base URL, and that no VPN, proxy or firewall blocks this computer from ${host}`;
  run.check({
    id: 'reach',
    label: 'Server reachable',
    status: 'fail',
    endpoint: sourcedId,
    detail: err.message,
    ruleIds: ['CONN-REACH'],
  });
  run.finding(
    connFinding('CONN-REACH', {
      entityType: 'endpoint',
      sourcedId,
      message: err.message,
      remedy,
      detail: { host, error: err.code, ...(err.errno ? { errno: err.errno } : {}) },
    }),
  );
}

/** Certificate problems are reported, never worked around (no retry without verification). */
export function reportTls(run: VerifyRun, err: OneRosterError, sourcedId: string): void {
  run.check({
    id: 'tls',
    label: 'TLS certificate',
    status: 'fail',
    detail: err.message,
    ruleIds: ['CONN-TLS'],
  });
  run.finding(
    connFinding('CONN-TLS', {
      entityType: 'endpoint',
      sourcedId,
      message: err.message,
      remedy: `${tlsAdvice(err.errno)} Ask the district or provider to install a valid certificate; never turn certificate checks off`,
      detail: { ...(err.errno ? { errno: err.errno } : {}), ...(err.url ? { url: err.url } : {}) },
    }),
  );
}

function tlsAdvice(errno: string | undefined): string {
  if (!errno) return 'The certificate could not be verified.';
  if (/EXPIRED/.test(errno)) return 'The certificate has expired.';
  if (/SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/.test(errno))
    return 'The certificate is self-signed or issued by an authority this computer does not trust.';
  if (/ALTNAME|HOSTNAME/.test(errno)) return 'The certificate was issued for another host name.';
  if (/NOT_YET_VALID/.test(errno))
    return "The certificate is not valid yet (or this computer's clock is wrong).";
  return 'The certificate could not be verified.';
}
