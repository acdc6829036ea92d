import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError, oneRosterFacts, serverDateOf, type OneRosterFailure } from '../oneroster/errors';
import { diagnoseTokenFailure, diagnoseUnauthorised, isTokenEndpointError, passAuth } from './auth-diagnosis';
import { diagnoseNotFound } from './base-path';
import type { Connection } from './connection-types';
import { checkTransport, reportProxy, reportTls, reportUnreachable } from './network-findings';
import type { ClientAuth, VerifyRun } from './run';

/** The path every check starts with: the smallest useful request a 1.1 server must answer. */
export const PROBE_PATH = '/orgs';

/**
 * Reach → TLS → base path → authentication, on one `GET /orgs?limit=1`. Returns the connection to use for
 * the endpoint checks, or null when nothing more can be checked (the findings say why). When a fix is
 * certain (another base path or signature method works) the run continues with it, so one verify shows
 * every remaining problem too.
 */
export async function connect(run: VerifyRun): Promise<Connection | null> {
  run.phase('connect', `Connecting to ${run.target.baseUrl}`);
  if (!(await checkTransport(run))) return null;
  return attempt(run, run.target.baseUrl, run.configuredAuth, true);
}

export async function attempt(
  run: VerifyRun,
  baseUrl: string,
  auth: ClientAuth,
  allowBasePathSearch: boolean,
): Promise<Connection | null> {
  const client = run.client(baseUrl, auth);
  try {
    // One retry covers a transient 429/5xx/reset; more would keep a black-holed host waiting for minutes.
    const res = await client.get(PROBE_PATH, { limit: 1 }, { signal: run.signal, retries: 1 });
    run.timings.push({ path: PROBE_PATH, latencyMs: res.latencyMs });
    passReach(run, baseUrl, res.latencyMs);
    // After a CONN-BASE-PATH suggestion (allowBasePathSearch false) the failed base-path check stays.
    if (allowBasePathSearch)
      run.check({ id: 'base-path', label: 'Base path', status: 'pass', detail: baseUrl, ruleIds: [] });
    passAuth(run, client, auth, res.serverDate);
    return { client, baseUrl, auth };
  } catch (err) {
    if (!isOneRosterError(err) || err.code === 'aborted') throw err;
    return diagnose(run, err, client, baseUrl, auth, allowBasePathSearch);
  }
}

async function diagnose(
  run: VerifyRun,
  err: OneRosterFailure,
  client: OneRosterClient,
  baseUrl: string,
  auth: ClientAuth,
  allowBasePathSearch: boolean,
): Promise<Connection | null> {
  const facts = oneRosterFacts(err) ?? {};
  if (isTokenEndpointError(err, auth)) {
    diagnoseTokenFailure(run, err, auth);
    return null;
  }
  switch (err.code) {
    case 'dns':
    case 'network':
    case 'timeout':
      reportUnreachable(run, err, baseUrl, PROBE_PATH);
      return null;
    case 'tls':
      await reportTls(run, err, PROBE_PATH);
      return null;
    case 'proxy':
      reportProxy(run, err, PROBE_PATH);
      return null;
    case 'not_found':
      passReach(run, baseUrl, undefined);
      if (!allowBasePathSearch) return null;
      {
        const suggested = await diagnoseNotFound(run, err, baseUrl, auth);
        if (suggested === null) return null;
        run.phase('connect', `Continuing with the suggested base URL ${suggested}`);
        return attempt(run, suggested, auth, false);
      }
    case 'auth':
      passReach(run, baseUrl, undefined);
      if (allowBasePathSearch)
        run.check({ id: 'base-path', label: 'Base path', status: 'pass', detail: baseUrl, ruleIds: [] });
      return diagnoseUnauthorised(run, err, baseUrl, auth);
    default: {
      // 403, 5xx after retries, 429 after retries, 400: the server is there; the endpoint checks report /orgs.
      passReach(run, baseUrl, undefined);
      const known = err.code === 'forbidden';
      const why = `could not be confirmed: ${PROBE_PATH} failed (${facts.status ? `HTTP ${facts.status}` : err.code})`;
      if (allowBasePathSearch) {
        run.check({
          id: 'base-path',
          label: 'Base path',
          status: known ? 'pass' : 'skip',
          detail: known ? baseUrl : why,
          ruleIds: [],
        });
      }
      if (known) passAuth(run, client, auth, serverDateOf(facts));
      else run.check({ id: 'auth', label: 'Authentication', status: 'skip', detail: why, ruleIds: [] });
      return { client, baseUrl, auth };
    }
  }
}

function passReach(run: VerifyRun, baseUrl: string, latencyMs: number | undefined): void {
  const host = new URL(baseUrl).host;
  run.check({
    id: 'reach',
    label: 'Server reachable',
    status: 'pass',
    endpoint: PROBE_PATH,
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    detail: host,
    ruleIds: [],
  });
  if (baseUrl.startsWith('https:')) {
    run.check({ id: 'tls', label: 'TLS certificate', status: 'pass', detail: 'trusted', ruleIds: [] });
  } else {
    run.check({
      id: 'tls',
      label: 'TLS certificate',
      status: 'skip',
      detail: 'plain http (no certificate to check)',
      ruleIds: [],
    });
  }
}
