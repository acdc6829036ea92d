import type Database from 'better-sqlite3';
import type { RuleContext, RuleModule } from '../types';
import { commonTermId } from '../../../../shared/plan/term-key';
import { classTermChoices, loadClassTerms, type ClassTermChoice, type SessionRow } from './class-terms';
import { LIST_CAP, all, listIds, plural, sessionNoun, showId, span } from './sql';

/**
 * Academic session rules. Grading periods never become Canvas terms (docs/mapping.md), so TERM-* rules look at the
 * other session types only; tobedeleted sessions become deletions and are skipped too. Sessions are few
 * (hundreds), so they are read once.
 */
export const termRules: RuleModule = {
  name: 'terms',
  ruleIds: ['TERM-DATES-INVALID', 'TERM-OUTSIDE-PARENT', 'TERM-DUPLICATE', 'TERM-OVERLAP'],
  run(ctx) {
    const sessions = loadSessions(ctx.db, ctx.snapshotId);
    const terms = [...sessions.values()].filter(isCanvasTermCandidate);
    datesInvalid(ctx, terms);
    outsideParent(ctx, terms, sessions);
    const groups = termCopyGroups(
      ctx.db,
      ctx.snapshotId,
      sessions,
      classTermChoices(ctx.db, ctx.snapshotId, sessions),
    );
    duplicates(ctx, groups, sessions);
    overlaps(ctx, terms, groups);
  },
};

export function loadSessions(db: Database.Database, snapshotId: string): Map<string, SessionRow> {
  const rows = all<{
    sourced_id: string;
    title: string | null;
    type: string | null;
    start_date: string | null;
    end_date: string | null;
    parent_id: string | null;
    school_year: string | null;
    status: string;
    issues: string | null;
  }>(
    db,
    `SELECT sourced_id, title, type, start_date, end_date, parent_id, school_year, status,
            CASE WHEN start_date IS NULL OR end_date IS NULL THEN issues END AS issues
     FROM academic_sessions WHERE snapshot_id = ? ORDER BY sourced_id`,
    snapshotId,
  );
  return new Map(
    rows.map((r) => [
      r.sourced_id,
      {
        id: r.sourced_id,
        title: r.title ?? '',
        type: r.type ?? '',
        startDate: r.start_date,
        endDate: r.end_date,
        parentId: r.parent_id,
        schoolYear: r.school_year,
        active: r.status === 'active',
        dateIssues: r.issues === null ? [] : dateIssueMessages(r.issues),
      },
    ]),
  );
}

function dateIssueMessages(issuesJson: string): string[] {
  const issues = JSON.parse(issuesJson) as Array<{ field: string; message: string }>;
  return issues.filter((i) => i.field === 'startDate' || i.field === 'endDate').map((i) => i.message);
}

function isCanvasTermCandidate(s: SessionRow): boolean {
  return s.active && s.type !== 'gradingPeriod';
}

export function hasValidDates(s: SessionRow): s is SessionRow & { startDate: string; endDate: string } {
  return s.startDate !== null && s.endDate !== null && s.endDate >= s.startDate;
}

function label(s: SessionRow): string {
  return `${sessionNoun(s.type)} ${showId(s.id)}${s.title ? ` "${s.title}"` : ''}`;
}

// ------------------------------------------------------------------------------------- TERM-DATES-INVALID

function datesInvalid(ctx: RuleContext, terms: readonly SessionRow[]): void {
  for (const s of terms) {
    if (hasValidDates(s)) continue;
    const problems: string[] = [];
    if (s.startDate === null) problems.push('no valid startDate');
    if (s.endDate === null) problems.push('no valid endDate');
    if (s.startDate !== null && s.endDate !== null)
      problems.push(`an endDate (${s.endDate}) before its startDate (${s.startDate})`);
    ctx.report({
      ruleId: 'TERM-DATES-INVALID',
      entityType: 'academicSession',
      sourcedId: s.id,
      message: `${label(s)} has ${problems.join(' and ')}${s.dateIssues.length ? ` (${s.dateIssues.join('; ')})` : ''}`,
      detail: { type: s.type, startDate: s.startDate, endDate: s.endDate, problems, issues: s.dateIssues },
    });
  }
}

// ------------------------------------------------------------------------------------ TERM-OUTSIDE-PARENT

function outsideParent(
  ctx: RuleContext,
  terms: readonly SessionRow[],
  sessions: Map<string, SessionRow>,
): void {
  for (const s of terms) {
    const parent = s.parentId === null ? undefined : sessions.get(s.parentId);
    if (parent === undefined || !hasValidDates(s) || !hasValidDates(parent)) continue;
    const early = s.startDate < parent.startDate;
    const late = s.endDate > parent.endDate;
    if (!early && !late) continue;
    const how = early && late ? 'starts before and ends after' : early ? 'starts before' : 'ends after';
    ctx.report({
      ruleId: 'TERM-OUTSIDE-PARENT',
      entityType: 'academicSession',
      sourcedId: s.id,
      message: `${label(s)} (${span(s.startDate, s.endDate)}) ${how} its parent ${sessionNoun(parent.type).toLowerCase()} ${showId(parent.id)} (${span(parent.startDate, parent.endDate)})`,
      detail: {
        startDate: s.startDate,
        endDate: s.endDate,
        parentId: parent.id,
        parentStartDate: parent.startDate,
        parentEndDate: parent.endDate,
      },
      related: [{ entityType: 'academicSession', sourcedId: parent.id }],
    });
  }
}

// ----------------------------------------------------------------------------------------- TERM-DUPLICATE

export interface TermCopyGroup {
  /** Sorted sourcedIds of the copies. */
  members: string[];
  matchedBy: Array<'titleAndDates' | 'commonTermId'>;
  /** The sourcedId without its school part, when every member gives the same one. */
  commonTermId: string | null;
}

/**
 * Per-school copies among the sessions that become Canvas terms (the sessions classes end up in), grouped the
 * way the planner merges them with `termMerge` (docs/mapping.md): same title and dates, or the same common term id
 * once the segments naming the schools that use the session are removed (shared/plan/term-key).
 */
export function termCopyGroups(
  db: Database.Database,
  snapshotId: string,
  sessions: Map<string, SessionRow>,
  choices: readonly ClassTermChoice[],
): TermCopyGroup[] {
  const schoolsOf = new Map<string, Set<string>>();
  for (const c of choices) {
    const set = schoolsOf.get(c.chosen) ?? schoolsOf.set(c.chosen, new Set()).get(c.chosen)!;
    if (c.schoolId !== null) set.add(c.schoolId);
  }
  const identifiers = new Map(
    all<{ sourced_id: string; identifier: string | null }>(
      db,
      'SELECT sourced_id, identifier FROM orgs WHERE snapshot_id = ?',
      snapshotId,
    ).map((o) => [o.sourced_id, o.identifier]),
  );
  const used = [...schoolsOf.keys()].sort().map((id) => sessions.get(id)!);
  const parent = new Map(used.map((s) => [s.id, s.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const how = new Map<string, Set<'titleAndDates' | 'commonTermId'>>();
  const common = new Map<string, string | null>();
  const link = (keyOf: (s: SessionRow) => string | null, kind: 'titleAndDates' | 'commonTermId') => {
    const firstByKey = new Map<string, string>();
    for (const s of used) {
      const key = keyOf(s);
      if (key === null) continue;
      const other = firstByKey.get(key);
      if (other === undefined) {
        firstByKey.set(key, s.id);
        continue;
      }
      parent.set(find(s.id), find(other));
      for (const x of [s.id, other]) (how.get(x) ?? how.set(x, new Set()).get(x)!).add(kind);
    }
  };
  link(
    (s) => (s.startDate && s.endDate ? `${s.title}\u0000${s.startDate}\u0000${s.endDate}` : null),
    'titleAndDates',
  );
  link((s) => {
    const keys = [...(schoolsOf.get(s.id) ?? [])].flatMap((id) => [id, identifiers.get(id) ?? '']);
    const cid = commonTermId(s.id, keys);
    common.set(s.id, cid);
    return cid;
  }, 'commonTermId');
  const byRoot = new Map<string, string[]>();
  for (const s of used) {
    const r = find(s.id);
    (byRoot.get(r) ?? byRoot.set(r, []).get(r)!).push(s.id);
  }
  const groups: TermCopyGroup[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    members.sort();
    const kinds = new Set(members.flatMap((m) => [...(how.get(m) ?? [])]));
    const cids = new Set(members.map((m) => common.get(m) ?? null));
    const [only] = cids;
    groups.push({
      members,
      matchedBy: (['titleAndDates', 'commonTermId'] as const).filter((k) => kinds.has(k)),
      commonTermId: cids.size === 1 && only ? only : null,
    });
  }
  return groups.sort((a, b) => (a.members[0]! < b.members[0]! ? -1 : 1));
}

function duplicates(
  ctx: RuleContext,
  groups: readonly TermCopyGroup[],
  sessions: Map<string, SessionRow>,
): void {
  const merged = ctx.options.termMerge;
  for (const g of groups) {
    for (const id of g.members) {
      const s = sessions.get(id)!;
      const others = g.members.filter((m) => m !== id);
      ctx.report({
        ruleId: 'TERM-DUPLICATE',
        entityType: 'academicSession',
        sourcedId: id,
        severity: merged ? 'info' : 'warning',
        message: `${label(s)} (${span(s.startDate, s.endDate)}) has ${plural(others.length, 'copy', 'copies')} (${listIds(others)}); ${
          merged
            ? 'they are merged into one Canvas term'
            : 'each becomes a separate Canvas term unless they are merged'
        }`,
        detail: {
          title: s.title,
          startDate: s.startDate,
          endDate: s.endDate,
          copies: g.members.length,
          members: g.members.slice(0, LIST_CAP),
          matchedBy: g.matchedBy,
          commonTermId: g.commonTermId,
          merged,
        },
        related: others
          .slice(0, LIST_CAP)
          .map((sourcedId) => ({ entityType: 'academicSession' as const, sourcedId })),
      });
    }
  }
}

// ------------------------------------------------------------------------------------------- TERM-OVERLAP

/** Schools whose active classes use each session (1.1 sessions carry no school of their own). */
function schoolsBySession(db: Database.Database, snapshotId: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of loadClassTerms(db, snapshotId)) {
    if (!c.active || c.schoolId === null) continue;
    for (const t of c.termIds) (out.get(t) ?? out.set(t, new Set()).get(t)!).add(c.schoolId);
  }
  return out;
}

/**
 * Sessions of one type that overlap within one school year and one school. Copies of one term (same title and
 * dates, or one TERM-DUPLICATE group) are not overlaps, and sessions no class uses are compared with every school. Sessions that only
 * touch (one ends the day the next starts) do not overlap: 1.2 makes endDate exclusive.
 */
function overlaps(ctx: RuleContext, terms: readonly SessionRow[], groups: readonly TermCopyGroup[]): void {
  const schools = schoolsBySession(ctx.db, ctx.snapshotId);
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.members.forEach((m) => groupOf.set(m, i)));
  const buckets = new Map<string, Array<SessionRow & { startDate: string; endDate: string }>>();
  for (const s of terms) {
    if (!hasValidDates(s)) continue;
    const key = `${s.type}\0${s.schoolYear ?? s.parentId ?? ''}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(s);
  }
  const isCopy = (a: SessionRow, b: SessionRow) => {
    if (a.title === b.title && a.startDate === b.startDate && a.endDate === b.endDate) return true;
    const ga = groupOf.get(a.id);
    return ga !== undefined && ga === groupOf.get(b.id);
  };
  const hits = new Map<string, string[]>();
  const sharesSchool = (a: string, b: string) => {
    const sa = schools.get(a);
    const sb = schools.get(b);
    if (sa === undefined || sb === undefined) return true;
    for (const x of sa) if (sb.has(x)) return true;
    return false;
  };
  for (const bucket of buckets.values()) {
    bucket.sort((a, b) =>
      a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1,
    );
    let open: typeof bucket = [];
    for (const b of bucket) {
      open = open.filter((a) => a.endDate > b.startDate);
      for (const a of open) {
        if (isCopy(a, b)) continue;
        if (!sharesSchool(a.id, b.id)) continue;
        (hits.get(a.id) ?? hits.set(a.id, []).get(a.id)!).push(b.id);
        (hits.get(b.id) ?? hits.set(b.id, []).get(b.id)!).push(a.id);
      }
      open.push(b);
    }
  }
  const byId = new Map(terms.map((s) => [s.id, s]));
  for (const [id, withIds] of [...hits].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const s = byId.get(id)!;
    const others = [...new Set(withIds)].sort();
    const first = byId.get(others[0]!)!;
    ctx.report({
      ruleId: 'TERM-OVERLAP',
      entityType: 'academicSession',
      sourcedId: id,
      message: `${label(s)} (${span(s.startDate, s.endDate)}) overlaps ${showId(first.id)} (${span(first.startDate, first.endDate)})${
        others.length > 1 ? ` and ${others.length - 1} more` : ''
      }${s.schoolYear ? ` in school year ${s.schoolYear}` : ''}`,
      detail: {
        type: s.type,
        schoolYear: s.schoolYear,
        startDate: s.startDate,
        endDate: s.endDate,
        overlaps: others.slice(0, LIST_CAP).map((o) => {
          const x = byId.get(o)!;
          return { sourcedId: o, title: x.title, startDate: x.startDate, endDate: x.endDate };
        }),
      },
      related: others
        .slice(0, LIST_CAP)
        .map((sourcedId) => ({ entityType: 'academicSession' as const, sourcedId })),
    });
  }
}
