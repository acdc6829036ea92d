import {
  CLASSIFICATIONS,
  CONVERSION_TYPES,
  type ClassificationCounts,
  type ClassifiedObject,
  type ConversionResult,
  type ConversionType,
  type RemapDecisions,
} from '../../../shared/conversion/types';
import type { Plan } from '../../../shared/plan/types';
import { DEFAULT_IMPORT_MODE, type ImportMode } from '../../../shared/sync/import-mode';
import type { BaselineStore } from '../canvas-baseline';
import { ServiceError } from '../../../shared/errors';
import { streamEnrollments } from './enrollments';
import { indexBaseline, type BaselineIndex } from './index-baseline';
import { matchCoursesAndSections } from './match-courses-sections';
import { matchAccounts, matchTerms } from './match-terms-accounts';
import { matchUsers } from './match-users';
import { decisionOf, resolvedCanvasId, type Match } from './model';
import { leftovers, type Leftovers } from './orphans';
import { conversionFindings } from './rules';
import { simulate, Tally, withRows } from './simulate';
import { tallyObjects } from './tally-objects';
import { buildView, type MatchSet } from './views';
import { predictedRows } from './predicted-rows';

export interface EvaluateConversionInput {
  plan: Plan;
  baselineStore: BaselineStore;
  baselineId: string;
  snapshotId: string;
  /** The profile's remap decisions (absent = pending). */
  decisions?: RemapDecisions;
  importMode?: ImportMode;
  /** The baseline's index when the caller keeps one (it only depends on the baseline, not on decisions). */
  index?: BaselineIndex;
}

/**
 * Matches every planned Canvas object against the Canvas baseline, classifies it (keep / remap / create, and
 * Canvas leftovers as orphans), proposes change_sis_id rows, runs the CNV-* rules and the threshold simulation.
 * Deterministic: the same plan, baseline and decisions always give the same result.
 */
export function evaluateConversion(input: EvaluateConversionInput): ConversionResult {
  const { plan, baselineStore, baselineId } = input;
  const decisions = input.decisions ?? {};
  const importMode = input.importMode ?? DEFAULT_IMPORT_MODE;
  const meta = baselineStore.get(baselineId);
  if (meta === null) {
    throw new ServiceError('baseline_not_found', `Canvas baseline ${baselineId} does not exist.`, {
      hint: 'Import the Canvas provisioning report again.',
      detail: { baselineId },
    });
  }
  if (meta.status !== 'complete') {
    throw new ServiceError(
      'baseline_not_complete',
      `Canvas baseline ${baselineId} is ${meta.status}: its data may be partial, so it is not compared.`,
      'Import the Canvas provisioning report again, or use the latest complete baseline.',
    );
  }
  const index = input.index ?? indexBaseline(baselineStore, baselineId);
  const matches = matchAll(plan, index, decisions);
  const proposed = buildView(matches, decisions, 'proposed');
  const accepted = buildView(matches, decisions, 'accepted');
  const leftProposed = leftovers(index, proposed);
  const leftAccepted = leftovers(index, accepted);

  const tally = new Tally();
  tallyObjects({ plan, index, matches, accepted, left: leftAccepted, decisions, tally });
  const drops = streamEnrollments({
    store: baselineStore,
    baselineId,
    plan,
    index,
    proposed,
    accepted,
    tally,
  });
  const tallied = simulate(tally, importMode);

  const proposals = CONVERSION_TYPES.flatMap((t) => matches[t])
    .flatMap((m) => (m.proposal ? [{ ...m.proposal, decision: decisionOf(decisions, m.proposal.id) }] : []))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const objects = classify(matches, decisions, index, leftProposed);
  // Rows Canvas would skip or reject when the sync sends this plan with the accepted remaps, and what each row and
  // the batch cleanup do: the same prediction the sync preview shows. Diffing keeps the tallied rows (Canvas taken as
  // the previous import; the prediction has no earlier import to diff against).
  const predicted = predictedRows({ plan, baselineStore, baselineId, importMode, proposals });
  const simulation =
    predicted.simulationRows && importMode.mode !== 'diffing'
      ? withRows(tallied, predicted.simulationRows)
      : tallied;
  const findings = conversionFindings({
    plan,
    index,
    matches,
    decisions,
    proposed,
    left: leftProposed,
    drops,
    simulation,
    importMode,
  });
  findings.push(...predicted.findings);
  return {
    summary: {
      baselineId,
      snapshotId: input.snapshotId,
      counts: countObjects(objects),
      proposals: {
        total: proposals.length,
        accepted: proposals.filter((p) => p.decision === 'accepted').length,
        rejected: proposals.filter((p) => p.decision === 'rejected').length,
        pending: proposals.filter((p) => p.decision === 'pending').length,
      },
      simulation,
    },
    proposals,
    objects,
    findings,
  };
}

/** Accounts and terms first, then users, then courses and sections (which need their terms and teachers). */
function matchAll(plan: Plan, index: BaselineIndex, decisions: RemapDecisions): MatchSet {
  const accounts = matchAccounts(plan.accounts, index);
  const terms = matchTerms(plan.terms, index);
  const partial = { accounts, terms, users: [], courses: [], sections: [] };
  const early = buildView(partial, decisions, 'proposed');
  const accountOfCourse = new Map(
    plan.courses.map((c) => [c.course_id, early.canvasOf.accounts.get(c.account_id)]),
  );
  const schools = new Map<string, Set<string>>();
  for (const e of plan.enrollments) {
    const account = accountOfCourse.get(e.course_id);
    if (account === undefined) continue;
    let set = schools.get(e.user_id);
    if (!set) schools.set(e.user_id, (set = new Set()));
    set.add(account);
  }
  const users = matchUsers({ users: plan.users, index, schoolsOf: (id) => schools.get(id) });
  const userView = buildView({ ...partial, users }, decisions, 'proposed');
  const { courses, sections } = matchCoursesAndSections({
    courses: plan.courses,
    sections: plan.sections,
    enrollments: plan.enrollments,
    index,
    canvasTermOf: (id) => early.canvasOf.terms.get(id) ?? null,
    canvasUserOf: (id) => userView.canvasOf.users.get(id) ?? null,
  });
  return { accounts, terms, users, courses, sections };
}

function activeOf(index: BaselineIndex, type: ConversionType, canvasId: string | null): number {
  if (canvasId === null) return 0;
  if (type === 'courses') return index.activeByCourse.get(canvasId) ?? 0;
  if (type === 'sections') return index.activeBySection.get(canvasId) ?? 0;
  return 0;
}

function classify(
  matches: MatchSet,
  decisions: RemapDecisions,
  index: BaselineIndex,
  left: Leftovers,
): ClassifiedObject[] {
  const objects: ClassifiedObject[] = [];
  for (const type of CONVERSION_TYPES) {
    for (const m of matches[type]) objects.push(plannedObject(m, decisions, index));
  }
  const orphan = (type: ConversionType, canvasId: string, sisId: string, name: string): ClassifiedObject => ({
    type,
    status: 'orphan',
    plannedId: null,
    source: null,
    canvasId,
    canvasSisId: sisId,
    name,
    canvasName: null,
    matchKey: null,
    proposalId: null,
    activeEnrollments: activeOf(index, type, canvasId),
  });
  for (const a of left.accounts) objects.push(orphan('accounts', a.canvas_account_id, a.account_id, a.name));
  for (const t of left.terms) objects.push(orphan('terms', t.canvas_term_id, t.term_id, t.name));
  for (const u of left.users) objects.push(orphan('users', u.canvas_user_id, u.user_id, u.full_name));
  for (const c of left.courses) objects.push(orphan('courses', c.canvas_course_id, c.course_id, c.long_name));
  for (const s of left.sections) objects.push(orphan('sections', s.canvas_section_id, s.section_id, s.name));
  return objects;
}

function plannedObject(m: Match, decisions: RemapDecisions, index: BaselineIndex): ClassifiedObject {
  const canvasId = resolvedCanvasId(m, decisions, 'proposed');
  const status = m.status === 'keep' ? 'keep' : canvasId !== null ? 'remap' : 'create';
  return {
    type: m.type,
    status,
    plannedId: m.plannedId,
    source: m.source,
    canvasId: canvasId ?? m.taken?.canvasId ?? null,
    canvasSisId: canvasId !== null ? m.canvasSisId : (m.taken?.sisId ?? null),
    name: m.name,
    canvasName: canvasId !== null && m.canvasName !== null && m.canvasName !== m.name ? m.canvasName : null,
    matchKey: canvasId !== null ? m.matchKey : null,
    proposalId: m.proposal?.id ?? null,
    activeEnrollments: activeOf(index, m.type, canvasId),
  };
}

function countObjects(objects: readonly ClassifiedObject[]): ClassificationCounts {
  const counts = Object.fromEntries(
    CONVERSION_TYPES.map((t) => [t, Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0]))]),
  ) as ClassificationCounts;
  for (const o of objects) counts[o.type]![o.status]!++;
  return counts;
}
