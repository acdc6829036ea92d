import { COLLECTIONS, V1P1_SCOPE_PREFIX } from '../../../shared/oneroster/endpoints';
import type { CollectionDef } from '../../../shared/oneroster/endpoints';
import { parseRecord } from '../../../shared/oneroster/parse';
import type { Finding } from '../../../shared/rules/finding';
import type { CheckStatus } from '../../../shared/verify/report';
import type { Page } from '../oneroster/page';
import { oneRosterFacts, isOneRosterError, type OneRosterFailure } from '../oneroster/errors';
import type { Connection } from './connection-types';
import { connFinding } from './findings';
import type { VerifyRun } from './run';

/** Records asked for on each endpoint: enough to validate the shape, small enough to stay fast. */
export const SAMPLE_LIMIT = 50;

export interface ProbeResult {
  def: CollectionDef;
  /** The sample page, when the endpoint answered with readable data. */
  page: Page | null;
  error: OneRosterFailure | null;
}

/** Every collection of the 1.1 table, in parallel (the client caps requests in flight). */
export async function probeEndpoints(run: VerifyRun, conn: Connection): Promise<ProbeResult[]> {
  run.phase('endpoints', `Checking ${COLLECTIONS.length} endpoints`);
  return Promise.all(COLLECTIONS.map((def) => probeOne(run, conn, def)));
}

async function probeOne(run: VerifyRun, conn: Connection, def: CollectionDef): Promise<ProbeResult> {
  try {
    const page = await conn.client.fetchPage(def.path, { limit: SAMPLE_LIMIT }, { signal: run.signal });
    run.timings.push({ path: def.path, latencyMs: page.latencyMs, records: page.records.length });
    reportPage(run, def, page);
    return { def, page, error: null };
  } catch (err) {
    if (!isOneRosterError(err) || err.code === 'aborted') throw err;
    reportFailure(run, def, err);
    return { def, page: null, error: err };
  }
}

function reportPage(run: VerifyRun, def: CollectionDef, page: Page): void {
  const findings: Finding[] = [];
  let invalid = 0;
  let v1p2Users = 0;
  for (const raw of page.records) {
    const { record, issues } = parseRecord(def.kind, raw);
    if (record === null || issues.length > 0) invalid++;
    if (record && 'shape' in record && record.shape === '1.2') v1p2Users++;
  }
  const count = page.records.length;
  // roles[] is the standard user shape at a 1.2 base; only a 1.1 base serving it is non-standard.
  const version = run.onerosterVersion ?? '1.1';
  const nonStandardUsers = version === '1.2' ? 0 : v1p2Users;

  if (count === 0 && def.required) {
    findings.push(
      connFinding('CONN-EMPTY', {
        entityType: 'endpoint',
        sourcedId: def.path,
        message: `${def.path} answered with no records${page.totalCount === 0 ? ' (X-Total-Count: 0)' : ''}; Canvas needs this data.`,
        remedy: `Data may not be shared with this application: ask the district to check the sharing settings for ${def.name} (ClassLink: the app's permissions and "Unenrolled Users" toggles)`,
        detail: { status: page.status, totalCount: page.totalCount },
      }),
    );
  }

  const shapeNotes = envelopeNotes(def, page, nonStandardUsers);
  if (shapeNotes.length > 0) {
    findings.push(
      connFinding('CONN-ENVELOPE', {
        entityType: 'endpoint',
        sourcedId: def.path,
        message: `${def.path} answered HTTP 200 in a non-standard shape: ${shapeNotes.join('; ')}.`,
        remedy: `No change needed for the pull (it reads this shape), but tell the provider that ${def.path} does not follow the OneRoster ${version} response format`,
        detail: {
          envelopeKey: page.envelopeKey,
          expectedKey: def.envelopeKey,
          quirks: page.quirks,
          warnings: page.warnings,
          v1p2Users,
        },
      }),
    );
  }

  for (const f of findings) run.finding(f);
  const status: CheckStatus = findings.some((f) => f.severity === 'blocker')
    ? 'fail'
    : findings.some((f) => f.severity === 'warning')
      ? 'warn'
      : 'pass';
  const details = [
    `${count} record${count === 1 ? '' : 's'} in the sample`,
    ...(invalid > 0 ? [`${invalid} not valid ${version}`] : []),
    ...(def.required ? [] : ['optional']),
  ];
  run.check({
    id: `endpoint:${def.path}`,
    label: def.path,
    status,
    endpoint: def.path,
    httpStatus: page.status,
    latencyMs: page.latencyMs,
    totalCount: page.totalCount,
    sampleSize: count,
    sampleInvalid: invalid,
    detail: details.join(', '),
    ruleIds: findings.map((f) => f.ruleId),
  });
}

/** What is non-standard about a 200 answer (docs/rules.md CONN-ENVELOPE). */
function envelopeNotes(def: CollectionDef, page: Page, v1p2Users: number): string[] {
  const notes: string[] = [];
  for (const q of page.quirks) {
    if (q.startsWith('envelope:'))
      notes.push(`the records are under "${q.slice('envelope:'.length)}" instead of "${def.envelopeKey}"`);
    else if (q === 'error-envelope-in-200') notes.push('a failure statusInfoSet came with the data');
    else if (q === 'body-paging-metadata')
      notes.push('paging fields (totalCount, pageNumber…) are in the body, a 1.2-style extension');
  }
  const failureInWarnings = page.quirks.includes('error-envelope-in-200');
  if (page.warnings.length > 0 && !failureInWarnings)
    notes.push(`a statusInfoSet came with the data (${page.warnings.slice(0, 2).join('; ')})`);
  if (v1p2Users > 0)
    notes.push(
      `${v1p2Users} of ${page.records.length} sampled users have the OneRoster 1.2 shape (roles[] instead of role and orgs)`,
    );
  return notes;
}

function reportFailure(run: VerifyRun, def: CollectionDef, err: OneRosterFailure): void {
  const facts = oneRosterFacts(err) ?? {};
  const severity = def.required ? 'blocker' : 'warning';
  const serverSays = facts.description ? ` The server says: ${sentence(facts.description)}` : '';
  const findings: Finding[] = [];
  if (err.code === 'forbidden') {
    const scope =
      run.configuredAuth.kind === 'oauth2' ? ` (OAuth 2 scope ${scopePrefix(run)}${def.scope})` : '';
    findings.push(
      connFinding('CONN-FORBIDDEN', {
        entityType: 'endpoint',
        sourcedId: def.path,
        severity,
        message: `The server refused ${def.path} (HTTP 403): the credentials work but this data is not shared with the application.${serverSays}`,
        remedy: def.required
          ? `Ask the district to share ${def.name} with this application${scope} — ClassLink: app permissions / data sharing settings. Canvas needs it`
          : `${optionalNote(def)} If you need it, ask the district to share ${def.name} with this application${scope}`,
        detail: {
          status: 403,
          required: def.required,
          ...(facts.codeMinor ? { codeMinor: facts.codeMinor } : {}),
        },
      }),
    );
  } else {
    const errorInBody =
      err.code === 'envelope' &&
      facts.status === 200 &&
      (facts.codeMinor !== undefined || facts.description !== undefined);
    findings.push(
      connFinding('CONN-ENDPOINT', {
        entityType: 'endpoint',
        sourcedId: def.path,
        severity,
        message: `${def.path} failed: ${err.message}${serverSays}`,
        remedy: endpointRemedy(def, err),
        detail: {
          required: def.required,
          error: err.code,
          ...(facts.status !== undefined ? { status: facts.status } : {}),
          ...(facts.errno ? { errno: facts.errno } : {}),
        },
      }),
    );
    if (errorInBody) {
      findings.push(
        connFinding('CONN-ENVELOPE', {
          entityType: 'endpoint',
          sourcedId: def.path,
          message: `${def.path} answered HTTP 200 with an error envelope (statusInfoSet failure) instead of data.`,
          remedy:
            'Tell the provider: a failure must not be sent as HTTP 200; the pull treats it as a failed request, never as an empty roster',
          detail: { ...(facts.codeMinor ? { codeMinor: facts.codeMinor } : {}) },
        }),
      );
    }
  }
  for (const f of findings) run.finding(f);
  run.check({
    id: `endpoint:${def.path}`,
    label: def.path,
    status: def.required ? 'fail' : 'warn',
    endpoint: def.path,
    ...(facts.status !== undefined ? { httpStatus: facts.status } : {}),
    detail: def.required ? err.message : `${err.message} (optional)`,
    ruleIds: findings.map((f) => f.ruleId),
  });
}

function optionalNote(def: CollectionDef): string {
  return def.name === 'demographics'
    ? 'Canvas does not need demographics; ignore this unless you use them.'
    : 'Optional: only needed if grading periods should reach Canvas.';
}

function endpointRemedy(def: CollectionDef, err: OneRosterFailure): string {
  const prefix = def.required ? '' : `${optionalNote(def)} `;
  if (err.code === 'not_found') {
    return `${prefix}This server does not offer ${def.path}: ask the provider to enable the endpoint${def.required ? ' (Canvas needs it)' : ''}`;
  }
  if (
    err.code === 'server' ||
    err.code === 'rate_limited' ||
    err.code === 'timeout' ||
    err.code === 'network'
  ) {
    return `${prefix}Retry later; if it keeps failing, send the provider the failing URL (${def.path}) and the error above`;
  }
  if (err.code === 'envelope') {
    return `${prefix}The answer is not OneRoster JSON: send the provider the URL (${def.path}) and ask for a {"${def.envelopeKey}": [...]} response`;
  }
  return `${prefix}Send the district or provider the failing URL (${def.path}) and the status code`;
}

/** "text" → "text." (server descriptions arrive with or without a final stop). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** 1.2 scopes are named like 1.1's under …/spec/or/v1p2/scope/. */
function scopePrefix(run: VerifyRun): string {
  return run.onerosterVersion === '1.2' ? V1P1_SCOPE_PREFIX.replace('/v1p1/', '/v1p2/') : V1P1_SCOPE_PREFIX;
}
