import { targetForPath } from '../../../shared/oneroster/endpoints';
import { oneRosterError } from './errors';
import { describeStatus, parseStatusInfo } from './status-info';

/**
 * Reads a collection response body (docs/oneroster-dialects.md): the expected envelope key, else a known alternative
 * key or the single array-valued property (reported as quirk `envelope:<key>`), else an 'envelope' error —
 * a success-shaped failure must never be taken for an empty roster.
 */
export interface Envelope {
  records: unknown[];
  envelopeKey: string | null;
  quirks: string[];
  /** statusInfoSet entries that came with a 200 (e.g. Microsoft's invalid_sort_field warning). */
  warnings: string[];
}

const BODY_PAGING_KEYS = ['totalCount', 'pageCount', 'pageNumber', 'offset', 'limit'];

export function readEnvelope(bodyText: string, path: string, url: string): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    const empty = bodyText.trim() === '';
    throw oneRosterError(
      'envelope',
      empty ? `The server sent an empty answer for ${path}.` : `The server's answer for ${path} is not JSON.`,
      { url, status: 200 },
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw oneRosterError('envelope', `The server's answer for ${path} is not a OneRoster JSON object.`, {
      url,
      status: 200,
    });
  }
  const obj = body as Record<string, unknown>;
  const infos = parseStatusInfo(obj);
  const failures = infos.filter((i) => i.codeMajor === 'failure');
  const warnings = infos.map(describeStatus);
  const quirks: string[] = [];
  if (BODY_PAGING_KEYS.some((k) => k in obj)) quirks.push('body-paging-metadata');

  const target = targetForPath(path);
  const expected = target ? (target.singleton ? target.def.singletonKey : target.def.envelopeKey) : null;
  const found = findRecords(obj, target?.singleton ? [] : (target?.def.altEnvelopeKeys ?? []), expected);

  if (found) {
    if (expected !== null && found.key !== expected) quirks.push(`envelope:${found.key}`);
    if (failures.length > 0) quirks.push('error-envelope-in-200');
    return { records: found.records, envelopeKey: found.key, quirks, warnings };
  }
  const failure = failures[0];
  if (failure) {
    throw oneRosterError(
      'envelope',
      `The server answered ${path} with success (HTTP 200) but the body is an error: ${describeStatus(failure)}.`,
      {
        url,
        status: 200,
        ...(failure.codeMinor ? { codeMinor: failure.codeMinor } : {}),
        ...(failure.description ? { description: failure.description } : {}),
      },
    );
  }
  const keys = Object.keys(obj).slice(0, 5).join(', ') || 'none';
  throw oneRosterError(
    'envelope',
    expected
      ? `The answer for ${path} has no "${expected}" list (keys found: ${keys}).`
      : `The answer for ${path} has no single list of records (keys found: ${keys}).`,
    { url, status: 200 },
  );
}

function findRecords(
  obj: Record<string, unknown>,
  altKeys: readonly string[],
  expected: string | null,
): { key: string; records: unknown[] } | null {
  if (expected !== null) {
    const v = obj[expected];
    if (Array.isArray(v)) return { key: expected, records: v };
  }
  for (const k of altKeys) {
    const v = obj[k];
    if (Array.isArray(v)) return { key: k, records: v };
  }
  let only: { key: string; records: unknown[] } | null = null;
  for (const [k, v] of Object.entries(obj)) {
    if (!Array.isArray(v) || k === 'statusInfoSet' || k === 'imsx_statusInfoSet') continue;
    if (only) return null; // several lists: ambiguous, do not guess
    only = { key: k, records: v };
  }
  return only;
}
