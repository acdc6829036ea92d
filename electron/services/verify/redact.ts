import { redact, registerSecret } from '../logging/redact';

/**
 * Defence in depth: whatever a provider or a lower layer put into an error text, the client secret (and
 * credential-shaped strings) must never reach a finding, a check or the CLI output.
 */
export function makeRedactor(secrets: ReadonlyArray<string | undefined>): <T>(value: T) => T {
  for (const s of secrets) registerSecret(s);
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  return <T>(value: T): T => scrub(value) as T;
}
