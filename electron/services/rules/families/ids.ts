import type { RuleModule } from '../types';
import { COLLECTION_TABLES, iterate, noun, showId } from './sql';

const MAX_ID_LENGTH = 255;
// Bound as parameters: GLOB character classes with the control characters themselves (U+0001–U+001F, U+007F).
const CONTROL = `*[${String.fromCharCode(1)}-${String.fromCharCode(31)}${String.fromCharCode(127)}]*`;
const EDGE_SPACE_START = '[ \u00a0]*';
const EDGE_SPACE_END = '*[ \u00a0]';

/**
 * SID-FORMAT: sourcedIds that break Canvas SIS ids or URLs — leading/trailing spaces, control characters, "/",
 * or over 255 characters. Every collection, every status: the id itself is the problem. The SQL filter scans
 * only the (snapshot_id, sourced_id) index; the exact problems are then named in JS.
 */
export const idRules: RuleModule = {
  name: 'ids',
  ruleIds: ['SID-FORMAT'],
  run(ctx) {
    for (const { collection, kind, table } of COLLECTION_TABLES) {
      const rows = iterate<{ sourced_id: string }>(
        ctx.db,
        `SELECT sourced_id FROM ${table} WHERE snapshot_id = @s AND (
           sourced_id GLOB @start OR sourced_id GLOB @end OR sourced_id GLOB @control
           OR instr(sourced_id, '/') > 0 OR length(sourced_id) > ${MAX_ID_LENGTH})
         ORDER BY sourced_id`,
        { s: ctx.snapshotId, start: EDGE_SPACE_START, end: EDGE_SPACE_END, control: CONTROL },
      );
      for (const { sourced_id: id } of rows) {
        const problems = idProblems(id);
        if (problems.length === 0) continue;
        ctx.report({
          ruleId: 'SID-FORMAT',
          entityType: kind,
          sourcedId: id,
          message: `${noun(kind)} ${showId(id.length > 80 ? `${id.slice(0, 80)}…` : id)} has a problematic sourcedId: ${problems.join(', ')}`,
          detail: { collection, problems, length: id.length },
        });
      }
    }
  },
};

export function idProblems(id: string): string[] {
  const out: string[] = [];
  if (/^[ \u00a0]/.test(id)) out.push('leading space');
  if (/[ \u00a0]$/.test(id)) out.push('trailing space');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
  if (/[\u0000-\u001f\u007f]/.test(id)) out.push('control characters');
  if (id.includes('/')) out.push('contains "/"');
  if (id.length > MAX_ID_LENGTH) out.push(`${id.length} characters (over ${MAX_ID_LENGTH})`);
  return out;
}
