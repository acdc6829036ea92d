import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, MainEvent } from '../../shared/ipc/contract';
import type { FindingRow } from '../../shared/findings/views';
import { compareFindings } from '../../shared/rules/finding';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { fx, makeSnapshot } from '../../test-support/snapshot-fixture';

/**
 * The evaluate / findings / settings channels through the real IPC layer (validation, error mapping) over a
 * real snapshot file: a small hand-made district with known defects.
 */
let dataDir: string;
let services: Services;
let handlers: Handlers;
let profileId: string;
let snapshotId: string;
const done = new Map<string, (e: MainEvent) => void>();
const finished: MainEvent[] = [];

const users = [
  ...Array.from({ length: 12 }, (_, i) =>
    fx.user(`s${i}`, 'student', [i % 2 ? 'S2' : 'S1'], i % 3 === 0 ? { email: undefined } : {}),
  ),
  fx.user('t1', 'teacher', ['S1']),
  fx.user('t2', 'teacher', ['S2']),
  fx.user('dup1', 'student', ['S1'], { username: 'same.name' }),
  fx.user('dup2', 'student', ['S2'], { username: 'SAME.NAME' }),
  fx.user('nouser', 'student', ['S2'], { username: '' }),
];
const records = {
  orgs: [
    fx.org('D1', { type: 'district', name: 'Springfield District' }),
    fx.org('S1', { name: 'Adams Elementary', parent: fx.ref('org', 'D1') }),
    fx.org('S2', { name: 'Baker High', parent: fx.ref('org', 'D1') }),
  ],
  academicSessions: [fx.session('T1')],
  courses: [fx.course('C1', 'S1'), fx.course('C2', 'S2')],
  classes: [
    fx.klass('K1', 'C1', 'S1', ['T1']),
    fx.klass('K2', 'C2', 'S2', ['T1']),
    fx.klass('K4', 'C1', 'S1', ['T1']),
    fx.klass('K3', 'C1', 'S1', []),
  ],
  users,
  enrollments: [
    fx.enrollment('e-t1', 't1', 'K1', 'S1', 'teacher'),
    fx.enrollment('e-t1b', 't1', 'K4', 'S1', 'teacher'),
    fx.enrollment('e-t2', 't2', 'K2', 'S2', 'teacher'),
    ...users
      .filter((u) => u.role === 'student')
      .map((u, i) =>
        fx.enrollment(`e-${u.sourcedId}`, u.sourcedId, i % 2 ? 'K2' : 'K1', i % 2 ? 'S2' : 'S1', 'student'),
      ),
  ],
};

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await invokeChannel(handlers, channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as ChannelOutput<C>;
}

async function errorCode(channel: ChannelName, input: unknown): Promise<string> {
  const result = await invokeChannel(handlers, channel, input);
  return result.ok ? 'ok' : result.error.code;
}

function jobDone(jobId: string): Promise<MainEvent> {
  const found = finished.find((e) => e.type === 'job:done' && e.jobId === jobId);
  return found ? Promise.resolve(found) : new Promise((resolve) => done.set(jobId, resolve));
}

async function evaluate(): Promise<void> {
  const { jobId } = await call('evaluate:start', { profileId });
  const end = await jobDone(jobId);
  if (end.type !== 'job:done' || !end.ok) throw new Error(`evaluation failed: ${JSON.stringify(end)}`);
}

const query = (input: Partial<ChannelInput<'findings:query'>> = {}) =>
  call('findings:query', { profileId, snapshotId, limit: 1000, ...input });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-findings-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  handlers = createHandlers(
    services,
    (e) => {
      if (e.type !== 'job:done') return;
      finished.push(e);
      done.get(e.jobId)?.(e);
    },
    { whoAmI: () => 'test-user' },
  );
  const profile = await services.profiles.create({
    name: 'Springfield',
    oneroster: {
      baseUrl: 'https://oneroster.example.org/ims/oneroster/v1p1',
      clientId: 'key',
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    },
  });
  profileId = profile.id;
  const fixture = makeSnapshot(records, { profileId, dir: dataDir });
  snapshotId = fixture.snapshotId;
  fixture.store.close();
});

afterAll(async () => {
  await disposeHandlers(handlers);
  services.snapshots.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('evaluate and query', () => {
  it('has nothing before the first evaluation', async () => {
    const { summary, latestSnapshot } = await call('findings:summary', { profileId });
    expect(summary).toBeNull();
    expect(latestSnapshot?.id).toBe(snapshotId);
    expect(await errorCode('findings:query', { profileId, snapshotId })).toBe('not_evaluated');
  });

  it('evaluates the newest complete snapshot and summarises it', async () => {
    await evaluate();
    const { summary } = await call('findings:summary', { profileId });
    expect(summary?.snapshotId).toBe(snapshotId);
    expect(summary?.summary.verdict).toBe('not_ready');
    const rules = summary!.summary.byRule.map((r) => r.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(['USER-DUP-USERNAME', 'USER-NO-USERNAME', 'CLASS-NO-TERM', 'USER-NO-EMAIL']),
    );
    expect(summary!.plan.counts.courses).toBe(4);
  });

  it('pages, in catalogue order, windows that add up to the whole list', async () => {
    const all = await query();
    const { summary } = await call('findings:summary', { profileId });
    const c = summary!.summary.counts;
    expect(all.total).toBe(c.blocker + c.warning + c.info);
    expect([...all.rows].sort(compareFindings)).toEqual(all.rows);
    const windows: FindingRow[] = [];
    for (let offset = 0; offset < all.total; offset += 4)
      windows.push(...(await query({ offset, limit: 4 })).rows);
    expect(windows).toEqual(all.rows);
    expect(windows.map((r) => r.index)).toEqual(all.rows.map((_, i) => i));
  });

  it('sorts the whole list by a column, then by catalogue order', async () => {
    const rows = (await query({ sort: [{ id: 'sourcedId', desc: true }] })).rows;
    const ids = rows.map((r) => r.sourcedId);
    expect(ids).toEqual([...ids].sort().reverse());
    const bySchool = (await query({ sort: [{ id: 'school', desc: false }] })).rows.map(
      (r) => r.school ?? '~',
    );
    expect(bySchool).toEqual([...bySchool].sort());
  });

  it('filters by severity, school, entity type and text, with facet counts', async () => {
    const blockers = await query({ filters: { severity: ['blocker'] } });
    expect(blockers.rows.every((r) => r.severity === 'blocker')).toBe(true);
    const { summary } = await call('findings:summary', { profileId });
    expect(blockers.total).toBe(summary!.summary.counts.blocker);
    // The severity facet ignores the severity filter itself.
    expect(blockers.facets.severity.find((f) => f.value === 'warning')?.count).toBe(
      summary!.summary.counts.warning,
    );

    const baker = await query({ filters: { school: ['S2'] } });
    expect(baker.total).toBeGreaterThan(0);
    expect(baker.rows.every((r) => r.school === 'Baker High')).toBe(true);
    expect(baker.facets.school.map((f) => f.label)).toEqual(
      expect.arrayContaining(['Adams Elementary', 'Baker High']),
    );

    const classes = await query({ filters: { entityType: ['class'] } });
    expect(classes.rows.map((r) => r.sourcedId)).toContain('K3');

    const text = await query({ filters: { text: 'same.NAME' } });
    expect(text.rows.map((r) => r.sourcedId).sort()).toEqual(['dup1', 'dup2']);
  });

  it('groups by rule', async () => {
    const page = await query({ groupBy: 'ruleId' });
    const groups = page.groups!;
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(page.total);
    expect(groups[0]!.severity).toBe('blocker');
    for (const g of groups)
      expect(page.rows.slice(g.offset, g.offset + g.count).every((r) => r.ruleId === g.key)).toBe(true);
  });

  it('returns a finding with its record and related records', async () => {
    const detail = await call('findings:detail', {
      profileId,
      snapshotId,
      ref: { ruleId: 'CLASS-NO-TERM', entityType: 'class', sourcedId: 'K3' },
    });
    expect(detail.finding.school).toBe('Adams Elementary');
    expect(detail.record).toMatchObject({ entityType: 'class', sourcedId: 'K3', label: 'Class K3' });
    expect(detail.related.map((r) => `${r.entityType}:${r.sourcedId}`)).toEqual(
      expect.arrayContaining(['course:C1', 'org:S1']),
    );
  });
});

describe('input validation', () => {
  it('refuses bad queries with invalid_input', async () => {
    expect(await errorCode('findings:query', { profileId, snapshotId, limit: 5000 })).toBe('invalid_input');
    expect(await errorCode('findings:query', { profileId, snapshotId, sort: [{ id: 'password' }] })).toBe(
      'invalid_input',
    );
    expect(
      await errorCode('findings:query', { profileId, snapshotId, filters: { severity: ['fatal'] } }),
    ).toBe('invalid_input');
    expect(await errorCode('findings:query', { profileId, snapshotId, offset: -1 })).toBe('invalid_input');
    expect(await errorCode('findings:query', { profileId, snapshotId: 'nope' })).toBe('not_evaluated');
    expect(await errorCode('findings:summary', { profileId: 'no-such-profile' })).toBe('profile_not_found');
  });

  it('refuses unknown rules, empty reasons and inconsistent options', async () => {
    expect(
      await errorCode('settings:setRules', {
        profileId,
        change: { kind: 'mute', ruleId: 'NOT-A-RULE', muted: true },
      }),
    ).toBe('invalid_input');
    expect(
      await errorCode('settings:setRules', {
        profileId,
        change: {
          kind: 'acknowledge',
          ruleId: 'CLASS-NO-TERM',
          entityType: 'class',
          sourcedId: 'K3',
          reason: '   ',
        },
      }),
    ).toBe('invalid_input');
    const { options } = await call('settings:getMapping', { profileId });
    expect(
      await errorCode('settings:previewMapping', {
        profileId,
        options: { ...options, loginIdSource: 'userIds', loginUserIdsType: '' },
      }),
    ).toBe('settings_invalid');
    expect(
      await errorCode('settings:setMapping', { profileId, options: { ...options, courseMode: 'perSchool' } }),
    ).toBe('invalid_input');
  });
});

describe('rule settings and mapping options', () => {
  it('mutes a rule: its findings leave the list and are counted as muted', async () => {
    const before = await query({ filters: { ruleId: ['USER-NO-EMAIL'] } });
    expect(before.total).toBeGreaterThan(0);
    const rules = await call('settings:setRules', {
      profileId,
      change: { kind: 'mute', ruleId: 'USER-NO-EMAIL', muted: true },
    });
    expect(rules.muted).toEqual(['USER-NO-EMAIL']);
    expect((await query({ filters: { ruleId: ['USER-NO-EMAIL'] } })).total).toBe(0);
    const { summary } = await call('findings:summary', { profileId });
    expect(summary!.summary.muted.byRule['USER-NO-EMAIL']).toBe(before.total);
    expect(summary!.mutedRules).toEqual(['USER-NO-EMAIL']);
  });

  it('overrides a severity and acknowledges blockers as the OS user', async () => {
    // Lowering a blocker rule without saying why is refused.
    expect(
      await errorCode('settings:setRules', {
        profileId,
        change: { kind: 'severity', ruleId: 'USER-NO-USERNAME', severity: 'warning' },
      }),
    ).toBe('settings_invalid');
    const rules = await call('settings:setRules', {
      profileId,
      change: {
        kind: 'severity',
        ruleId: 'USER-NO-USERNAME',
        severity: 'warning',
        reason: 'Usernames are added in the SIS tonight',
      },
    });
    expect(rules.downgrades['USER-NO-USERNAME']).toMatchObject({
      reason: 'Usernames are added in the SIS tonight',
      by: expect.any(String),
      at: expect.any(String),
    });
    expect(
      (await query({ filters: { ruleId: ['USER-NO-USERNAME'] } })).rows.every(
        (r) => r.severity === 'warning',
      ),
    ).toBe(true);

    const blockers = (await query({ filters: { severity: ['blocker'] } })).rows;
    for (const b of blockers) {
      await call('settings:setRules', {
        profileId,
        change: {
          kind: 'acknowledge',
          ruleId: b.ruleId,
          entityType: b.entityType,
          sourcedId: b.sourcedId,
          reason: 'Fixed in the SIS tonight',
        },
      });
    }
    const acked = (await query({ filters: { severity: ['blocker'] } })).rows;
    expect(
      acked.every(
        (r) => r.acknowledged?.by === 'test-user' && r.acknowledged.reason === 'Fixed in the SIS tonight',
      ),
    ).toBe(true);
    const { summary } = await call('findings:summary', { profileId });
    expect(summary!.summary.acknowledgedBlockers).toBe(blockers.length);
    expect(summary!.summary.verdict).toBe('ready_with_warnings');
  });

  it('previews a mapping change without saving, then saves and re-evaluates', async () => {
    const { options } = await call('settings:getMapping', { profileId });
    const preview = await call('settings:previewMapping', {
      profileId,
      options: { ...options, courseMode: 'perCourseTermSchool' },
    });
    expect(preview.changed).toEqual(['courseMode']);
    expect(preview.current.courses).toBe(4);
    // K1 and K4 are the same course, term and school: one shared course.
    expect(preview.proposed.courses).toBeLessThan(4);
    expect(preview.proposed.sections).toBe(preview.current.sections);
    expect((await call('settings:getMapping', { profileId })).options.courseMode).toBe('perClass');

    const saved = await call('settings:setMapping', {
      profileId,
      options: { ...options, courseMode: 'perCourseTermSchool' },
    });
    expect(saved.jobId).not.toBeNull();
    const end = await jobDone(saved.jobId!);
    expect(end).toMatchObject({ type: 'job:done', ok: true });
    const { summary } = await call('findings:summary', { profileId });
    expect(summary!.options.courseMode).toBe('perCourseTermSchool');
    expect(summary!.plan.counts.courses).toBe(preview.proposed.courses);
    // Rule settings carry over to the new evaluation.
    expect(summary!.mutedRules).toEqual(['USER-NO-EMAIL']);
  });

  it('says what to do when a district has nothing to evaluate', async () => {
    const empty = await services.profiles.create({
      name: 'Shelbyville',
      oneroster: {
        baseUrl: 'https://sv.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
    });
    expect(await errorCode('evaluate:start', { profileId: empty.id })).toBe('no_snapshot');
    expect(await errorCode('settings:previewMapping', { profileId: empty.id, options: {} })).toBe(
      'no_snapshot',
    );
  });
});
