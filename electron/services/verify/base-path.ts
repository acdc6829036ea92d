import { oneRosterFacts, isOneRosterError, type OneRosterFailure } from '../oneroster/errors';
import { isTokenEndpointError } from './auth-diagnosis';
import { basePathCandidates } from './base-path-candidates';
import { connFinding } from './findings';
import type { ClientAuth, VerifyRun } from './run';

type Outcome = { url: string; kind: 'works' | 'exists' | 'absent' };

/**
 * `/orgs` answered 404 (or a redirect): try the known base-path variants in parallel and suggest the first
 * that answers — with data ('works') or at least with a OneRoster-shaped refusal such as 401 ('exists').
 * Returns the suggested base URL, or null when no variant answers (CONN-BASE-PATH without a suggestion).
 */
export async function diagnoseNotFound(
  run: VerifyRun,
  err: OneRosterFailure,
  baseUrl: string,
  auth: ClientAuth,
): Promise<string | null> {
  const facts = oneRosterFacts(err) ?? {};
  const redirected = facts.status !== undefined && facts.status >= 300 && facts.status < 400;
  // A redirect from http usually means "use https": try that first.
  const upgrade =
    redirected && baseUrl.startsWith('http:')
      ? [baseUrl.replace(/^http:/, 'https:').replace(/\/+$/, '')]
      : [];
  const candidates = [...new Set([...upgrade, ...basePathCandidates(baseUrl)])];
  run.phase('base-path', `/orgs was not found; trying ${candidates.length} known base paths`);
  const outcomes = await Promise.all(candidates.map((url) => probe(run, url, auth)));
  const best = outcomes.find((o) => o.kind === 'works') ?? outcomes.find((o) => o.kind === 'exists');
  const why = redirected ? `redirected (HTTP ${facts.status})` : `not found (HTTP ${facts.status ?? 404})`;

  if (best) {
    run.check({
      id: 'base-path',
      label: 'Base path',
      status: 'fail',
      detail: `use ${best.url}`,
      ruleIds: ['CONN-BASE-PATH'],
    });
    run.finding(
      connFinding('CONN-BASE-PATH', {
        entityType: 'profile',
        sourcedId: baseUrl,
        message: `${baseUrl}/orgs was ${why}, but the OneRoster API answers at ${best.url}.`,
        remedy: `Change the base URL to ${best.url}${best.url.endsWith('/learningdata/v1') ? ' (a OneRoster 1.0 path: ask the provider whether a /ims/oneroster/v1p1 base exists)' : ''}`,
        detail: { suggestedBaseUrl: best.url, tried: candidates },
      }),
    );
    return best.url;
  }
  run.check({
    id: 'base-path',
    label: 'Base path',
    status: 'fail',
    detail: `${baseUrl}/orgs ${why}`,
    ruleIds: ['CONN-BASE-PATH'],
  });
  run.finding(
    connFinding('CONN-BASE-PATH', {
      entityType: 'profile',
      sourcedId: baseUrl,
      message: `${baseUrl}/orgs was ${why}, and none of the usual OneRoster base paths answered either.`,
      remedy:
        'Ask the provider for the exact OneRoster 1.1 base URL (it usually ends in /ims/oneroster/v1p1) and enter it as the base URL',
      detail: { tried: candidates },
    }),
  );
  return null;
}

async function probe(run: VerifyRun, url: string, auth: ClientAuth): Promise<Outcome> {
  try {
    await run.client(url, auth).get('/orgs', { limit: 1 }, { signal: run.signal, retries: 0 });
    return { url, kind: 'works' };
  } catch (err) {
    if (!isOneRosterError(err)) throw err;
    if (err.code === 'aborted') throw err;
    const answered =
      !isTokenEndpointError(err, auth) && ['auth', 'forbidden', 'rate_limited'].includes(err.code);
    return { url, kind: answered ? 'exists' : 'absent' };
  }
}
