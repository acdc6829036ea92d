/**
 * "A common term id inside the sourcedId" (docs/mapping.md, term merge): per-school copies of one session are
 * often named `<term id><sep><school code>` or `<school code><sep><term id>` (e.g. `T-2027-S1-001` for school
 * `SCH-001`). Removing the segments that name a school using the session gives the common id (`T-2027-S1`).
 * Returns null when no segment names one of the schools.
 */
export function commonTermId(sessionId: string, schoolKeys: Iterable<string>): string | null {
  const marks = schoolMarks(schoolKeys);
  if (marks.size === 0) return null;
  const parts = sessionId.split(SEPARATORS); // [token, sep, token, sep, …]
  const kept: string[] = [];
  let removed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const token = parts[i]!;
    if (token !== '' && marks.has(token)) {
      removed = true;
      continue;
    }
    if (kept.length > 0) kept.push(parts[i - 1] ?? '');
    kept.push(token);
  }
  const id = kept.join('');
  return removed && id !== '' ? id : null;
}

const SEPARATORS = /([-_.:\s]+)/;

/** The whole school id/identifier, and its segments that carry a digit (codes like `001`, not words like `HS`). */
function schoolMarks(schoolKeys: Iterable<string>): Set<string> {
  const marks = new Set<string>();
  for (const key of schoolKeys) {
    if (!key) continue;
    marks.add(key);
    const parts = key.split(SEPARATORS);
    for (let i = 0; i < parts.length; i += 2) {
      const token = parts[i]!;
      if (token.length >= 2 && /\d/.test(token) && token !== key) marks.add(token);
    }
  }
  return marks;
}
