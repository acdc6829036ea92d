import { describe, expect, it } from 'vitest';
import { guardRails, type GuardRailInput } from '../../electron/services/sync';
import type { RemapDecision, RemapProposal } from '../../shared/conversion/types';
import type { Finding } from '../../shared/rules/finding';
import { ImportMode } from '../../shared/sync/import-mode';

const now = new Date('2026-12-06T04:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const finding = (ruleId: string, sourcedId: string, severity: Finding['severity']): Finding => ({
  ruleId,
  severity,
  entityType: 'user',
  sourcedId,
  message: 'm',
  remedy: 'r',
  detail: {},
});
const proposal = (id: string, decision: RemapDecision, extra: Partial<RemapProposal> = {}) => ({
  id,
  type: 'user' as const,
  oldId: `old-${id}`,
  newId: `new-${id}`,
  oldIntegrationId: '',
  newIntegrationId: '',
  canvasId: '1',
  source: id,
  name: id,
  matchKey: 'login' as const,
  confidence: 'high' as const,
  ruleId: 'CNV-USER-REMAP',
  ...extra,
  decision,
});
const base: GuardRailInput = {
  summary: { failedModules: [] },
  rawFindings: [],
  rules: { acknowledgements: [], muted: [], severityOverrides: {} },
  proposals: [],
  snapshotAt: hoursAgo(1),
  baselineAt: hoursAgo(2),
  verify: { ok: true, finishedAt: hoursAgo(3) },
  importMode: ImportMode.parse({}),
  exceeds: [],
  canvasTermIds: new Set(['T1']),
  canvasRefusal: null,
  allowPendingRemaps: false,
  now,
};
const status = (input: Partial<GuardRailInput>) =>
  Object.fromEntries(guardRails({ ...base, ...input }).checks.map((c) => [c.id, c.status]));

describe('guard-rail checklist', () => {
  it('passes every check for a clean, fresh, decided district', () => {
    const out = guardRails(base);
    expect(out.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(out.refusals).toEqual([]);
  });

  it('counts blockers by catalogue severity: muting or downgrading the rule does not hide them', () => {
    const rawFindings = [
      finding('CNV-LOGIN-CLAIMED', 'u1', 'blocker'),
      finding('CNV-LOGIN-CLAIMED', 'u1', 'blocker'), // the same finding twice counts once, as on every screen
      finding('CNV-LOGIN-CLAIMED', 'u2', 'blocker'),
    ];
    const muted = guardRails({
      ...base,
      rawFindings,
      rules: { ...base.rules, muted: ['CNV-LOGIN-CLAIMED'] },
    });
    const blockers = muted.checks.find((c) => c.id === 'blockers')!;
    expect(blockers).toMatchObject({
      status: 'fail',
      count: 2,
      rules: [{ ruleId: 'CNV-LOGIN-CLAIMED', count: 2 }],
    });
    expect(blockers.label).toMatch(/muted or downgraded still count/);
    expect(muted.refusals.map((r) => r.code)).toEqual(['blockers_open']);
    const downgraded = guardRails({
      ...base,
      rawFindings,
      rules: { ...base.rules, severityOverrides: { 'CNV-LOGIN-CLAIMED': 'info' } },
    });
    expect(downgraded.checks.find((c) => c.id === 'blockers')!.status).toBe('fail');
    const acked = guardRails({
      ...base,
      rawFindings,
      rules: {
        ...base.rules,
        acknowledgements: ['u1', 'u2'].map((s) => ({
          ruleId: 'CNV-LOGIN-CLAIMED',
          entityType: 'user',
          sourcedId: s,
          reason: 'checked by hand',
          by: 'admin',
          at: hoursAgo(1),
        })),
      },
    });
    expect(acked.checks.find((c) => c.id === 'blockers')!.status).toBe('pass');
    expect(acked.acknowledgedBlockers.map((a) => a.reason)).toEqual(['checked by hand', 'checked by hand']);
  });

  it('refuses undecided remaps and unacknowledged ambiguous matches unless forced, and marks them forced', () => {
    const input = {
      proposals: [proposal('a', 'pending'), proposal('b', 'accepted'), proposal('c', 'pending')],
      rawFindings: [finding('CNV-USER-AMBIGUOUS', 'u9', 'warning')],
    };
    const refused = guardRails({ ...base, ...input });
    expect(refused.refusals.map((r) => r.code)).toEqual(['remaps_pending', 'ambiguous_matches']);
    expect(refused.refusals[0]!.message).toMatch(/^2 remap proposals are undecided/);
    const forced = guardRails({ ...base, ...input, allowPendingRemaps: true });
    expect(forced.refusals).toEqual([]);
    expect(forced.checks.filter((c) => c.forced).map((c) => [c.id, c.status])).toEqual([
      ['remaps_pending', 'warn'],
      ['ambiguous_matches', 'warn'],
    ]);
  });

  it('checks ages, the last verify and the threshold', () => {
    expect(status({ snapshotAt: hoursAgo(30) }).snapshot_age).toBe('warn');
    expect(status({ snapshotAt: hoursAgo(24 * 8) }).snapshot_age).toBe('fail');
    expect(status({ baselineAt: null }).baseline_age).toBe('warn');
    expect(status({ baselineAt: hoursAgo(24 * 9) }).baseline_age).toBe('fail');
    expect(status({ verify: { ok: false, finishedAt: hoursAgo(1) } }).verify).toBe('warn');
    expect(status({ verify: null }).verify).toBe('warn');
    const over = guardRails({
      ...base,
      importMode: ImportMode.parse({ changeThreshold: 5 }),
      exceeds: [{ type: 'enrollments', percent: 12.5 }],
    });
    expect(over.checks.find((c) => c.id === 'threshold')).toMatchObject({ status: 'fail' });
    expect(over.refusals[0]!.message).toMatch(/enrollments 12.5%/);
  });

  it('refuses a batch on a term Canvas does not know, or that the same import renames', () => {
    const batch = (termId: string) => ImportMode.parse({ mode: 'batch', termId });
    expect(status({ importMode: batch('T1') }).batch_term).toBe('pass');
    expect(status({ importMode: batch('T2') }).batch_term).toBe('fail');
    expect(status({ importMode: batch('T2'), canvasTermIds: null }).batch_term).toBe('warn');
    const renamed = guardRails({
      ...base,
      importMode: batch('FALL'),
      canvasTermIds: new Set(['OLD-FALL']),
      proposals: [proposal('t', 'accepted', { type: 'term', oldId: 'OLD-FALL', newId: 'FALL' })],
    });
    const check = renamed.checks.find((c) => c.id === 'batch_term')!;
    expect(check.status).toBe('fail');
    expect(check.hint).toMatch(/batch on OLD-FALL/);
    expect(renamed.refusals.map((r) => r.code)).toEqual(['batch_term_unknown']);
  });

  it('refuses a batch or diffing import of a delta feed (it would remove what the delta leaves out)', () => {
    expect(status({ partialFeed: true }).partial_feed).toBe('pass');
    const diffing = ImportMode.parse({ mode: 'diffing', dataSetId: 'x' });
    expect(status({ partialFeed: true, importMode: diffing }).partial_feed).toBe('fail');
  });

  it('refuses what the predictor says Canvas would refuse as a whole', () => {
    expect(status({ canvasRefusal: 'batch_mode_term_id cannot be found' }).canvas_refusal).toBe('fail');
  });
});
