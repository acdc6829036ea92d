import { redactSecrets } from '../logging/redact';

/**
 * Reports are forwarded outside the district, so everything that did not come from the rule catalogue passes
 * through here: known secret values are redacted (never credential-shaped patterns: they would rewrite roster
 * text such as "Basic Mathematics"), URLs lose user info, query and fragment, and detail fields named like
 * credentials are dropped.
 */

const CREDENTIAL_KEY =
  /password|passwd|secret|token|authori[sz]ation|credential|api[_-]?key|oauth_signature/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;

/** The URL without user info, query string or fragment (null stays null; unparseable text is cut at `?`/`#`). */
export function safeUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return redactSecrets(url.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//'));
  }
}

/** Free text (finding messages, check details): URLs made safe, then redacted. */
export function scrubText(text: string): string {
  return redactSecrets(text.replace(URL_IN_TEXT, (u) => safeUrl(u) ?? ''));
}

/** A finding's detail without credential-named fields, as compact JSON text ('' when empty). */
export function scrubDetail(detail: Record<string, unknown> | undefined): string {
  if (detail === undefined) return '';
  const cleaned = dropCredentials(detail) as Record<string, unknown>;
  if (Object.keys(cleaned).length === 0) return '';
  return scrubText(JSON.stringify(cleaned));
}

function dropCredentials(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => dropCredentials(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!CREDENTIAL_KEY.test(k)) out[k] = dropCredentials(v, depth + 1);
  }
  return out;
}

/** A finding safe to export: message scrubbed, credential-named detail fields dropped. */
export function scrubFinding<F extends { message: string; detail?: Record<string, unknown> | undefined }>(
  f: F,
): F {
  const out = { ...f, message: scrubText(f.message) };
  if (f.detail !== undefined) out.detail = dropCredentials(f.detail) as Record<string, unknown>;
  return out;
}
