import type { SimulationRow, ThresholdSimulation } from '../../../shared/conversion/types';
import type { PlanRows } from '../../../shared/plan/types';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncSimulation } from '../../../shared/sync/types';

/**
 * What a sync would do, shown before anything is sent. With a Canvas baseline, the conversion service's threshold
 * simulation (creates/updates/deletes per type and term for the chosen mode) is used as is; without one, only the
 * plan is known: every row is a create or an update, and deletions cannot be predicted.
 */
export interface SimulateSyncInput {
  plan: PlanRows;
  importMode: ImportMode;
  /** The conversion's simulation for the same import mode, when a baseline is attached. */
  simulation?: ThresholdSimulation | null;
}

const row = (type: SimulationRow['type'], term: string | null, n: number): SimulationRow => ({
  type,
  term,
  create: n,
  update: 0,
  delete: 0,
  conclude: 0,
  unchanged: 0,
  existing: 0,
});

function byTerm(type: SimulationRow['type'], terms: Iterable<string>): SimulationRow[] {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.keys()].sort().map((t) => row(type, t === '' ? null : t, counts.get(t)!));
}

export function simulateSync(input: SimulateSyncInput): SyncSimulation {
  const { plan, importMode, simulation } = input;
  if (simulation) {
    return {
      basis: 'baseline',
      importMode,
      rows: simulation.rows,
      percentages: simulation.percentages,
      exceeds: simulation.exceeds,
      notes: [],
    };
  }
  const termOfCourse = new Map(plan.courses.map((c) => [c.course_id, c.term_id]));
  const termOfSection = new Map(
    plan.sections.map((s) => [s.section_id, termOfCourse.get(s.course_id) ?? '']),
  );
  const rows: SimulationRow[] = [
    row('accounts', null, plan.accounts.length),
    row('terms', null, plan.terms.length),
    ...byTerm(
      'courses',
      plan.courses.map((c) => c.term_id),
    ),
    ...byTerm(
      'sections',
      plan.sections.map((s) => termOfCourse.get(s.course_id) ?? ''),
    ),
    row('users', null, plan.users.length),
    ...byTerm(
      'enrollments',
      plan.enrollments.map((e) => termOfSection.get(e.section_id) ?? termOfCourse.get(e.course_id) ?? ''),
    ),
  ].filter((r) => r.create > 0);
  const notes = [
    'No Canvas baseline is attached: each row is counted as a create, though Canvas updates the objects it already has.',
  ];
  if (importMode.mode === 'batch')
    notes.push(
      `Batch mode deletes SIS courses, sections and enrollments of term ${importMode.termId || '(none chosen)'} that are not in this import; without a baseline their number is unknown.`,
    );
  if (importMode.mode === 'diffing')
    notes.push(
      'Diffing mode removes objects missing since the last import of the same data set; without a baseline their number is unknown.',
    );
  return {
    basis: 'plan',
    importMode,
    rows,
    percentages: { courses: 0, sections: 0, enrollments: 0 },
    exceeds: [],
    notes,
  };
}
