/**
 * OneRoster error/status payloads, parsed defensively (docs/oneroster-dialects.md):
 * - 1.1 `{"statusInfoSet": [{imsx_codeMajor, imsx_severity, imsx_description, imsx_CodeMinor: {imsx_codeMinorField: [{imsx_codeMinorFieldValue}]}}]}`
 * - 1.2 a single top-level `{imsx_codeMajor, imsx_severity, imsx_description?, imsx_CodeMinor?}`
 * - Microsoft's sample: `imsx_codeMinor` as a plain string; warnings appended to 200 responses.
 */
export interface StatusInfo {
  codeMajor: string | null;
  severity: string | null;
  codeMinor: string | null;
  description: string | null;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function readCodeMinor(entry: Obj): string | null {
  const v = entry.imsx_CodeMinor ?? entry.imsx_codeMinor;
  if (typeof v === 'string') return text(v);
  const o = obj(v);
  if (!o) return null;
  const field = o.imsx_codeMinorField;
  const first = Array.isArray(field) ? obj(field[0]) : obj(field);
  return first ? text(first.imsx_codeMinorFieldValue) : text(o.imsx_codeMinorFieldValue);
}

function readEntry(entry: Obj): StatusInfo {
  return {
    codeMajor: text(entry.imsx_codeMajor)?.toLowerCase() ?? null,
    severity: text(entry.imsx_severity)?.toLowerCase() ?? null,
    codeMinor: readCodeMinor(entry),
    description: text(entry.imsx_description),
  };
}

/** All status entries in a parsed JSON body (empty when there are none). */
export function parseStatusInfo(body: unknown): StatusInfo[] {
  const o = obj(body);
  if (!o) return [];
  const set = o.statusInfoSet ?? o.imsx_statusInfoSet;
  if (Array.isArray(set))
    return set
      .map(obj)
      .filter((e): e is Obj => e !== null)
      .map(readEntry);
  const single = obj(set) ?? obj(o.imsx_StatusInfo) ?? (o.imsx_codeMajor !== undefined ? o : null);
  return single ? [readEntry(single)] : [];
}

/** Best-effort reading of an error body: OneRoster status info, OAuth 2 `{error, error_description}`, or `{message}`. */
export function errorDetails(bodyText: string): { codeMinor?: string; description?: string } {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return {};
  }
  const infos = parseStatusInfo(body);
  const info = infos.find((i) => i.codeMajor === 'failure') ?? infos[0];
  if (info) {
    return {
      ...(info.codeMinor ? { codeMinor: info.codeMinor } : {}),
      ...(info.description ? { description: info.description } : {}),
    };
  }
  const o = obj(body);
  if (!o) return {};
  const codeMinor = text(o.error);
  const description = text(o.error_description) ?? text(o.message) ?? text(o.detail);
  return { ...(codeMinor ? { codeMinor } : {}), ...(description ? { description } : {}) };
}

export function describeStatus(info: StatusInfo): string {
  const head = [info.severity ?? info.codeMajor ?? 'status', info.codeMinor].filter(Boolean).join(' ');
  return info.description ? `${head}: ${info.description}` : head;
}
