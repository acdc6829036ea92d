import type { MappingOptions } from '../../../shared/mapping/options';
import { chooseClassTerm } from '../../../shared/plan/term-choice';
import { commonTermId } from '../../../shared/plan/term-key';
import type { MultiTermChoice, TermMerge, TermRow } from '../../../shared/plan/types';
import { compareStrings, statusOf, type OptionLists } from './collect';
import type { ClassIn, OrgIn, SessionIn } from './read';

export interface TermPlan {
  rows: TermRow[];
  /** class sourcedId → Canvas term_id ('' = no term: the Default Term). */
  termOfClass: Map<string, string>;
  termName: Map<string, string>;
  merges: TermMerge[];
  multiTerm: MultiTermChoice[];
}

/**
 * Canvas terms are the sessions classes point at: one per class (the containing session, else the longest;
 * a grading period stands for its parent term). With `termMerge`, per-school copies — same title and dates, or a
 * common term id in the sourcedId — become one Canvas term.
 */
export function planTerms(
  sessions: readonly SessionIn[],
  classes: readonly ClassIn[],
  orgs: readonly OrgIn[],
  options: MappingOptions,
  optionLists: OptionLists,
): TermPlan {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const chosenOf = new Map<string, string>();
  const schoolsOf = new Map<string, Set<string>>();
  const multiTerm: MultiTermChoice[] = [];
  for (const cls of classes) {
    const candidates = termCandidates(cls.termIds, byId);
    const choice = chooseClassTerm(candidates);
    if (choice === null) continue;
    chosenOf.set(cls.id, choice.chosen);
    if (choice.reason !== 'single') {
      multiTerm.push({
        classId: cls.id,
        sessions: candidates.map((c) => c.sourcedId).sort(compareStrings),
        chosen: choice.chosen,
        reason: choice.reason,
      });
    }
    if (cls.schoolId !== null) {
      let schools = schoolsOf.get(choice.chosen);
      if (!schools) schoolsOf.set(choice.chosen, (schools = new Set()));
      schools.add(cls.schoolId);
    }
  }

  const used = [...new Set(chosenOf.values())].sort(compareStrings).map((id) => byId.get(id)!);
  const groups = options.termMerge
    ? mergeGroups(used, schoolsOf, orgById)
    : used.map((s) => ({ members: [s], by: [] }));

  const rows: TermRow[] = [];
  const merges: TermMerge[] = [];
  const canvasIdOf = new Map<string, string>();
  const takenIds = new Set(sessions.map((s) => s.id));
  for (const group of groups) {
    const members = group.members;
    const first = members[0]!;
    let termId = first.id;
    if (members.length > 1) {
      const common = new Set(
        members.map((m) => commonTermId(m.id, schoolKeys(schoolsOf.get(m.id), orgById))),
      );
      const [only] = common;
      if (common.size === 1 && only && !takenIds.has(only)) termId = only;
    }
    const start = minOf(members.map((m) => m.startDate));
    const end = maxOf(members.map((m) => m.endDate));
    const row: TermRow = {
      term_id: termId,
      name: first.title,
      status: statusOf(members.some((m) => m.active)),
      start_date: start ?? '',
      end_date: end ?? '',
      source: first.id,
      options: optionLists.of(...(members.length > 1 ? ['termMerge'] : [])),
    };
    if (members.length > 1) {
      row.sources = members.map((m) => m.id);
      const conflicts = conflictsOf(members);
      merges.push({
        term_id: termId,
        sessions: row.sources,
        by: group.by,
        ...(conflicts.length ? { conflicts } : {}),
      });
    }
    rows.push(row);
    for (const m of members) canvasIdOf.set(m.id, termId);
  }
  rows.sort((a, b) => compareStrings(a.term_id, b.term_id));
  merges.sort((a, b) => compareStrings(a.term_id, b.term_id));

  const termOfClass = new Map<string, string>();
  for (const cls of classes) termOfClass.set(cls.id, canvasIdOf.get(chosenOf.get(cls.id) ?? '') ?? '');
  return { rows, termOfClass, termName: new Map(rows.map((r) => [r.term_id, r.name])), merges, multiTerm };
}

/** The class's sessions that exist; a grading period is replaced by its parent term (grading periods are not terms). */
function termCandidates(termIds: readonly string[], byId: ReadonlyMap<string, SessionIn>) {
  const out = new Map<string, SessionIn>();
  for (const id of termIds) {
    let s = byId.get(id);
    if (s?.type === 'gradingPeriod' && s.parentId !== null) {
      const parent = byId.get(s.parentId);
      if (parent && parent.type !== 'gradingPeriod') s = parent;
    }
    if (s) out.set(s.id, s);
  }
  return [...out.values()].map((s) => ({ sourcedId: s.id, startDate: s.startDate, endDate: s.endDate }));
}

interface Group {
  members: SessionIn[];
  by: string[];
}

/** Union-find over the used sessions by "same title + dates" and by "common term id"; groups sorted by first id. */
function mergeGroups(
  used: readonly SessionIn[],
  schoolsOf: ReadonlyMap<string, Set<string>>,
  orgById: ReadonlyMap<string, OrgIn>,
): Group[] {
  const parent = used.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const reasons = used.map(() => new Set<string>());
  const link = (keyOf: (s: SessionIn) => string | null, why: string) => {
    const firstWith = new Map<string, number>();
    used.forEach((s, i) => {
      const key = keyOf(s);
      if (key === null) return;
      const j = firstWith.get(key);
      if (j === undefined) return void firstWith.set(key, i);
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      reasons[i]!.add(why);
      reasons[j]!.add(why);
    });
  };
  link(
    (s) => (s.startDate && s.endDate ? `${s.title}\u0000${s.startDate}\u0000${s.endDate}` : null),
    'title+dates',
  );
  link((s) => commonTermId(s.id, schoolKeys(schoolsOf.get(s.id), orgById)), 'common id');

  const groups = new Map<number, Group>();
  used.forEach((s, i) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { members: [], by: [] }));
    g.members.push(s);
    for (const why of reasons[i]!) if (!g.by.includes(why)) g.by.push(why);
  });
  return [...groups.values()].map((g) => ({ members: g.members, by: g.by.sort(compareStrings) }));
}

/** sourcedIds and identifiers of the schools whose classes use a session (what a per-school suffix names). */
function schoolKeys(
  schoolIds: ReadonlySet<string> | undefined,
  orgById: ReadonlyMap<string, OrgIn>,
): string[] {
  if (!schoolIds) return [];
  const keys: string[] = [];
  for (const id of schoolIds) {
    keys.push(id);
    const identifier = orgById.get(id)?.identifier;
    if (identifier) keys.push(identifier);
  }
  return keys;
}

function conflictsOf(members: readonly SessionIn[]): string[] {
  const out: string[] = [];
  if (new Set(members.map((m) => m.title)).size > 1) out.push('titles differ (the first is used)');
  if (new Set(members.map((m) => `${m.startDate}|${m.endDate}`)).size > 1) {
    out.push('dates differ (earliest start and latest end are used)');
  }
  return out;
}

function minOf(values: Array<string | null>): string | null {
  let out: string | null = null;
  for (const v of values) if (v && (out === null || v < out)) out = v;
  return out;
}

function maxOf(values: Array<string | null>): string | null {
  let out: string | null = null;
  for (const v of values) if (v && (out === null || v > out)) out = v;
  return out;
}
