import type Database from 'better-sqlite3';
import type { EntityRef, EntityType } from '../../../../shared/rules/finding';
import type { RuleContext } from '../types';

/**
 * Shared pieces of the user and enrollment rules (users.ts, enrollments.ts): SQL text functions, group
 * reporting and the role vocabulary they compare. Everything here works on a snapshot's normalised columns, never on `raw`.
 */

/** Most other members a group finding lists in `related`; `detail.count` always has the full size. */
export const RELATED_LIMIT = 50;

const registered = new WeakSet<Database.Database>();

/**
 * SQL functions with JavaScript's whitespace trimming and Unicode lower-casing: SQLite's own trim() only strips
 * spaces and lower() only folds ASCII, while Canvas compares login ids case-insensitively in full Unicode.
 * - preflight_trim(x): x trimmed (NULL stays NULL);
 * - preflight_fold(x): x trimmed and lower-cased, the key usernames and emails are compared by.
 */
export function registerTextFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  const trim = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).trim());
  db.function('preflight_trim', { deterministic: true }, (v: unknown) => trim(v));
  db.function('preflight_fold', { deterministic: true }, (v: unknown) => trim(v)?.toLowerCase() ?? null);
  registered.add(db);
}

/**
 * SQL for a column trimmed / trimmed and lower-cased with JavaScript's semantics. ASCII values (nearly all of
 * them: one byte per character) go through SQLite's own trim() and lower(), which agree with JavaScript there
 * once trim() is given JavaScript's ASCII whitespace; only other values call into JavaScript, so scanning 100k
 * users stays in C.
 */
const ASCII = (col: string) => `length(${col}) = octet_length(${col})`;
const JS_ASCII_WHITESPACE = 'char(32, 9, 10, 11, 12, 13)';
export const trimmedSql = (col: string): string =>
  `CASE WHEN ${ASCII(col)} THEN trim(${col}, ${JS_ASCII_WHITESPACE}) ELSE preflight_trim(${col}) END`;
export const foldedSql = (col: string): string =>
  `CASE WHEN ${ASCII(col)} THEN lower(trim(${col}, ${JS_ASCII_WHITESPACE})) ELSE preflight_fold(${col}) END`;

/**
 * Which side of the school a role is on. A user and their enrollment contradict each other when the groups
 * differ (a student enrolled as teacher, a teacher enrolled as student, a parent enrolled in a class); moves
 * within the staff group (an administrator teaching a class) are normal.
 */
export const ROLE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  learner: ['student'],
  staff: ['teacher', 'aide', 'proctor', 'administrator'],
  family: ['parent', 'guardian', 'relative'],
};

/** SQL list literal of role names from code (ROLE_GROUPS, roleMap keys), never from data; quoted all the same. */
export function roleList(roles: readonly string[]): string {
  return roles.map((r) => `'${r.replace(/'/g, "''")}'`).join(', ');
}

export interface GroupMember {
  sourcedId: string;
}

/**
 * Reports one finding per member of each group, each pointing at the other members (docs/rules.md: group rules
 * name every member). `rows` must arrive ordered by group key so a group is contiguous.
 */
export function reportGroups<R extends GroupMember>(
  rows: Iterable<R>,
  keyOf: (row: R) => string,
  entityType: EntityType,
  emit: (member: R, group: readonly R[], related: EntityRef[]) => void,
): void {
  let group: R[] = [];
  let key: string | null = null;
  const flush = () => {
    if (group.length > 1) {
      for (const member of group) {
        const related = group
          .filter((m) => m !== member)
          .slice(0, RELATED_LIMIT)
          .map((m) => ({ entityType, sourcedId: m.sourcedId }));
        emit(member, group, related);
      }
    }
    group = [];
  };
  for (const row of rows) {
    const k = keyOf(row);
    if (k !== key) {
      flush();
      key = k;
    }
    group.push(row);
  }
  flush();
}

/** Entity refs from a JSON array of sourcedIds (json_group_array), sorted and capped at RELATED_LIMIT. */
export function refsFromJson(json: string, entityType: EntityType): EntityRef[] {
  return sortedIds(json)
    .slice(0, RELATED_LIMIT)
    .map((sourcedId) => ({ entityType, sourcedId }));
}

export function sortedIds(json: string): string[] {
  return (JSON.parse(json) as string[]).sort(compareText);
}

/** Locale-independent ordering (the same as compareFindings), so output does not depend on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "1 active user" / "3 active users". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Runs each rule function in turn; a rule family is a list of small, independent checks. */
export function runAll(ctx: RuleContext, rules: ReadonlyArray<(ctx: RuleContext) => void>): void {
  registerTextFunctions(ctx.db);
  for (const rule of rules) rule(ctx);
}
