import type { RuleModule } from '../types';
import { COLLECTION_TABLES, iterate, noun, showId } from './sql';

const MAX_ID_LENGTH = 255;
const SQL_FUNCTION = 'preflight_sid_problem';

/**
 * SID-FORMAT: sourcedIds that break Canvas SIS ids or URLs — leading/trailing spaces, control characters, "/",
 * or over 255 characters. Every collection, every status: the id itself is the problem. The ids are read from
 * the (snapshot_id, sourced_id) index and tested by a small SQL function: SQLite's own GLOB on a character class
 * costs several times more per id, which shows at a million enrollments.
 */
export const idRules: RuleModule = {
  name: 'ids',
  ruleIds: ['SID-FORMAT'],
  run(ctx) {
    ctx.db.function(SQL_FUNCTION, { deterministic: true }, (id: unknown) =>
      typeof id === 'string' && (id.length > MAX_ID_LENGTH || SUSPECT.test(id)) ? 1 : 0,
    );
    for (const { collection, kind, table } of COLLECTION_TABLES) {
      const rows = iterate<{ sourced_id: string }>(
        ctx.db,
        `SELECT sourced_id FROM ${table} WHERE snapshot_id = ? AND ${SQL_FUNCTION}(sourced_id) ORDER BY sourced_id`,
        ctx.snapshotId,
      );
      for (const { sourced_id: id } of rows) {
        const problems = idProblems(id);
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

// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
const SUSPECT = /^[ \u00a0]|[ \u00a0]$|[\u0000-\u001f\u007f/]/;

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
