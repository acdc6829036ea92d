import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/container';
import { EvaluationResult } from '../../shared/evaluate/result';
import { fx, makeSnapshot } from '../../test-support/snapshot-fixture';
import { run } from '../cli/run';
import { districtRecords } from '../plan/fixture';

const GRAND_BEND = '/work/shared/data/oneroster-samples/edfi-grand-bend-1.1';
const root = mkdtempSync(join(tmpdir(), 'preflight-cli-evaluate-'));
let n = 0;
const freshDir = () => join(root, `d${n++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('preflight evaluate --oneroster-csv', () => {
  it('imports the Grand Bend sample and evaluates it in one step; exit code follows --fail-on', async () => {
    const dataDir = freshDir();
    const r = await run(['evaluate', '--data-dir', dataDir, '--oneroster-csv', GRAND_BEND, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Imported .* as snapshot/);
    const result = EvaluationResult.parse(JSON.parse(r.out));
    expect(result.summary.verdict).toBe('ready_with_warnings');
    expect(result.plan.counts).toMatchObject({
      accounts: 1,
      courses: 2,
      sections: 2,
      users: 10,
      enrollments: 24,
    });
    const rules = new Set(result.findings.map((f) => f.ruleId));
    // The sample's documented quirks: no manifest (bulk assumed, so its blank status/dates are fine), two rows
    // with a trailing extra comma, a teacher without email, classes in two semesters.
    for (const id of ['OR-MANIFEST', 'OR-IMPORT', 'USER-NO-EMAIL', 'CLASS-MULTI-TERM'])
      expect(rules).toContain(id);
    expect(rules).not.toContain('OR-SCHEMA');

    const again = await run(['evaluate', '--data-dir', dataDir, '--json', '--fail-on', 'warning']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).summary.snapshotId).toBe(result.summary.snapshotId);
    expect((await run(['evaluate', '--data-dir', dataDir, '--fail-on', 'info'])).code).toBe(1);
  });

  it('exits 2 with a hint for usage errors and missing data', async () => {
    const dataDir = freshDir();
    const none = await run(['evaluate', '--data-dir', dataDir]);
    expect(none).toMatchObject({ code: 2, out: '' });
    expect(none.err).toMatch(/error \(no_snapshot\).*\n\s+hint: .*import-csv/);
    const both = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--oneroster-csv',
      GRAND_BEND,
      '--snapshot',
      'x',
    ]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/cannot be combined/);
    expect((await run(['evaluate', '--data-dir', dataDir, '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await run(['evaluate', '--data-dir', dataDir, '--snapshot', 'nope'])).err).toMatch(
      /snapshot_not_found/,
    );
  });
});

describe('preflight evaluate with a profile', () => {
  let dataDir: string;
  let snapshotId: string;
  let profileId: string;
  beforeAll(async () => {
    dataDir = freshDir();
    const services = createServices({ dataDir });
    const profile = await services.profiles.create({
      name: 'Springfield USD',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'ck',
        auth: { kind: 'oauth1' },
      },
    });
    profileId = profile.id;
    const records = districtRecords();
    records.users!.push(fx.user('U-NOLOGIN', 'student', ['SCH-001'], { username: undefined }));
    const snap = makeSnapshot(records, { profileId, dir: dataDir });
    snapshotId = snap.snapshotId;
    snap.cleanup();
  });

  it('exits 1 on a blocker and prints verdict, counts and remedies', async () => {
    const r = await run(['evaluate', '--data-dir', dataDir, '--profile', 'Springfield USD']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Not ready: blockers/m);
    expect(r.out).toMatch(/\[blocker\] USER-NO-USERNAME User without username: 1/);
    expect(r.out).toMatch(/user U-NOLOGIN: /);
    expect(r.out).toMatch(/fix: Give every active user a username/);
    expect(r.out).toMatch(/enrollments\s+8/);
    expect(
      (await run(['evaluate', '--data-dir', dataDir, '--profile', 'Springfield USD', '--fail-on', 'never']))
        .code,
    ).toBe(0);
  });

  it('applies the stored rule settings: acknowledged blockers no longer fail --fail-on blocker', async () => {
    const services = createServices({ dataDir });
    const before = EvaluationResult.parse(
      JSON.parse((await run(['evaluate', '--data-dir', dataDir, '--snapshot', snapshotId, '--json'])).out),
    );
    const blockers = before.findings.filter((f) => f.severity === 'blocker');
    expect(blockers.map((f) => `${f.ruleId} ${f.sourcedId}`)).toEqual(
      expect.arrayContaining(['OR-REF-MISSING E8', 'USER-NO-USERNAME U-NOLOGIN']),
    );
    for (const f of blockers) {
      await services.settings.acknowledge(profileId, {
        ...f,
        reason: 'test account, removed before go-live',
        by: 'dana',
      });
    }
    const r = await run(['evaluate', '--data-dir', dataDir, '--snapshot', snapshotId, '--json']);
    expect(r.code).toBe(0);
    const { summary, findings } = EvaluationResult.parse(JSON.parse(r.out));
    expect(summary).toMatchObject({
      profileId,
      verdict: 'ready_with_warnings',
      acknowledgedBlockers: blockers.length,
    });
    expect(summary.effectiveCounts.blocker).toBe(0);
    expect(findings.find((f) => f.ruleId === 'USER-NO-USERNAME')?.detail?.acknowledged).toMatchObject({
      by: 'dana',
    });
    const human = await run(['evaluate', '--data-dir', dataDir, '--profile', 'Springfield USD']);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/Acknowledged blockers:\n/);
    expect(human.out).toMatch(/USER-NO-USERNAME user U-NOLOGIN: "test account/);
    for (const f of blockers) await services.settings.unacknowledge(profileId, f);
    expect((await run(['evaluate', '--data-dir', dataDir, '--snapshot', snapshotId])).code).toBe(1);
  });

  it('takes mapping options from --mapping FILE, and refuses a bad file', async () => {
    const file = join(dataDir, 'options.json');
    writeFileSync(file, JSON.stringify({ courseMode: 'perCourseTermSchool' }));
    const r = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--profile',
      'Springfield USD',
      '--mapping',
      file,
      '--json',
      '--fail-on',
      'never',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).plan.counts.courses).toBe(4);
    writeFileSync(file, JSON.stringify({ courseMode: 'perSchool' }));
    const bad = await run(['evaluate', '--data-dir', dataDir, '--mapping', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/settings_invalid.*courseMode/);
  });

  it('mapping set/show stores the options the evaluation then uses', async () => {
    const file = join(dataDir, 'observers.json');
    writeFileSync(file, JSON.stringify({ observers: true }));
    const set = await run([
      'mapping',
      'set',
      '--data-dir',
      dataDir,
      '--profile',
      'Springfield USD',
      '--file',
      file,
    ]);
    expect(set.code).toBe(0);
    const shown = await run(['mapping', 'show', '--data-dir', dataDir, '--profile', 'Springfield USD']);
    expect(JSON.parse(shown.out)).toMatchObject({ observers: true, courseMode: 'perClass' });
    const r = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--profile',
      'Springfield USD',
      '--json',
      '--fail-on',
      'never',
    ]);
    expect(JSON.parse(r.out).plan.counts.user_observers).toBe(1);
  });

  it('plan --json prints every planned row; --out writes one file per Canvas type', async () => {
    const r = await run(['plan', '--data-dir', dataDir, '--profile', 'Springfield USD', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.counts).toMatchObject({ accounts: 3, courses: 8, enrollments: 8 });
    expect(plan.enrollments.map((e: { source: string }) => e.source)).toEqual([
      'E4',
      'E2',
      'E3',
      'E1',
      'E6',
      'E9',
      'E7',
      'E10',
    ]);

    const out = join(dataDir, 'plan-out');
    const w = await run(['plan', '--data-dir', dataDir, '--snapshot', snapshotId, '--out', out]);
    expect(w.code).toBe(0);
    for (const type of [
      'accounts',
      'terms',
      'courses',
      'sections',
      'users',
      'enrollments',
      'user_observers',
      'plan',
    ]) {
      expect(existsSync(join(out, `${type}.json`))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, 'enrollments.json'), 'utf8'))).toEqual(plan.enrollments);
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')).counts).toEqual(plan.counts);
    expect((await run(['plan', '--data-dir', dataDir, '--json', '--out', out])).code).toBe(2);
  });
});
