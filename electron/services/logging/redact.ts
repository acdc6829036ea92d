/**
 * Scrubs secrets from text that may leave the process. Two functions, because roster data must never be
 * rewritten by a pattern:
 * - `redact` (log lines, error messages, stderr): exact values the vault has seen (registered at runtime) and
 *   credential-shaped text (Authorization headers, OAuth parameters, bearer tokens, Basic user:password).
 * - `redactSecrets` (data outputs: JSON, reports, CSV, stdout): only the exact registered values, so a class
 *   titled "Basic Mathematics" or a school named "Bearer Creek Elementary" passes through untouched.
 */
export const REDACTED = '[REDACTED]';

const secrets = new Set<string>();
/** Longest first, so a secret that contains another is removed whole. */
let ordered: string[] = [];

/** Shorter values would shred ordinary text; the vault refuses secrets this short anyway. */
export const MIN_REDACTABLE_LENGTH = 4;

/** Remember a secret value (and its URL-encoded forms) so `redact` removes it from every later text. */
export function registerSecret(value: string | null | undefined): void {
  if (!value || value.length < MIN_REDACTABLE_LENGTH) return;
  const before = secrets.size;
  for (const form of encodedForms(value)) secrets.add(form);
  if (secrets.size !== before) ordered = [...secrets].sort((a, b) => b.length - a.length);
}

function encodedForms(value: string): string[] {
  const forms = [value, encodeURIComponent(value)];
  // RFC 3986 form used in OAuth 1.0a signing keys and form bodies.
  forms.push(
    encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  forms.push(new URLSearchParams({ v: value }).toString().slice(2));
  return forms;
}

interface Pattern {
  re: RegExp;
  replace: string;
}

const PATTERNS: Pattern[] = [
  // JSON / quoted form: "Authorization": "OAuth oauth_consumer_key=\"…\", …"
  { re: /(["']authorization["']\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*')/gi, replace: `$1"${REDACTED}"` },
  // Header form: Authorization: <anything up to end of line>
  { re: /(\bauthorization\s*:\s*)(?!["'\s])[^\r\n]+/gi, replace: `$1${REDACTED}` },
  // OAuth 1.0a signature, quoted (header) or bare (query string / form).
  { re: /(oauth_signature\s*=\s*)("[^"]*"|[^&\s,"']+)/gi, replace: `$1${REDACTED}` },
  // Form / query parameters and JSON fields that carry secrets or tokens.
  {
    re: /((?:client_secret|access_token|refresh_token|password)\s*=\s*)("[^"]*"|[^&\s,"']+)/gi,
    replace: `$1${REDACTED}`,
  },
  {
    re: /(["'](?:client_secret|clientSecret|access_token|refresh_token|password|token)["']\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*')/g,
    replace: `$1"${REDACTED}"`,
  },
];

/**
 * Bearer / Basic credentials outside a header line. A bearer token is 12+ token characters with a digit or
 * token punctuation in it ("Bearer Creek" is a name); Basic credentials are base64 of `user:password`
 * ("Basic Mathematics" does not decode to that).
 */
const BEARER = /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{12,}=*)/g;
const BASIC = /\b(Basic\s+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;

function looksLikeToken(token: string): boolean {
  return /[0-9\-._~+/=]/.test(token);
}

function looksLikeBasicCredentials(b64: string): boolean {
  if (b64.replace(/=+$/, '').length % 4 === 1) return false;
  const decoded = Buffer.from(b64, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

/** Only the registered secret values (raw and URL-encoded); for data outputs, where patterns would corrupt roster text. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** For logs and error texts: every registered secret and credential-shaped value replaced by `[REDACTED]`. */
export function redact(text: string): string {
  let out = redactSecrets(text);
  for (const { re, replace } of PATTERNS) out = out.replace(re, replace);
  out = out.replace(BEARER, (m, lead: string, token: string) =>
    looksLikeToken(token) ? `${lead}${REDACTED}` : m,
  );
  return out.replace(BASIC, (m, lead: string, b64: string) =>
    looksLikeBasicCredentials(b64) ? `${lead}${REDACTED}` : m,
  );
}

/** Redacts an error's message for display; keeps nothing else (stacks never reach users). */
export function redactError(e: unknown): string {
  return redact(e instanceof Error ? e.message : String(e));
}
