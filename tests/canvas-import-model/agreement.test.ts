import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  locateRow,
  planToCsvFiles,
  writeCanvasZip,
  type ChangeSisIdRow,
} from '../../electron/services/canvas-csv';
import {
  fromCsvFiles,
  predictImport,
  predictionFindings,
  readImportZip,
} from '../../electron/services/canvas-import-model';
import { generateBaseline, type BaselineRows } from '../../electron/services/demo-canvas';
import { applyImport } from '../../electron/services/demo-canvas/importer/apply-import';
import type { DistrictSpec } from '../../electron/services/demo-provider';
import type { Plan } from '../../shared/plan/types';
import type { ImportPrediction } from '../../shared/sync/prediction';
import { demoPlan, tempDir } from '../canvas-csv/helpers';
import { canvasDouble, canvasRows, sendImport, type ActualImport } from './http';

/**
 * The prediction against the Canvas double over HTTP, on generated districts: the same zip bytes and parameters go
 * to both; Canvas's counts per type must equal the prediction and every Canvas message must have been predicted
 * for that file and row (and nothing predicted that Canvas did not say).
 */

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const TYPES = [
  'accounts',
  'terms',
  'courses',
  'sections',
  'users',
  'enrollments',
  'change_sis_ids',
  'batch_courses_deleted',
  'batch_sections_deleted',
  'batch_enrollments_deleted',
];
let n = 0;

async function both(
  plan: Plan,
  canvas: BaselineRows,
  params: Record<string, string>,
  changeSisIdRows: ChangeSisIdRow[] = [],
) {
  const zipPath = join(tmp.dir, `import-${n++}.zip`);
  await writeCanvasZip(plan, { changeSisIdRows }, zipPath);
  const prediction = predictImport({
    files: await readImportZip(zipPath),
    baseline: structuredClone(canvas),
    params,
  });
  const double = await canvasDouble(structuredClone(canvas));
  try {
    return { prediction, actual: await sendImport(double.url, zipPath, params) };
  } finally {
    await double.close();
  }
}

function expectExact(prediction: ImportPrediction, actual: ActualImport): void {
  expect(Object.fromEntries(TYPES.map((k) => [k, actual.counts[k] ?? 0]))).toEqual(
    Object.fromEntries(TYPES.map((k) => [k, prediction.counts[k] ?? 0])),
  );
  const key = ([file, message, row]: [string, string, number]) => `${file}#${row}: ${message}`;
  const predicted = [...prediction.warnings, ...prediction.errors]
    .map((m) => key([m.file, m.message, m.row]))
    .sort();
  expect(actual.messages.map(key).sort()).toEqual(predicted);
  expect(actual.workflowState).toBe(prediction.workflowState);
}

const standard = { import_type: 'instructure_csv', extension: 'zip' };

/** The change_sis_id rows a reviewer accepts for a generated baseline (users, schools and terms under old ids). */
function acceptedRemaps(b: ReturnType<typeof generateBaseline>): ChangeSisIdRow[] {
  const row = (old_id: string, new_id: string, type: string): ChangeSisIdRow => ({
    old_id,
    new_id,
    old_integration_id: '',
    new_integration_id: '',
    type,
  });
  return [
    ...b.expected.remappedUsers.map((u) => row(u.oldUserId, u.sourcedId, 'user')),
    ...b.expected.renamedAccounts.map((a) => row(a.oldAccountId, a.sourcedId, 'account')),
    ...b.expected.renamedTerms.map((t) => row(t.oldTermId, t.sourcedId, 'term')),
  ];
}

describe('the issue: Canvas holds 60 of 63 users under their old SIS ids, remaps pending', () => {
  // 63 users; three of them (17 enrollments) are in Canvas under their own SIS ids, the rest under old ones.
  const spec: DistrictSpec = { preset: 'tiny', users: 86, enrollmentsPerStudent: 5 };
  const full = demoPlan(spec);
  const per = new Map<string, number>();
  for (const e of full.enrollments) per.set(e.user_id, (per.get(e.user_id) ?? 0) + 1);
  const kept = pickSum(
    full.users.map((u) => u.user_id),
    per,
    17,
  );
  const others = full.enrollments.filter((e) => !kept.includes(e.user_id));
  const drop = new Set(others.slice(0, full.enrollments.length - 258));
  const plan: Plan = { ...full, enrollments: full.enrollments.filter((e) => !drop.has(e)) };
  const generated = generateBaseline(spec);
  const canvas = canvasRows(generated);
  const remaps: ChangeSisIdRow[] = [];
  for (const u of canvas.users) {
    if (kept.includes(u.user_id) || !plan.users.some((p) => p.user_id === u.user_id)) continue;
    remaps.push({
      old_id: `OLD-${u.user_id}`,
      new_id: u.user_id,
      old_integration_id: '',
      new_integration_id: '',
      type: 'user',
    });
    for (const e of canvas.enrollments) if (e.user_id === u.user_id) e.user_id = `OLD-${u.user_id}`;
    u.user_id = `OLD-${u.user_id}`;
  }

  it('predicts exactly what Canvas does: 3 users, 17 enrollments, 301 warnings', async () => {
    expect([plan.users.length, plan.enrollments.length, remaps.length]).toEqual([63, 258, 60]);
    const { prediction, actual } = await both(plan, canvas, standard);
    expect(prediction.counts).toMatchObject({ users: 3, enrollments: 17, warning_count: 301 });
    expect(prediction.rows.filter((r) => r.kind === 'users' && r.outcome === 'skip')).toHaveLength(60);
    expect(
      prediction.warnings.filter((w) =>
        /has already claimed .*'s user_id requested login information, skipping$/.test(w.message),
      ),
    ).toHaveLength(60);
    expect(
      prediction.warnings.filter((w) => w.message.startsWith('User not found for enrollment')),
    ).toHaveLength(241);
    expectExact(prediction, actual);
    // The sis_import object, as Canvas shows it: 24 warnings and a pointer to the error file, all of them counted.
    expect(actual.counts).toMatchObject({ users: 3, enrollments: 17, warning_count: 301, error_count: 0 });
    const shown = actual.body.processing_warnings as Array<[string, string]>;
    expect(shown).toHaveLength(25);
    expect(shown[24]![1]).toBe('There were 277 more warnings not shown. Please download the error file.');
    expect(actual.workflowState).toBe('imported_with_messages');
  });

  it('with the 60 remaps accepted, every user and enrollment imports and nothing is skipped', async () => {
    const { prediction, actual } = await both(plan, canvas, standard, remaps);
    expect(prediction.counts).toMatchObject({
      change_sis_ids: 60,
      users: 63,
      enrollments: 258,
      warning_count: 0,
    });
    expectExact(prediction, actual);
  });
});

describe('generated conversions with every baseline scenario and OneRoster defects', () => {
  const spec: DistrictSpec = { preset: 'tiny', seed: 11 };
  const defective: DistrictSpec = {
    ...spec,
    defects: [
      { kind: 'bad-username', rate: 0.06 },
      { kind: 'missing-username', rate: 0.04 },
      { kind: 'duplicate-username', rate: 0.04 },
    ],
  };
  const generated = generateBaseline(spec, {
    seed: 3,
    absentShare: 0.1,
    oldSisIdShare: 0.3,
    claimedLogins: 2,
    sisIdTaken: 2,
    deletedHolders: 2,
    multiLogin: 2,
    renamedSchools: 1,
    renamedTerms: 1,
    orphanCourses: 2,
    crosslisted: 2,
  });
  const canvas = canvasRows(generated);
  const remaps = acceptedRemaps(generated);
  const clean = demoPlan(spec);
  const broken = demoPlan(defective);
  const term = generated.expected.renamedTerms[0]!;

  it.each([
    ['clean data, standard import', () => clean, standard],
    ['defective data, standard import', () => broken, standard],
    [
      'defective data, batch mode on the term Canvas knows today',
      () => broken,
      { ...standard, batch_mode: 'true', batch_mode_term_id: `sis_term_id:${term.oldTermId}` },
    ],
    [
      'clean data, batch mode with enrollments concluded',
      () => clean,
      {
        ...standard,
        batch_mode: 'true',
        batch_mode_term_id: `sis_term_id:${term.oldTermId}`,
        batch_mode_enrollment_drop_status: 'completed',
      },
    ],
    [
      'clean data, batch mode over change_threshold',
      () => clean,
      {
        ...standard,
        batch_mode: 'true',
        batch_mode_term_id: `sis_term_id:${term.oldTermId}`,
        change_threshold: '1',
      },
    ],
  ] as const)('%s: counts and messages agree exactly', async (_name, plan, params) => {
    const { prediction, actual } = await both(plan(), canvas, { ...params }, remaps);
    // Order-dependent rows (two new users asking for one login) are predicted for the later row, as the double
    // (one strand, file order) does it.
    expectExact(prediction, actual);
    // Each case exercises what it names (skips from claimed logins everywhere; batch removals or the abort).
    expect(prediction.counts.warning_count).toBeGreaterThan(0);
    const removed = prediction.counts.batch_courses_deleted! + prediction.counts.batch_enrollments_deleted!;
    if ('batch_mode' in params && !('change_threshold' in params)) expect(removed).toBeGreaterThan(0);
    if ('change_threshold' in params) expect(prediction.workflowState).toBe('aborted');
  });

  it('defective data shows the skips Canvas makes (claimed logins, bad and missing usernames) and their cascades', async () => {
    const { prediction } = await both(broken, canvas, standard, remaps);
    const causes = new Set(
      prediction.rows.filter((r) => r.outcome === 'skip' || r.outcome === 'error').map((r) => r.cause),
    );
    expect([...causes].sort()).toEqual(['bad_login', 'cascade', 'login_claimed', 'missing_value']);
    expect(prediction.simulationRows.find((r) => r.type === 'users')!.create).toBeGreaterThan(0);
    // From the plan's own files, every row Canvas warns about is a finding on the OneRoster record behind it.
    const files = planToCsvFiles(broken, { changeSisIdRows: remaps });
    const located = predictImport({
      files: fromCsvFiles(files),
      baseline: structuredClone(canvas),
      params: standard,
    });
    const findings = predictionFindings(located);
    const flagged = located.rows.filter((r) => r.message !== null);
    expect(flagged.length).toBe(prediction.counts.warning_count);
    for (const r of flagged) {
      const at = locateRow(files, r.file, r.row)!;
      expect(
        findings.some(
          (f) => f.sourcedId === at.sourcedId && f.entityType === at.entityType && f.detail?.row === r.row,
        ),
      ).toBe(true);
    }
  });

  it('a batch sync on the term id the same zip renames is refused by Canvas (HTTP 400) and by the prediction', async () => {
    const params = { ...standard, batch_mode: 'true', batch_mode_term_id: `sis_term_id:${term.sourcedId}` };
    const { prediction, actual } = await both(clean, canvas, params, remaps);
    expect(prediction.refusal?.message).toBe(
      'Batch mode specified, but the given batch_mode_term_id cannot be found.',
    );
    expect(actual.status).toBe(400);
    expect(JSON.stringify(actual.body)).toContain(prediction.refusal!.message);
  });
});

describe('diffing over HTTP: the second import of a data set is diffed against the first', () => {
  it('the double and the prediction agree on the diff (vanished enrollments concluded)', async () => {
    const spec: DistrictSpec = { preset: 'tiny', seed: 5 };
    const generated = generateBaseline(spec, { seed: 2, absentShare: 0.2 });
    const canvas = canvasRows(generated);
    const full = demoPlan(spec);
    const smaller: Plan = { ...full, enrollments: full.enrollments.slice(5) };
    const params = {
      ...standard,
      diffing_data_set_identifier: 'oneroster:tiny',
      diffing_drop_status: 'inactive',
    };
    const first = join(tmp.dir, `diff-1.zip`);
    const second = join(tmp.dir, `diff-2.zip`);
    await writeCanvasZip(full, {}, first);
    await writeCanvasZip(smaller, {}, second);
    const double = await canvasDouble(structuredClone(canvas));
    try {
      const one = await sendImport(double.url, first, params);
      const p1 = predictImport({
        files: await readImportZip(first),
        baseline: structuredClone(canvas),
        params,
      });
      expectExact(p1, one);
      // The second prediction starts from Canvas after the first import (as a fresh baseline would show it).
      const afterFirst = structuredClone(canvas);
      applyImport(afterFirst, await readImportZip(first), params);
      const p2 = predictImport({
        files: await readImportZip(second),
        baseline: afterFirst,
        params,
        diffingPrevious: await readImportZip(first),
      });
      const two = await sendImport(double.url, second, params);
      expect(p2.counts).toMatchObject({ users: 0, enrollments: 5 });
      expectExact(p2, two);
    } finally {
      await double.close();
    }
  });
});

/** Three users whose enrollment counts add up to `sum`. */
function pickSum(ids: string[], per: Map<string, number>, sum: number): string[] {
  for (let a = 0; a < ids.length; a++)
    for (let b = a + 1; b < ids.length; b++)
      for (let c = b + 1; c < ids.length; c++)
        if ((per.get(ids[a]!) ?? 0) + (per.get(ids[b]!) ?? 0) + (per.get(ids[c]!) ?? 0) === sum)
          return [ids[a]!, ids[b]!, ids[c]!];
  throw new Error(`no three users with ${sum} enrollments`);
}
