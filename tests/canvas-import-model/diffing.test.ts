import { describe, expect, it } from 'vitest';
import { predictImport } from '../../electron/services/canvas-import-model';
import { applyImport } from '../../electron/services/demo-canvas/importer/apply-import';
import {
  course,
  emptyCanvas,
  enrollment,
  enrollmentRow,
  importFiles,
  login,
  section,
  term,
  userRow,
  type Files,
} from './world';

/** Diffing mode on the predictor and on the double: only the difference with the last import of the data set. */

function canvas() {
  const c = emptyCanvas();
  const t = term('T1');
  const k = course('C1', t);
  const s = section('C1', k);
  const users = ['U1', 'U2', 'U3'].map((id) => login(id, id.toLowerCase()));
  c.terms.push(t);
  c.courses.push(k);
  c.sections.push(s);
  c.users.push(...users);
  c.enrollments.push(...users.map((u) => enrollment(s, u)));
  return c;
}

const previous: Files = {
  users: ['U1', 'U2', 'U3'].map((id) => userRow(id, id.toLowerCase())),
  enrollments: ['U1', 'U2', 'U3'].map((id) => enrollmentRow('C1', 'C1', id)),
};
// U2 renamed, U3 and its enrollment gone.
const current: Files = {
  users: [userRow('U1', 'u1'), userRow('U2', 'u2', { first_name: 'Renamed' })],
  enrollments: [enrollmentRow('C1', 'C1', 'U1'), enrollmentRow('C1', 'C1', 'U2')],
};

function both(params: Record<string, string>, prev: Files | null) {
  const base = canvas();
  const files = importFiles(current);
  const before = prev ? importFiles(prev) : null;
  const prediction = predictImport({
    files,
    baseline: structuredClone(base),
    params,
    diffingPrevious: before,
  });
  const after = structuredClone(base);
  const applied = applyImport(after, files, params, undefined, before);
  return { prediction, applied, after };
}

const diffing = (extra: Record<string, string> = {}) => ({
  import_type: 'instructure_csv',
  diffing_data_set_identifier: 'oneroster:all',
  ...extra,
});

describe('diffing', () => {
  it('the first import of a data set is applied whole and removes nothing', () => {
    const { prediction, applied } = both(diffing(), null);
    expect(prediction.counts).toMatchObject({ users: 2, enrollments: 2 });
    expect(prediction.notes.join(' ')).toMatch(/applies the whole file/);
    expect(applied.counts).toMatchObject({ users: 2, enrollments: 2 });
  });

  it('imports only changed rows and sends vanished ones as deleted (users) and with the drop status (enrollments)', () => {
    const { prediction, applied, after } = both(diffing({ diffing_drop_status: 'completed' }), previous);
    // users: U2 changed, U3 deleted; enrollments: U3's completed. Unchanged rows are not processed.
    expect(prediction.rows.map((r) => `${r.kind} ${r.row} ${r.sisId} ${r.outcome}`)).toEqual([
      'users 2 U2 update',
      'users 3 U3 update',
      'enrollments 2 C1|C1|U3|student update',
    ]);
    expect(prediction.counts).toMatchObject({ users: 2, enrollments: 1 });
    expect(applied.counts).toMatchObject({ users: 2, enrollments: 1 });
    expect(after.users.find((u) => u.user_id === 'U3')!.status).toBe('deleted');
    expect(after.enrollments.find((e) => e.user_id === 'U3')!.status).toBe('completed');
  });

  it('over change_threshold a file is applied whole, with Canvas warning', () => {
    const { prediction, applied } = both(diffing({ change_threshold: '5' }), previous);
    expect(prediction.warnings.map((w) => w.message)).toEqual([
      'Diffing not performed because file size difference exceeded threshold',
      'Diffing not performed because file size difference exceeded threshold',
    ]);
    expect(prediction.counts).toMatchObject({ users: 2, enrollments: 2 });
    expect(applied.counts).toMatchObject({ users: 2, enrollments: 2 });
    expect(applied.warnings.map(([f, m, r]) => `${f}#${r}: ${m}`).sort()).toEqual(
      prediction.warnings.map((w) => `${w.file}#${w.row}: ${w.message}`).sort(),
    );
    expect(applied.diffed).toBe(false);
  });
});
