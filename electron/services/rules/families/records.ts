import type { EntityKind, SchemaIssue } from '../../../../shared/oneroster/types';
import type { SnapshotCollection } from '../../../../shared/snapshots/collections';
import { countActive } from '../../snapshots/active-count';
import { iterateIssues } from '../../snapshots/reading';
import { TABLES } from '../../snapshots/tables';
import type { RuleContext, RuleModule } from '../types';
import {
  COLLECTION_TABLES,
  LIST_CAP,
  all,
  collectionFindingId,
  iterate,
  linkOf,
  listIds,
  noun,
  plural,
  showId,
  tableOf,
} from './sql';

/**
 * Record-level rules over every collection (docs/rules.md "OneRoster data"): schema violations, duplicated
 * sourcedIds, references to missing or tobedeleted records, and the tobedeleted count per collection.
 */
export const recordRules: RuleModule = {
  name: 'records',
  ruleIds: ['OR-SCHEMA', 'OR-DUP-ID', 'OR-REF-MISSING', 'OR-REF-DELETED', 'OR-STATUS-TOBEDELETED'],
  run(ctx) {
    schemaIssues(ctx);
    duplicateIds(ctx);
    for (const holder of HOLDERS) references(ctx, holder, 'missing');
    const deleted = tobedeleted(ctx);
    // Most feeds hold no tobedeleted record at all: then no reference can point at one.
    for (const holder of HOLDERS) {
      const refs = holder.refs.filter((r) => (deleted.get(r.target) ?? 0) > 0);
      if (refs.length > 0) references(ctx, { ...holder, refs }, 'deleted');
    }
  },
};

// ---------------------------------------------------------------------------------------------- OR-SCHEMA

function schemaIssues(ctx: RuleContext): void {
  for (const { collection, kind } of COLLECTION_TABLES) {
    for (const { sourcedId, issues } of iterateIssues(ctx.db, ctx.snapshotId, collection)) {
      const fields = [...new Set(issues.map((i) => i.field || '(record)'))];
      ctx.report({
        ruleId: 'OR-SCHEMA',
        entityType: kind,
        sourcedId,
        message: `${noun(kind)} ${showId(sourcedId)} does not match the OneRoster 1.1 model: ${describeIssues(issues)}`,
        detail: {
          collection,
          fields,
          issues: issues.map(({ field, code, message }) => ({ field, code, message })),
        },
      });
    }
    rejected(ctx, collection, kind);
  }
}

function describeIssues(issues: readonly SchemaIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => i.message);
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ');
}

/** Records that could not be read at all (no sourcedId, not an object, unparseable page): counted per collection. */
function rejected(ctx: RuleContext, collection: SnapshotCollection, kind: EntityKind): void {
  const reasons = all<{ reason: string; n: number; location: string | null }>(
    ctx.db,
    `SELECT reason, COUNT(*) AS n, MIN(location) AS location FROM records_rejected
     WHERE snapshot_id = ? AND collection = ? GROUP BY reason ORDER BY n DESC, reason`,
    ctx.snapshotId,
    collection,
  );
  if (reasons.length === 0) return;
  const total = reasons.reduce((n, r) => n + r.n, 0);
  ctx.report({
    ruleId: 'OR-SCHEMA',
    entityType: kind,
    sourcedId: collectionFindingId(collection),
    message: `${plural(total, 'entry', 'entries')} of ${collection} could not be read as records and ${total === 1 ? 'was' : 'were'} kept raw: ${reasons[0]!.reason}${reasons.length > 1 ? ` (and ${reasons.length - 1} other reasons)` : ''}`,
    detail: {
      collection,
      rejected: total,
      reasons: reasons.slice(0, 10).map((r) => ({ reason: r.reason, count: r.n, firstLocation: r.location })),
    },
  });
}

// ---------------------------------------------------------------------------------------------- OR-DUP-ID

function duplicateIds(ctx: RuleContext): void {
  for (const { collection, kind, table } of COLLECTION_TABLES) {
    const rows = iterate<{ sourced_id: string; extra: number; versions: number; locations: string | null }>(
      ctx.db,
      `SELECT d.sourced_id, COUNT(*) AS extra,
              COUNT(DISTINCT d.content_hash) + (SUM(d.content_hash = r.content_hash) = 0) AS versions,
              group_concat(d.location, '\u001f') AS locations
       FROM duplicates d JOIN ${table} r ON r.snapshot_id = d.snapshot_id AND r.sourced_id = d.sourced_id
       WHERE d.snapshot_id = ? AND d.collection = ?
       GROUP BY d.sourced_id HAVING SUM(d.content_hash <> r.content_hash) > 0
       ORDER BY d.sourced_id`,
      ctx.snapshotId,
      collection,
    );
    for (const row of rows) {
      const occurrences = row.extra + 1;
      ctx.report({
        ruleId: 'OR-DUP-ID',
        entityType: kind,
        sourcedId: row.sourced_id,
        message: `sourcedId ${showId(row.sourced_id)} appears ${occurrences} times in ${collection} with different content (${row.versions} versions); only the first was kept`,
        detail: {
          collection,
          occurrences,
          versions: row.versions,
          duplicateLocations: (row.locations ?? '').split('\u001f').filter(Boolean).slice(0, LIST_CAP),
        },
      });
    }
  }
}

// ---------------------------------------------------------------------------------- OR-REF-MISSING / DELETED

/** One reference of docs/rules.md's list; list references live in link tables (class_terms, user_orgs, user_agents). */
interface RefSpec {
  field: string;
  target: SnapshotCollection;
  /** Word for the target in messages: "term", "school", "parent org"… */
  word: string;
  column?: string;
  linkField?: string;
  /** Few distinct targets (schools, courses, terms): walk them with index seeks instead of a DISTINCT scan. */
  few?: boolean;
}

interface Holder {
  collection: SnapshotCollection;
  refs: RefSpec[];
}

const HOLDERS: readonly Holder[] = [
  {
    collection: 'orgs',
    refs: [{ field: 'parent', column: 'parent_id', target: 'orgs', word: 'parent org', few: true }],
  },
  {
    collection: 'academicSessions',
    refs: [
      { field: 'parent', column: 'parent_id', target: 'academicSessions', word: 'parent session', few: true },
    ],
  },
  {
    collection: 'courses',
    refs: [{ field: 'org', column: 'org_id', target: 'orgs', word: 'org', few: true }],
  },
  {
    collection: 'classes',
    refs: [
      { field: 'course', column: 'course_id', target: 'courses', word: 'course', few: true },
      { field: 'school', column: 'school_id', target: 'orgs', word: 'school', few: true },
      { field: 'terms', linkField: 'termIds', target: 'academicSessions', word: 'term', few: true },
    ],
  },
  {
    collection: 'users',
    refs: [
      { field: 'orgs', linkField: 'orgIds', target: 'orgs', word: 'org', few: true },
      { field: 'agents', linkField: 'agentIds', target: 'users', word: 'agent' },
    ],
  },
  {
    collection: 'enrollments',
    refs: [
      { field: 'user', column: 'user_id', target: 'users', word: 'user' },
      { field: 'class', column: 'class_id', target: 'classes', word: 'class' },
      { field: 'school', column: 'school_id', target: 'orgs', word: 'school', few: true },
    ],
  },
];

type RefMode = 'missing' | 'deleted';

/**
 * Rows (holder, field, target) for one reference. Missing targets are found on the DISTINCT referenced ids
 * (an index-only scan), so a million enrollments cost one lookup per distinct user, not per enrollment.
 * Only active holders count: a tobedeleted record becomes a deletion, whatever it points at.
 */
function refSql(holder: SnapshotCollection, ref: RefSpec, mode: RefMode, index: number): string {
  const h = tableOf(holder);
  const t = tableOf(ref.target);
  const f = `'${index}'`;
  // The bad targets come first (few), then CROSS JOIN forces SQLite to look their holders up through the
  // reference index instead of walking every holder row against the list.
  const bad = (col: string, from: string) =>
    mode === 'missing'
      ? `SELECT r.id FROM (${distinct(col, from, ref.few === true)}) r
         WHERE NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.snapshot_id = @s AND x.sourced_id = r.id)`
      : `SELECT x.sourced_id AS id FROM ${t} x WHERE x.snapshot_id = @s AND x.status = 'tobedeleted'`;
  if (ref.column !== undefined) {
    const c = ref.column;
    return `SELECT h.sourced_id AS holder, ${f} AS ref, h.${c} AS target
            FROM (${bad(c, h)}) b CROSS JOIN ${h} h ON h.snapshot_id = @s AND h.${c} = b.id
            WHERE h.status = 'active'`;
  }
  const l = linkOf(holder, ref.linkField!);
  return `SELECT l.${l.ownerCol} AS holder, ${f} AS ref, l.${l.targetCol} AS target
          FROM (${bad(l.targetCol, l.table)}) b
          CROSS JOIN ${l.table} l ON l.snapshot_id = @s AND l.${l.targetCol} = b.id
          CROSS JOIN ${h} h ON h.snapshot_id = @s AND h.sourced_id = l.${l.ownerCol}
          WHERE h.status = 'active'`;
}

/**
 * The distinct values of an indexed column. For a column with few distinct values (60 schools over a million
 * enrollments) a recursive "next value after" walk costs one index seek per value instead of a full index scan.
 */
function distinct(col: string, from: string, few: boolean): string {
  if (!few) return `SELECT DISTINCT ${col} AS id FROM ${from} WHERE snapshot_id = @s AND ${col} IS NOT NULL`;
  const cte = `d_${from}_${col}`;
  return `WITH RECURSIVE ${cte}(id) AS (
            SELECT (SELECT MIN(${col}) FROM ${from} WHERE snapshot_id = @s)
            UNION ALL
            SELECT (SELECT MIN(${col}) FROM ${from} WHERE snapshot_id = @s AND ${col} > ${cte}.id) FROM ${cte} WHERE ${cte}.id IS NOT NULL)
          SELECT id FROM ${cte} WHERE id IS NOT NULL`;
}

/** One finding per holder record, listing every bad reference it holds (streamed, grouped by holder). */
function references(ctx: RuleContext, holder: Holder, mode: RefMode): void {
  const kind = TABLES[holder.collection].kind;
  const sql = `SELECT holder, ref, target FROM (${holder.refs.map((r, i) => refSql(holder.collection, r, mode, i)).join(' UNION ALL ')})
               ORDER BY holder, ref, target`;
  let current: string | null = null;
  let bad: Array<{ ref: RefSpec; target: string }> = [];
  const flush = () => {
    if (current !== null && bad.length > 0) reportRefs(ctx, kind, current, bad, mode);
  };
  for (const row of iterate<{ holder: string; ref: string; target: string }>(ctx.db, sql, {
    s: ctx.snapshotId,
  })) {
    if (row.holder !== current) {
      flush();
      current = row.holder;
      bad = [];
    }
    bad.push({ ref: holder.refs[Number(row.ref)]!, target: row.target });
  }
  flush();
}

function reportRefs(
  ctx: RuleContext,
  kind: EntityKind,
  holder: string,
  bad: Array<{ ref: RefSpec; target: string }>,
  mode: RefMode,
): void {
  const first = bad[0]!;
  const shown = bad.slice(0, 3).map((b) => `${b.ref.word} ${showId(b.target)}`);
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
  const what =
    mode === 'missing'
      ? `${bad.length === 1 ? 'which is' : 'which are'} not in the feed`
      : `${bad.length === 1 ? 'which is' : 'which are'} marked tobedeleted`;
  ctx.report({
    ruleId: mode === 'missing' ? 'OR-REF-MISSING' : 'OR-REF-DELETED',
    entityType: kind,
    sourcedId: holder,
    message: `${noun(kind)} ${showId(holder)} ${mode === 'deleted' ? 'is active but ' : ''}points at ${joinWords(shown)}${more}, ${what}`,
    detail: {
      field: first.ref.field,
      targetId: first.target,
      targetCollection: first.ref.target,
      references: bad
        .slice(0, LIST_CAP)
        .map((b) => ({ field: b.ref.field, targetId: b.target, targetCollection: b.ref.target })),
    },
    related: bad
      .slice(0, LIST_CAP)
      .map((b) => ({ entityType: TABLES[b.ref.target].kind, sourcedId: b.target })),
  });
}

function joinWords(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

// ---------------------------------------------------------------------------------- OR-STATUS-TOBEDELETED

/**
 * Counts per collection as "all minus active": the total is the count the store recorded when the snapshot
 * completed, and the active count comes from an index (snapshots/active-count.ts), where a status filter would
 * read every row with its raw record.
 */
function tobedeleted(ctx: RuleContext): Map<SnapshotCollection, number> {
  const counts = new Map<SnapshotCollection, number>();
  const stored = storedCounts(ctx);
  for (const { collection, kind, table } of COLLECTION_TABLES) {
    const total =
      stored?.[collection] ??
      (ctx.db
        .prepare(`SELECT COUNT(*) FROM ${table} WHERE snapshot_id = ?`)
        .pluck()
        .get(ctx.snapshotId) as number);
    const count = total - countActive(ctx.db, table, ctx.snapshotId, total);
    counts.set(collection, count);
    if (count === 0) continue;
    const sample = all<{ sourced_id: string }>(
      ctx.db,
      `SELECT sourced_id FROM ${table} WHERE snapshot_id = ? AND status = 'tobedeleted' ORDER BY sourced_id LIMIT ${LIST_CAP}`,
      ctx.snapshotId,
    ).map((r) => r.sourced_id);
    ctx.report({
      ruleId: 'OR-STATUS-TOBEDELETED',
      entityType: kind,
      sourcedId: collectionFindingId(collection),
      message: `${plural(count, `${collection} record`)} ${count === 1 ? 'is' : 'are'} marked tobedeleted (${listIds(sample)}); the sync turns them into deletions`,
      detail: { collection, count, sample },
      related: sample.map((sourcedId) => ({ entityType: kind, sourcedId })),
    });
  }
  return counts;
}

/** Record counts stored with a complete snapshot (null while it runs). */
function storedCounts(ctx: RuleContext): Partial<Record<SnapshotCollection, number>> | null {
  const text = ctx.db
    .prepare("SELECT counts FROM snapshots WHERE id = ? AND status = 'complete'")
    .pluck()
    .get(ctx.snapshotId) as string | null | undefined;
  return typeof text === 'string' ? (JSON.parse(text) as Partial<Record<SnapshotCollection, number>>) : null;
}
