import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleSettings, type RuleSettings as RuleSettingsT } from '../../shared/mapping/options';
import { RULES } from '../../shared/rules/catalog';
import { evaluateSnapshot } from '../../electron/services/evaluate';
import { MODULES } from '../../electron/services/rules/registry';
import { runRules } from '../../electron/services/rules/runner';
import type { RuleModule } from '../../electron/services/rules/types';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { fx, makeSnapshot, type FixtureSnapshot } from '../../test-support/snapshot-fixture';

/** Small real rule modules over the real snapshot (the runner, not the families, is under test here). */
const usersWithoutEmail: RuleModule = {
  name: 'test-users',
  ruleIds: ['USER-NO-EMAIL', 'USER-NO-USERNAME'],
  run(ctx) {
    const rows = ctx.db
      .prepare('SELECT sourced_id, email, username FROM users WHERE snapshot_id = ? ORDER BY sourced_id')
      .all(ctx.snapshotId) as Array<{ sourced_id: string; email: string | null; username: string | null }>;
    for (const r of rows) {
      if (r.email === null)
        ctx.report({
          ruleId: 'USER-NO-EMAIL',
          entityType: 'user',
          sourcedId: r.sourced_id,
          message: `${r.sourced_id} has no email`,
        });
      if (r.username === null) {
        ctx.report({
          ruleId: 'USER-NO-USERNAME',
          entityType: 'user',
          sourcedId: r.sourced_id,
          message: `${r.sourced_id} has no username`,
          detail: { field: 'username' },
        });
      }
    }
  },
};
const courseInfo: RuleModule = {
  name: 'test-courses',
  ruleIds: ['COURSE-NO-CLASS'],
  run(ctx) {
    ctx.report({
      ruleId: 'COURSE-NO-CLASS',
      entityType: 'course',
      sourcedId: 'C9',
      message: 'no classes',
      severity: 'info',
      remedy: 'specific remedy',
    });
    // The same finding twice is reported once.
    ctx.report({ ruleId: 'COURSE-NO-CLASS', entityType: 'course', sourcedId: 'C9', message: 'no classes' });
  },
};
const crashing: RuleModule = {
  name: 'test-crash',
  ruleIds: ['TERM-OVERLAP'],
  run() {
    throw new Error('boom');
  },
};
const trespassing: RuleModule = {
  name: 'test-trespass',
  ruleIds: ['TERM-OVERLAP'],
  run(ctx) {
    ctx.report({ ruleId: 'ORG-CYCLE', entityType: 'org', sourcedId: 'X', message: 'not mine' });
  },
};

let snap: FixtureSnapshot;
beforeAll(() => {
  snap = makeSnapshot({
    orgs: [fx.org('D', { type: 'district' }), fx.org('S', { parent: fx.ref('org', 'D') })],
    users: [
      fx.user('U1', 'student', ['S'], { email: undefined }),
      fx.user('U2', 'student', ['S'], { email: undefined, username: undefined }),
      fx.user('U3', 'teacher', ['S']),
    ],
  });
});
afterAll(() => snap.cleanup());

const settings = (s: Partial<RuleSettingsT>) => RuleSettings.parse(s);
const run = (s: Partial<RuleSettingsT> = {}, modules: RuleModule[] = [usersWithoutEmail, courseInfo]) =>
  evaluateSnapshot({ store: snap.store, snapshotId: snap.snapshotId, settings: settings(s), modules });

describe('rule registry', () => {
  it('covers every OneRoster catalogue rule with exactly one module, and modules only name catalogue ids', () => {
    const owners = new Map<string, string[]>();
    for (const m of MODULES) for (const id of m.ruleIds) owners.set(id, [...(owners.get(id) ?? []), m.name]);
    for (const rule of RULES.filter((r) => r.family === 'oneroster')) {
      expect({ id: rule.id, owners: owners.get(rule.id) ?? [] }).toEqual({
        id: rule.id,
        owners: [expect.any(String)],
      });
    }
    const known = new Set(RULES.map((r) => r.id));
    for (const id of owners.keys()) expect(known.has(id)).toBe(true);
  });
});

describe('rule runner', () => {
  it('turns hits into catalogue findings, normalised and summarised', async () => {
    const e = await run();
    expect(e.findings.map((f) => [f.severity, f.ruleId, f.sourcedId])).toEqual([
      ['blocker', 'USER-NO-USERNAME', 'U2'],
      ['warning', 'USER-NO-EMAIL', 'U1'],
      ['warning', 'USER-NO-EMAIL', 'U2'],
      ['info', 'COURSE-NO-CLASS', 'C9'],
    ]);
    expect(e.findings[0]).toMatchObject({
      remedy: RULES.find((r) => r.id === 'USER-NO-USERNAME')!.remedy,
      detail: { field: 'username' },
    });
    expect(e.findings[3]!.remedy).toBe('specific remedy');
    expect(e.summary).toMatchObject({
      verdict: 'not_ready',
      counts: { blocker: 1, warning: 2, info: 1 },
      effectiveCounts: { blocker: 1, warning: 2, info: 1 },
      byRule: [
        { ruleId: 'USER-NO-USERNAME', severity: 'blocker', count: 1, title: 'User without username' },
        { ruleId: 'USER-NO-EMAIL', severity: 'warning', count: 2 },
        { ruleId: 'COURSE-NO-CLASS', severity: 'info', count: 1 },
      ],
      failedModules: [],
    });
    expect(e.summary.topProblems.map((p) => p.ruleId)).toEqual(['USER-NO-USERNAME', 'USER-NO-EMAIL']);
    expect(e.summary.topProblems[1]!.examples.map((x) => x.sourcedId)).toEqual(['U1', 'U2']);
    expect(e.plan.counts.users).toBe(3);
  });

  it('applies severity overrides and mutes (muted findings are counted, not shown)', async () => {
    const e = await run({ severityOverrides: { 'USER-NO-USERNAME': 'warning' }, muted: ['USER-NO-EMAIL'] });
    expect(e.findings.map((f) => [f.severity, f.ruleId])).toEqual([
      ['warning', 'USER-NO-USERNAME'],
      ['info', 'COURSE-NO-CLASS'],
    ]);
    expect(e.summary).toMatchObject({
      verdict: 'ready_with_warnings',
      muted: { findings: 2, byRule: { 'USER-NO-EMAIL': 2 } },
      overridden: { 'USER-NO-USERNAME': { from: 'blocker', to: 'warning' } },
      // Only blocker findings count as downgraded: muting the warning rule USER-NO-EMAIL is not a downgrade.
      downgraded: { rules: 1, findings: 1, byRule: { 'USER-NO-USERNAME': 1 } },
    });
    expect(e.rawFindings).toHaveLength(4);
    const allMuted = (await run({ muted: ['USER-NO-EMAIL', 'USER-NO-USERNAME'] })).summary;
    expect(allMuted.verdict).toBe('ready');
    expect(allMuted.downgraded).toEqual({ rules: 1, findings: 1, byRule: { 'USER-NO-USERNAME': 1 } });
  });

  it('marks acknowledged blockers, which then count as warnings for the verdict', async () => {
    const ack = {
      ruleId: 'USER-NO-USERNAME',
      entityType: 'user',
      sourcedId: 'U2',
      reason: 'staff account, fixed in SIS tonight',
      by: 'dana',
      at: '2026-11-01T10:00:00Z',
    };
    const stale = { ...ack, sourcedId: 'U-GONE' };
    const e = await run({ acknowledgements: [ack, stale], muted: ['USER-NO-EMAIL'] });
    expect(e.findings[0]).toMatchObject({
      severity: 'blocker',
      detail: { field: 'username', acknowledged: { reason: ack.reason, by: 'dana', at: ack.at } },
    });
    expect(e.summary).toMatchObject({
      verdict: 'ready_with_warnings',
      counts: { blocker: 1, warning: 0, info: 1 },
      acknowledgedBlockers: 1,
      effectiveCounts: { blocker: 0, warning: 1, info: 1 },
      acknowledgements: { applied: 1, stale: 1 },
    });
  });

  it('keeps running when a module crashes or reports an id it does not own; the verdict cannot be ready', async () => {
    const e = await run({}, [crashing, trespassing, courseInfo]);
    expect(e.summary.failedModules).toEqual([
      { module: 'test-crash', error: 'boom' },
      { module: 'test-trespass', error: expect.stringMatching(/ORG-CYCLE.*does not declare/) },
    ]);
    expect(e.findings.map((f) => f.ruleId)).toEqual(['COURSE-NO-CLASS']);
    expect(e.summary.verdict).toBe('not_ready');
  });

  it('runRules returns raw and applied findings separately', () => {
    const r = runRules(
      snap.store.db,
      snap.snapshotId,
      DEFAULT_MAPPING_OPTIONS,
      settings({ muted: ['COURSE-NO-CLASS'] }),
      [courseInfo],
    );
    expect(r.findings).toHaveLength(1);
    expect(r.applied.findings).toHaveLength(0);
    expect(r.modules).toEqual([{ module: 'test-courses', ms: expect.any(Number), findings: 2 }]);
  });

  it('refuses a snapshot that is missing or not complete', async () => {
    await expect(evaluateSnapshot({ store: snap.store, snapshotId: 'nope' })).rejects.toMatchObject({
      code: 'snapshot_not_found',
    });
    const running = snap.store.createSnapshot({ source: 'api', profileId: null });
    await expect(evaluateSnapshot({ store: snap.store, snapshotId: running })).rejects.toMatchObject({
      code: 'snapshot_not_complete',
    });
    snap.store.cancel(running);
  });
});
