import type { SimType } from '../../../shared/conversion/types';
import type { ImportPrediction, PredictedMessage, RowOutcome } from '../../../shared/sync/prediction';
import type { ImportFile, PredictInput } from './input';
import { readParams, refusalOf } from './params';
import { predictChangeSisId, renamed } from './predict-change-sis-id';
import { predictEnrollments } from './predict-enrollments';
import { predictBatchRemovals } from './predict-removals';
import { predictStructure } from './predict-structure';
import { predictUsers } from './predict-users';
import { counted, countRows, SimTally } from './tally';
import { diffFiles } from './diffing';
import { buildView } from './view';

/**
 * The row-level model of Canvas's SIS importer (docs/canvas-importer.md). Files are taken in Canvas's fixed
 * order whatever their order in the zip; each step reasons over the baseline plus what the earlier steps
 * decided, never over the order of rows inside a file.
 */
export function predictImport(input: PredictInput): ImportPrediction {
  const opts = readParams(input.params);
  const refusal = refusalOf(input.params, opts, input.baseline);
  if (refusal) {
    return {
      refusal,
      abort: null,
      workflowState: '',
      rows: [],
      removals: [],
      counts: {},
      warnings: [],
      errors: [],
      simulationRows: [],
      notes: [`Canvas refuses the import (HTTP ${refusal.status}): nothing is applied.`],
    };
  }
  const notes: string[] = [];
  let sent: readonly ImportFile[] = input.files;
  const diffWarnings: PredictedMessage[] = [];
  if (opts.mode === 'diffing' && (!input.diffingPrevious || opts.remaster))
    notes.push(
      'Diffing: no earlier import of this data set is used, so Canvas applies the whole file and removes nothing.',
    );
  else if (opts.mode === 'diffing' && input.diffingPrevious) {
    const diffed = diffFiles(input.files, input.diffingPrevious, opts);
    sent = diffed.files;
    diffWarnings.push(...diffed.warnings);
    notes.push(...diffed.notes);
  }
  const files = new Map<string, ImportFile>();
  // Canvas imports every file of a kind; the plan writes one per kind.
  for (const f of sent) if (!files.has(f.kind)) files.set(f.kind, f);

  const { outcomes: changes, renames } = predictChangeSisId(files.get('change_sis_id'), input.baseline);
  const view = buildView(input.baseline, renames);
  const { outcomes: structure, structure: s } = predictStructure(files, view, opts, input.sticky);
  const { outcomes: userOutcomes, users } = predictUsers(files.get('users'), view, opts, input.sticky);
  const enr = predictEnrollments(files, view, opts, s, users, input.baseline.enrollments);

  const rows: RowOutcome[] = [
    ...(changes?.list ?? []),
    ...structure.flatMap((o) => o.list),
    ...(userOutcomes?.list ?? []),
    ...enr.outcomes.flatMap((o) => o.list),
  ];

  // Simulation rows: what each counted row does, per type and term.
  const sim = new SimTally();
  const sectionTerm = (id: string) => s.courseTerm.get(s.sectionCourse.get(id) ?? '') ?? null;
  const termOfRow = (o: RowOutcome): string | null => {
    if (o.kind === 'courses') return s.courseTerm.get(o.sisId) ?? null;
    if (o.kind === 'sections') return sectionTerm(o.sisId);
    if (o.kind === 'enrollments') return enr.termOfRow.get(o.row - 2) ?? null;
    return null;
  };
  const created = { courses: 0, sections: 0, enrollments: 0 };
  const batchTermRow = input.baseline.terms.find(
    (t) =>
      t.status !== 'deleted' && (opts.batchTermIsCanvasId ? t.canvas_term_id : t.term_id) === opts.batchTerm,
  );
  const batchTerm = batchTermRow ? renamed(renames, 'term', batchTermRow.term_id) : null;
  for (const o of rows) {
    if (!counted(o) || o.kind === 'change_sis_id' || o.kind === 'user_observers') continue;
    const term = termOfRow(o);
    sim.add(o.kind as SimType, term, o.outcome as 'create' | 'update' | 'unchanged');
    if (
      o.outcome === 'create' &&
      term === batchTerm &&
      (o.kind === 'courses' || o.kind === 'sections' || o.kind === 'enrollments')
    )
      created[o.kind]++;
  }
  const removal = predictBatchRemovals(input.baseline, renames, opts, s, enr.touched, created);
  // The simulation shows what the cleanup would remove even when change_threshold aborts it: that is the share
  // Canvas compares with the threshold (docs/canvas-importer.md "Batch mode and change_threshold").
  for (const r of removal.wouldRemove) sim.add(r.type as SimType, r.term, r.action);
  existingObjects(input, renames, sim);

  const warnings: PredictedMessage[] = [
    ...diffWarnings,
    ...rows.filter((o) => o.message !== null).map((o) => ({ file: o.file, row: o.row, message: o.message! })),
  ];
  const errors: PredictedMessage[] = removal.abort
    ? [{ file: '', row: 0, message: removal.abort.message }]
    : [];
  const workflowState = removal.abort
    ? 'aborted'
    : errors.length > 0
      ? 'failed_with_messages'
      : warnings.length > 0
        ? 'imported_with_messages'
        : 'imported';
  return {
    refusal: null,
    abort: removal.abort,
    workflowState,
    rows,
    removals: removal.removals,
    counts: countRows(rows, removal.removals, warnings, errors),
    warnings,
    errors,
    simulationRows: sim.rows(),
    notes,
  };
}

/** `existing`: SIS-created objects Canvas holds today per type and term (the threshold's base). */
function existingObjects(
  input: PredictInput,
  renames: ReturnType<typeof predictChangeSisId>['renames'],
  sim: SimTally,
): void {
  const b = input.baseline;
  const termOfCourse = new Map(
    b.courses.map((c) => [c.canvas_course_id, c.term_id === '' ? null : renamed(renames, 'term', c.term_id)]),
  );
  for (const a of b.accounts)
    if (a.created_by_sis && a.status !== 'deleted') sim.add('accounts', null, 'existing');
  for (const t of b.terms) if (t.created_by_sis && t.status !== 'deleted') sim.add('terms', null, 'existing');
  for (const c of b.courses)
    if (c.created_by_sis && c.status !== 'deleted')
      sim.add('courses', termOfCourse.get(c.canvas_course_id) ?? null, 'existing');
  for (const x of b.sections)
    if (x.created_by_sis && x.status !== 'deleted')
      sim.add(
        'sections',
        termOfCourse.get(x.canvas_nonxlist_course_id || x.canvas_course_id) ?? null,
        'existing',
      );
  for (const u of b.users) if (u.created_by_sis && u.status !== 'deleted') sim.add('users', null, 'existing');
  for (const e of b.enrollments)
    if (e.created_by_sis && e.status !== 'deleted')
      sim.add('enrollments', termOfCourse.get(e.canvas_course_id) ?? null, 'existing');
}
