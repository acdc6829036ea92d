import type { EntityKind } from './types';

export const REDACTED = '[redacted]';

/**
 * Returns the raw record ready to be stored: `password` (1.1 users) and 1.2 `userProfiles[].credentials[]
 * .password` replaced by "[redacted]", so a feed's passwords never reach a snapshot, log or report.
 * Always a (shallow) copy for objects, so the caller may change it; nested objects are shared unless they had
 * to be redacted. Never throws; non-objects are returned unchanged.
 */
export function redactRaw(_kind: EntityKind, raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const rec = raw as Record<string, unknown>;
  const hasPassword = rec.password !== undefined;
  const profiles = Array.isArray(rec.userProfiles) ? redactProfiles(rec.userProfiles) : null;
  const copy: Record<string, unknown> = { ...rec };
  if (hasPassword) copy.password = REDACTED;
  if (profiles !== null) copy.userProfiles = profiles;
  return copy;
}

/** Copies of the profiles with credential passwords redacted, or null when there was nothing to redact. */
function redactProfiles(profiles: unknown[]): unknown[] | null {
  let changed = false;
  const out = profiles.map((p) => {
    if (typeof p !== 'object' || p === null || !Array.isArray((p as { credentials?: unknown }).credentials))
      return p;
    const creds = (p as { credentials: unknown[] }).credentials;
    if (!creds.some((c) => typeof c === 'object' && c !== null && 'password' in c)) return p;
    changed = true;
    return {
      ...(p as object),
      credentials: creds.map((c) =>
        typeof c === 'object' && c !== null && 'password' in c ? { ...(c as object), password: REDACTED } : c,
      ),
    };
  });
  return changed ? out : null;
}
