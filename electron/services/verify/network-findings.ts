import { insecureUrlProblem } from '../../../shared/profiles/url-policy';
import { oneRosterFacts, type OneRosterFailure } from '../oneroster/errors';
import { connFinding } from './findings';
import type { VerifyRun } from './run';

/**
 * Before any request: the target must be https (loopback excepted) — otherwise a CONN-INSECURE-HTTP blocker and
 * nothing is sent; then which proxy and which trusted CAs the requests will use (a 'network' check line).
 */
export async function checkTransport(run: VerifyRun): Promise<boolean> {
  const { baseUrl, auth } = run.target;
  const problems = [insecureUrlProblem(baseUrl, 'OneRoster base URL')];
  if (auth.kind === 'oauth2') problems.push(insecureUrlProblem(auth.tokenUrl, 'OAuth 2 token URL'));
  const problem = problems.find((p): p is string => p !== null);
  if (problem) {
    run.check({
      id: 'tls',
      label: 'Encrypted connection (https)',
      status: 'fail',
      detail: problem,
      ruleIds: ['CONN-INSECURE-HTTP'],
    });
    run.finding(
      connFinding('CONN-INSECURE-HTTP', {
        entityType: 'profile',
        sourcedId: baseUrl,
        message:
          'The server address uses plain http: credentials and student data would travel unencrypted, so nothing was sent.',
        remedy: problem,
      }),
    );
    return false;
  }
  const description = await run.http.describe(new URL(baseUrl));
  run.network = description;
  run.check({
    id: 'network',
    label: 'Proxy and trust',
    status: 'pass',
    detail: `Proxy: ${description.proxy} (${sourceText(description.proxySource)}); trusted CAs: ${description.trust}`,
    ruleIds: [],
  });
  return true;
}

function sourceText(source: string): string {
  switch (source) {
    case 'environment':
      return 'from HTTPS_PROXY / HTTP_PROXY / NO_PROXY';
    case 'system':
      return "from the operating system's proxy settings";
    case 'profile':
      return "the profile's proxy setting";
    default:
      return 'no proxy configured';
  }
}

/** The proxy itself refused (407, CONNECT refused) or could not be reached: CONN-PROXY, not the server's fault. */
export function reportProxy(run: VerifyRun, err: OneRosterFailure, sourcedId: string): void {
  const facts = oneRosterFacts(err) ?? {};
  run.check({
    id: 'reach',
    label: 'Server reachable',
    status: 'fail',
    endpoint: sourcedId,
    detail: err.message,
    ruleIds: ['CONN-PROXY'],
  });
  run.finding(
    connFinding('CONN-PROXY', {
      entityType: 'endpoint',
      sourcedId,
      message: err.message,
      remedy: err.hint,
      detail: {
        ...(facts.errno ? { errno: facts.errno } : {}),
        ...(facts.status ? { status: facts.status } : {}),
        ...(run.network ? { proxy: run.network.proxy } : {}),
      },
    }),
  );
}

/** DNS, refused, reset or timed out: CONN-REACH on the path that was tried. */
export function reportUnreachable(
  run: VerifyRun,
  err: OneRosterFailure,
  baseUrl: string,
  sourcedId = '/orgs',
): void {
  const facts = oneRosterFacts(err) ?? {};
  const host = new URL(baseUrl).host;
  const remedy =
    err.code === 'dns'
      ? `Check the spelling of the host name "${new URL(baseUrl).hostname}" in the base URL, and that this computer is on the network or VPN that can see it`
      : facts.errno === 'ECONNREFUSED'
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
      detail: { host, error: err.code, ...(facts.errno ? { errno: facts.errno } : {}) },
    }),
  );
}

/**
 * Certificate problems are reported, never worked around (no retry without verification). What the other end
 * presented tells a TLS-inspecting filter (CONN-TLS-INSPECTION: trust its root) from a broken server
 * certificate (CONN-TLS: the provider must fix it).
 */
export async function reportTls(run: VerifyRun, err: OneRosterFailure, sourcedId: string): Promise<void> {
  const facts = oneRosterFacts(err) ?? {};
  const url = facts.url ? new URL(facts.url) : new URL(run.target.baseUrl);
  const verdict =
    facts.errno === 'ERR_PREFLIGHT_CA_FILE'
      ? null
      : await run.http.inspectCertificate(url, facts.errno).catch(() => null);
  const ruleId = verdict?.kind === 'inspection' ? 'CONN-TLS-INSPECTION' : 'CONN-TLS';
  run.check({ id: 'tls', label: 'TLS certificate', status: 'fail', detail: err.message, ruleIds: [ruleId] });
  const detail = {
    ...(facts.errno ? { errno: facts.errno } : {}),
    ...(facts.url ? { url: facts.url } : {}),
    ...(verdict ? { issuer: verdict.issuer, reason: verdict.reason } : {}),
    ...(run.network ? { proxy: run.network.proxy, trust: run.network.trust } : {}),
  };
  if (verdict?.kind === 'inspection') {
    run.finding(
      connFinding('CONN-TLS-INSPECTION', {
        entityType: 'endpoint',
        sourcedId,
        message: `The connection to ${url.host} was answered with a certificate issued by ${verdict.issuer}, which this computer does not trust: ${verdict.reason}.`,
        remedy:
          `If ${verdict.issuer} is your district's web filter (TLS inspection) or the provider's private authority, ` +
          "get its root certificate as a PEM file from the network team and set it as the district's CA file " +
          '(or NODE_EXTRA_CA_CERTS=FILE); or ask the network team to exempt ' +
          `${url.hostname} from TLS inspection. Never turn certificate checks off`,
        detail,
      }),
    );
    return;
  }
  run.finding(
    connFinding('CONN-TLS', {
      entityType: 'endpoint',
      sourcedId,
      message: verdict ? `${err.message} (${verdict.reason})` : err.message,
      remedy:
        facts.errno === 'ERR_PREFLIGHT_CA_FILE'
          ? err.hint
          : `${tlsAdvice(facts.errno)} Ask the district or provider to install a valid certificate; never turn certificate checks off`,
      detail,
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
