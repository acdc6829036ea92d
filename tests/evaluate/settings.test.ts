import { DEFAULT_IMPORT_MODE } from '../../shared/sync/import-mode';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { SettingsStore } from '../../electron/services/settings';

const dirs: string[] = [];
const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-settings-'));
  dirs.push(dir);
  return new SettingsStore(dir);
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('per-profile settings', () => {
  it('gives defaults, then stores mapping options (defaults fill gaps) in a JSON file', async () => {
    const s = store();
    expect(s.get('p1')).toEqual({
      mapping: DEFAULT_MAPPING_OPTIONS,
      rules: { severityOverrides: {}, muted: [], acknowledgements: [], downgrades: {} },
      importMode: DEFAULT_IMPORT_MODE,
    });
    const saved = await s.setMapping('p1', {
      courseMode: 'perCourseTermSchool',
      roleMap: { administrator: 'teacher' },
    });
    expect(saved).toMatchObject({
      courseMode: 'perCourseTermSchool',
      termMerge: true,
      roleMap: { administrator: 'teacher', student: 'student' },
    });
    expect(new SettingsStore(join(s.dir, '..')).getMapping('p1')).toEqual(saved);
    expect(JSON.parse(readFileSync(s.fileOf('p1'), 'utf8'))).toMatchObject({
      version: 1,
      mapping: { courseMode: 'perCourseTermSchool' },
    });
    expect(s.getMapping('p2')).toEqual(DEFAULT_MAPPING_OPTIONS);
  });

  it('refuses invalid options with the field named, and unknown keys (typos)', async () => {
    const s = store();
    await expect(s.setMapping('p1', { courseMode: 'perSchool' })).rejects.toMatchObject({
      code: 'settings_invalid',
      message: expect.stringMatching(/courseMode/),
    });
    await expect(s.setMapping('p1', { termMerges: false })).rejects.toMatchObject({
      code: 'settings_invalid',
      message: expect.stringMatching(/termMerges/),
    });
    await expect(s.setMapping('p1', { loginIdSource: 'userIds' })).rejects.toMatchObject({
      message: expect.stringMatching(/loginUserIdsType/),
    });
    expect(() => s.fileOf('../escape')).toThrow(expect.objectContaining({ code: 'settings_bad_profile_id' }));
  });

  it('mutes, overrides, acknowledges and un-acknowledges, keeping concurrent changes', async () => {
    const s = store();
    await Promise.all([
      s.setMuted('p1', 'USER-NO-EMAIL', true),
      s.setSeverity('p1', 'ENR-NO-DATES', 'info'),
      s.acknowledge('p1', {
        ruleId: 'USER-DUP-USERNAME',
        entityType: 'user',
        sourcedId: 'u1',
        reason: 'twins, fixed tonight',
        by: 'dana',
        at: '2026-11-01T00:00:00Z',
      }),
    ]);
    expect(s.getRules('p1')).toEqual({
      muted: ['USER-NO-EMAIL'],
      severityOverrides: { 'ENR-NO-DATES': 'info' },
      acknowledgements: [
        {
          ruleId: 'USER-DUP-USERNAME',
          entityType: 'user',
          sourcedId: 'u1',
          reason: 'twins, fixed tonight',
          by: 'dana',
          at: '2026-11-01T00:00:00Z',
        },
      ],
      downgrades: {},
    });
    await s.setSeverity('p1', 'ENR-NO-DATES', null);
    await s.setMuted('p1', 'USER-NO-EMAIL', false);
    await s.unacknowledge('p1', { ruleId: 'USER-DUP-USERNAME', entityType: 'user', sourcedId: 'u1' });
    expect(s.getRules('p1')).toEqual({
      muted: [],
      severityOverrides: {},
      acknowledgements: [],
      downgrades: {},
    });
    await expect(s.setMuted('p1', 'NOT-A-RULE', true)).rejects.toMatchObject({ code: 'settings_invalid' });
    await expect(
      s.acknowledge('p1', {
        ruleId: 'USER-DUP-USERNAME',
        entityType: 'user',
        sourcedId: 'u1',
        reason: '  ',
        by: 'dana',
      }),
    ).rejects.toMatchObject({ code: 'settings_invalid' });
  });

  it('needs a reason to downgrade or mute a blocker rule, records who and when, and forgets it on restore', async () => {
    const s = store();
    await expect(s.setSeverity('p1', 'USER-NO-USERNAME', 'warning')).rejects.toMatchObject({
      code: 'settings_invalid',
      message: expect.stringMatching(/reason/),
    });
    await expect(
      s.setMuted('p1', 'USER-NO-USERNAME', true, { reason: '   ', by: 'dana' }),
    ).rejects.toMatchObject({ code: 'settings_invalid' });
    expect(s.getRules('p1').severityOverrides).toEqual({});
    // Raising a blocker rule or softening a warning rule needs no reason.
    await s.setSeverity('p1', 'USER-NO-USERNAME', 'blocker');
    await s.setMuted('p1', 'USER-NO-EMAIL', true);
    await s.setSeverity('p1', 'USER-NO-USERNAME', 'info', {
      reason: 'Usernames arrive tonight',
      by: 'dana',
      at: '2026-11-02T00:00:00Z',
    });
    await s.setMuted('p1', 'CNV-LOGIN-CLAIMED', true, { reason: 'Handled by hand', by: 'lee' });
    const rules = s.getRules('p1');
    expect(rules.downgrades['USER-NO-USERNAME']).toEqual({
      reason: 'Usernames arrive tonight',
      by: 'dana',
      at: '2026-11-02T00:00:00Z',
    });
    expect(rules.downgrades['CNV-LOGIN-CLAIMED']).toMatchObject({ reason: 'Handled by hand', by: 'lee' });
    expect(Object.keys(rules.downgrades)).toHaveLength(2);
    // A bulk replace must carry the reasons too.
    await expect(
      s.setRules('p1', {
        ...rules,
        downgrades: { 'USER-NO-USERNAME': rules.downgrades['USER-NO-USERNAME'] },
      }),
    ).rejects.toMatchObject({
      code: 'settings_invalid',
      message: expect.stringMatching(/CNV-LOGIN-CLAIMED/),
    });
    await s.setSeverity('p1', 'USER-NO-USERNAME', null);
    await s.setMuted('p1', 'CNV-LOGIN-CLAIMED', false);
    expect(s.getRules('p1').downgrades).toEqual({});
  });

  it('reports a damaged file and never overwrites it', async () => {
    const s = store();
    mkdirSync(s.dir, { recursive: true });
    writeFileSync(s.fileOf('p1'), '{"version":1,"mapping":{"courseMode":');
    expect(() => s.get('p1')).toThrow(expect.objectContaining({ code: 'settings_corrupt' }));
    await expect(s.setMuted('p1', 'USER-NO-EMAIL', true)).rejects.toMatchObject({ code: 'settings_corrupt' });
    expect(readFileSync(s.fileOf('p1'), 'utf8')).toBe('{"version":1,"mapping":{"courseMode":');
    writeFileSync(s.fileOf('p2'), JSON.stringify({ version: 9 }));
    expect(() => s.get('p2')).toThrow(expect.objectContaining({ code: 'settings_newer_version' }));
  });
});
