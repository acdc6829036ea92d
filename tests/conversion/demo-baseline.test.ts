import { afterAll, describe, expect, it } from 'vitest';
import { evaluateConversion } from '../../electron/services/conversion';
import { DEMO_DISTRICT } from '../../electron/services/demo-provider/demo-district';
import { buildPlan } from '../../electron/services/plan';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { ImportMode } from '../../shared/sync/import-mode';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { storeBaseline, tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());

// The demo district (medium, with its data defects) and a Canvas left by an integration that planned it the same
// way: per-school copies of a session merged into one term, full-year classes in the school year.
describe('no-scenario baseline of the demo district', () => {
  const baseline = generateBaseline(DEMO_DISTRICT, {});
  const { snapshotId } = writeDistrictSnapshot(stores.snapshots, baseline.district);
  const plan = buildPlan(stores.snapshots.db, snapshotId, DEFAULT_MAPPING_OPTIONS);
  const baselineId = storeBaseline(stores.baselines, baseline);
  const r = evaluateConversion({
    plan,
    baselineStore: stores.baselines,
    baselineId,
    snapshotId,
    decisions: {},
    importMode: ImportMode.parse({}),
  });

  it('has the planned terms, merged ones included, and puts each course in its planned term', () => {
    expect(plan.notes.termMerges.length).toBeGreaterThan(0);
    expect(baseline.terms.map((t) => [t.term_id, t.name, t.start_date, t.end_date])).toEqual(
      plan.terms.map((t) => [t.term_id, t.name, t.start_date, t.end_date]),
    );
    const termOf = new Map(baseline.courses.map((c) => [c.course_id, c.term_id]));
    for (const c of plan.courses) expect(termOf.get(c.course_id), c.course_id).toBe(c.term_id);
  });

  it('keeps every planned term, course, section and account; the only CNV findings are enrollments of users Canvas skips', () => {
    // The demo data's own defects (users without a usable or unique username) make Canvas skip those users, and
    // with them their enrollments: those are the only rows the prediction flags.
    const cnv = r.findings.filter((f) => f.ruleId.startsWith('CNV-'));
    const userSkips = cnv.filter((f) => f.entityType === 'user');
    for (const f of userSkips)
      expect(f).toMatchObject({ ruleId: 'CNV-ROW-SKIPPED', detail: { cause: 'login_claimed' } });
    const skippedUsers = new Set(
      r.findings
        .filter(
          (f) => f.ruleId === 'USER-NO-USERNAME' || f.ruleId === 'USER-BAD-USERNAME' || userSkips.includes(f),
        )
        .map((f) => f.sourcedId),
    );
    expect(skippedUsers.size).toBeGreaterThan(0);
    for (const f of cnv.filter((x) => x.entityType !== 'user')) {
      expect(f).toMatchObject({
        ruleId: 'CNV-ROW-SKIPPED',
        entityType: 'enrollment',
        detail: { cause: 'cascade' },
      });
      expect(skippedUsers.has(String(f.detail!.sisId).split('|')[2] ?? '')).toBe(true);
    }
    for (const type of ['terms', 'courses', 'sections', 'accounts'] as const) {
      const planned = r.objects.filter((o) => o.type === type && o.status !== 'orphan');
      expect(planned.length, type).toBe(plan[type].length);
      expect(
        planned.filter((o) => o.status !== 'keep').map((o) => `${o.status} ${o.source}`),
        type,
      ).toEqual([]);
    }
    expect(r.summary.counts.terms).toEqual({ keep: plan.terms.length, remap: 0, create: 0, orphan: 0 });
    expect(r.summary.counts.courses).toEqual({ keep: plan.courses.length, remap: 0, create: 0, orphan: 0 });
  });
});
