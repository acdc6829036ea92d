import { describe, expect, it } from 'vitest';
import { checkSyncAllowed, importParams, simulateSync } from '../../electron/services/sync';
import { applyRuleSettings } from '../../shared/evaluate/apply-settings';
import { summarise } from '../../shared/evaluate/summary';
import { RuleSettings } from '../../shared/mapping/options';
import type { Finding } from '../../shared/rules/finding';
import { ImportMode } from '../../shared/sync/import-mode';
import { demoPlan } from '../canvas-csv/helpers';

const blocker = (sourcedId: string): Finding => ({
  ruleId: 'USER-NO-USERNAME',
  severity: 'blocker',
  entityType: 'user',
  sourcedId,
  message: 'no username',
  remedy: 'set one',
});

function evaluated(
  findings: Finding[],
  acks: string[] = [],
  failedModules: Array<{ module: string; error: string }> = [],
) {
  const settings = RuleSettings.parse({
    acknowledgements: acks.map((id) => ({
      ruleId: 'USER-NO-USERNAME',
      entityType: 'user',
      sourcedId: id,
      reason: 'known',
      by: 'me',
      at: '2026-01-01',
    })),
  });
  const applied = applyRuleSettings(findings, settings);
  const summary = summarise({
    snapshotId: 's',
    profileId: 'p',
    evaluatedAt: '',
    durationMs: 0,
    applied,
    failedModules,
  });
  return { summary, findings: applied.findings };
}

const ok = { districtName: 'Springfield USD', confirmText: 'Springfield USD', running: false };
const codes = (r: ReturnType<typeof checkSyncAllowed>) => r.map((x) => x.code);

describe('checkSyncAllowed', () => {
  it('allows a sync when every blocker is acknowledged and the district name is typed', () => {
    expect(checkSyncAllowed({ ...evaluated([blocker('U1'), blocker('U2')], ['U1', 'U2']), ...ok })).toEqual(
      [],
    );
  });

  it('refuses open blockers, naming some of them', () => {
    const r = checkSyncAllowed({ ...evaluated([blocker('U1'), blocker('U2')], ['U1']), ...ok });
    expect(codes(r)).toEqual(['blockers_open']);
    expect(r[0]!.message).toMatch(/^1 blocker .*USER-NO-USERNAME user U2/);
    expect(r[0]!.hint).toMatch(/acknowledge/);
  });

  it('refuses without an evaluation, with crashed rule modules, a wrong confirmation or a running sync', () => {
    expect(codes(checkSyncAllowed({ summary: null, findings: [], ...ok }))).toEqual(['not_evaluated']);
    expect(
      codes(checkSyncAllowed({ ...evaluated([], [], [{ module: 'users', error: 'boom' }]), ...ok })),
    ).toEqual(['checks_missing']);
    expect(codes(checkSyncAllowed({ ...evaluated([]), ...ok, confirmText: 'springfield usd' }))).toEqual([
      'confirm_mismatch',
    ]);
    expect(codes(checkSyncAllowed({ ...evaluated([]), ...ok, confirmText: '' }))).toEqual([
      'confirm_mismatch',
    ]);
    expect(codes(checkSyncAllowed({ ...evaluated([]), ...ok, running: true }))).toEqual(['sync_running']);
  });
});

describe('importParams', () => {
  it('maps each import mode to Canvas parameters and explains bad combinations', () => {
    expect(importParams(ImportMode.parse({}))).toEqual({ import_type: 'instructure_csv', extension: 'zip' });
    expect(
      importParams(
        ImportMode.parse({
          mode: 'diffing',
          dataSetId: 'oneroster:all',
          dropStatus: 'inactive',
          changeThreshold: 5,
        }),
      ),
    ).toEqual({
      import_type: 'instructure_csv',
      extension: 'zip',
      diffing_data_set_identifier: 'oneroster:all',
      diffing_drop_status: 'inactive',
      change_threshold: '5',
    });
    expect(() => importParams(ImportMode.parse({ mode: 'batch' }))).toThrow(
      expect.objectContaining({ code: 'sync_batch_term_missing' }),
    );
    expect(() => importParams(ImportMode.parse({ mode: 'diffing', dataSetId: 'x'.repeat(129) }))).toThrow(
      expect.objectContaining({ code: 'sync_data_set_invalid' }),
    );
  });
});

describe('simulateSync', () => {
  const plan = demoPlan({ preset: 'tiny' });
  it('without a baseline, counts the plan per type and term and says deletions are unknown', () => {
    const sim = simulateSync({
      plan,
      importMode: ImportMode.parse({ mode: 'batch', termId: plan.terms[0]!.term_id }),
    });
    expect(sim.basis).toBe('plan');
    const total = (type: string) => sim.rows.filter((r) => r.type === type).reduce((n, r) => n + r.create, 0);
    expect(total('users')).toBe(plan.users.length);
    expect(total('courses')).toBe(plan.courses.length);
    expect(total('enrollments')).toBe(plan.enrollments.length);
    expect(sim.rows.filter((r) => r.type === 'courses').every((r) => r.term !== null)).toBe(true);
    expect(sim.notes.join(' ')).toMatch(/Batch mode deletes/);
  });

  it("uses the conversion's threshold simulation when a baseline exists", () => {
    const importMode = ImportMode.parse({ changeThreshold: 10 });
    const simulation = {
      importMode,
      rows: [
        {
          type: 'courses' as const,
          term: 'T1',
          create: 1,
          update: 2,
          delete: 30,
          conclude: 0,
          unchanged: 4,
          existing: 40,
        },
      ],
      percentages: { courses: 75, sections: 0, enrollments: 0 },
      exceeds: ['courses' as const],
    };
    expect(simulateSync({ plan, importMode, simulation })).toMatchObject({
      basis: 'baseline',
      rows: simulation.rows,
      exceeds: ['courses'],
    });
  });
});
