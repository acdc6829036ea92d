import type {
  CanvasTermView,
  TermFindingTotals,
  TermSchool,
  TermSession,
} from '../../../shared/mapping/tree-views';
import type { AcademicSession } from '../../../shared/oneroster/types';
import type { Plan } from '../../../shared/plan/types';
import type { Finding, FindingCounts, Severity } from '../../../shared/rules/finding';
import type { FindingPlacement } from './badges';
import type { ClassFacts, Locator } from './locate';
import { compareStrings, ROOT, type TreeStructure } from './structure';

export interface TermsSummary {
  schools: TermSchool[];
  terms: CanvasTermView[];
  defaultTermCourses: number;
  findings: TermFindingTotals;
}

/**
 * The Terms view: for each school, the sessions its classes list (with dates) and the Canvas term each one
 * became; for each Canvas term, the sessions merged into it and the schools using it.
 */
export function summariseTerms(
  tree: TreeStructure,
  plan: Plan,
  classes: Iterable<ClassFacts>,
  sessions: ReadonlyMap<string, AcademicSession>,
  locator: Locator,
  placement: FindingPlacement,
  findings: readonly Finding[],
  courseCounts: (node: number) => number,
): TermsSummary {
  const { nodes } = tree;
  const perSchool = new Map<number, Map<string, number>>();
  for (const cls of classes) {
    const sectionIndex = locator.nodesFor('class', cls.sourcedId)[0];
    if (sectionIndex === undefined) continue;
    const term = nodes[nodes[sectionIndex]!.parent]!.parent;
    const school = nodes[term]!.parent;
    let used = perSchool.get(school);
    if (!used) perSchool.set(school, (used = new Map()));
    const ids = new Set<string>();
    for (const id of cls.termIds) {
      ids.add(id);
      // A grading period stands for its parent term (that is what the planner uses).
      const s = sessions.get(id);
      if (s?.type === 'gradingPeriod' && s.parentId) ids.add(s.parentId);
    }
    for (const id of ids) used.set(id, (used.get(id) ?? 0) + 1);
  }

  const schools: TermSchool[] = [];
  for (const [school, used] of perSchool) {
    const node = nodes[school]!;
    const list: TermSession[] = [...used].map(([id, count]) => {
      const s = sessions.get(id);
      return {
        sourcedId: id,
        title: s?.title ?? id,
        type: s?.type ?? 'unknown',
        startDate: s?.startDate ?? null,
        endDate: s?.endDate ?? null,
        canvasTermId: locator.canvasTermOf(id),
        classes: count,
      };
    });
    list.sort(
      (a, b) =>
        compareStrings(a.startDate ?? '\uffff', b.startDate ?? '\uffff') ||
        compareStrings(a.sourcedId, b.sourcedId),
    );
    schools.push({
      accountId: school === ROOT ? '' : node.canvasId,
      orgId: node.sourcedId,
      name: node.name,
      sessions: list,
    });
  }
  schools.sort(
    (a, b) =>
      a.name.localeCompare(b.name, 'en', { numeric: true }) || compareStrings(a.accountId, b.accountId),
  );

  const merges = new Map(plan.notes.termMerges.map((m) => [m.term_id, m]));
  // How many Canvas terms each finding touches: the column counts it in each, the totals say so.
  const touches = new Uint16Array(findings.length);
  const terms: CanvasTermView[] = plan.terms.map((t) => {
    const termNodes = tree.termNodes.get(t.term_id) ?? [];
    const merge = merges.get(t.term_id);
    return {
      termId: t.term_id,
      name: t.name,
      startDate: t.start_date,
      endDate: t.end_date,
      status: t.status,
      sessions: t.sources ?? [t.source],
      mergedBy: merge?.by ?? [],
      conflicts: merge?.conflicts ?? [],
      schools: termNodes.map((n) => nodes[n]!.accountCanvasId),
      courses: termNodes.reduce((sum, n) => sum + courseCounts(n), 0),
      badges: distinctBadges(nodes, termNodes, placement, findings, touches),
    };
  });
  terms.sort((a, b) => compareStrings(a.startDate, b.startDate) || compareStrings(a.termId, b.termId));

  const defaultTermCourses = (tree.termNodes.get('') ?? []).reduce((sum, n) => sum + courseCounts(n), 0);
  return { schools, terms, defaultTermCourses, findings: findingTotals(findings, touches) };
}

/**
 * The findings behind the terms' Problems column: all of them, those in no term (profile, endpoints, users in no
 * class…) and those in several terms (counted once in each), so the column's sum can be told from the total:
 * sum of the column = total − in no term + the extra terms of the findings in several.
 */
function findingTotals(findings: readonly Finding[], touches: Uint16Array): TermFindingTotals {
  const zero = (): Record<Severity, number> => ({ blocker: 0, warning: 0, info: 0 });
  const out = { total: zero(), inNoTerm: zero(), inSeveralTerms: zero(), extraTerms: zero() };
  findings.forEach((f, i) => {
    const n = touches[i]!;
    out.total[f.severity]++;
    if (n === 0) out.inNoTerm[f.severity]++;
    if (n > 1) {
      out.inSeveralTerms[f.severity]++;
      out.extraTerms[f.severity] += n - 1;
    }
  });
  return out;
}

/** Findings on a Canvas term's nodes and below, each counted once however many schools use the term. */
function distinctBadges(
  nodes: TreeStructure['nodes'],
  roots: readonly number[],
  placement: FindingPlacement,
  findings: readonly Finding[],
  touches: Uint16Array,
): FindingCounts {
  const seen = new Set<number>();
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const f of placement.ownFindings.get(n) ?? []) {
      if (seen.has(f)) continue;
      seen.add(f);
      touches[f] = touches[f]! + 1;
      counts[findings[f]!.severity]++;
    }
    stack.push(...nodes[n]!.children);
  }
  return counts;
}
