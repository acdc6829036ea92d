import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/container';
import { diffSnapshots } from '../../electron/services/diff/diff';
import { EvaluationResult } from '../../shared/evaluate/result';
import type { Finding } from '../../shared/rules/finding';
import { feedFactsOf, isPartialFeed } from '../../shared/snapshots/feed';
import { run } from '../cli/run';
import { csv, district, write10, write11, write12, COLUMNS_1_1 } from './dialect-bundles';
import { writeBundle } from './helpers';

/** Bundles in every dialect, evaluated end to end with `preflight evaluate --oneroster-csv` (issue 11). */

const root = mkdtempSync(join(tmpdir(), 'preflight-dialects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(root, `${name}-${n++}`);

async function evaluate(bundle: string) {
  const dataDir = fresh('data');
  const r = await run(['evaluate', '--data-dir', dataDir, '--oneroster-csv', bundle, '--json']);
  if (r.out === '') throw new Error(r.err);
  const result = EvaluationResult.parse(JSON.parse(r.out));
  const services = createServices({ dataDir });
  const meta = services.snapshots.get(result.summary.snapshotId)!;
  const byRule = (id: string): Finding[] => result.findings.filter((f) => f.ruleId === id);
  const record = (collection: 'users' | 'classes' | 'academicSessions', id: string) =>
    services.snapshots.getRecord(result.summary.snapshotId, collection, id)!;
  return { r, result, meta, byRule, record, services };
}

describe('OneRoster 1.1 bulk', () => {
  it('blank status and dateLastModified are what bulk means: no OR-SCHEMA, records active', async () => {
    const e = await evaluate(write11(fresh('bulk')));
    expect(e.byRule('OR-SCHEMA')).toEqual([]);
    expect(e.meta.issueCounts?.invalidRecords).toBe(0);
    expect(e.record('users', 'u1').record.status).toBe('active');
    expect(feedFactsOf(e.meta.providerFacts)).toMatchObject({
      version: '1.1',
      versionSource: 'manifest',
      delta: false,
    });
    expect(e.meta.providerFacts.onerosterVersion).toBe('1.1');
    expect(e.result.summary.counts.blocker).toBe(0);
  });

  it('CRLF, a BOM, no final newline and ext_* vendor columns read the same', async () => {
    const dir = fresh('crlf');
    write11(dir, { format: { crlf: true, bom: true, finalNewline: false } });
    const d = district();
    writeBundle(dir, {
      'users.csv': csv(
        [...COLUMNS_1_1.users!, 'ext_clever_id', 'metadata.house'],
        d.users!.map((u) => ({ ...u, ext_clever_id: `clever-${u.sourcedId}`, 'metadata.house': 'Blue' })),
        { crlf: true, bom: true, finalNewline: false },
      ),
    });
    const e = await evaluate(dir);
    expect(e.result.plan.counts).toMatchObject({ users: 3, enrollments: 4, sections: 2 });
    const u = e.record('users', 'u3');
    expect(u.record).toMatchObject({ sourcedId: 'u3', email: 'ben@example.org', orgIds: ['s1'] });
    expect(u.raw).toMatchObject({ metadata: { ext_clever_id: 'clever-u3', house: 'Blue' } });
    // ext_* is an expected vendor extension: no unknown-column problem.
    expect(e.byRule('OR-IMPORT').filter((f) => f.message.includes('ext_clever_id'))).toEqual([]);
    expect(e.result.summary.counts.blocker).toBe(0);
  });
});

describe('partial feeds are never ready', () => {
  it('no classes.csv, courses.csv or enrollments.csv: OR-FILE-MISSING blockers, not ready', async () => {
    const e = await evaluate(
      write11(fresh('partial'), { modes: null, omit: ['classes', 'courses', 'enrollments'] }),
    );
    expect(e.result.summary.verdict).toBe('not_ready');
    expect(
      e
        .byRule('OR-FILE-MISSING')
        .map((f) => [f.severity, f.sourcedId])
        .sort(),
    ).toEqual([
      ['blocker', '/classes'],
      ['blocker', '/courses'],
      ['blocker', '/enrollments'],
    ]);
    // Without a manifest, the rules assumed are said.
    expect(e.byRule('OR-MANIFEST')[0]?.message).toMatch(/no manifest\.csv; assumed: .*bulk/);
    // The summary line counts what it says it counts (no rows were rejected).
    expect(e.r.err).toMatch(/\(\d+ import problems; they are in the findings/);
    expect(e.r.err).not.toMatch(/rejected/);
  });

  it('a file the manifest marks absent is "not sent": blocker when the plan needs it', async () => {
    const e = await evaluate(
      write11(fresh('absent'), { modes: { enrollments: 'absent' }, omit: ['enrollments'] }),
    );
    const [f] = e.byRule('OR-FILE-MISSING');
    expect(f).toMatchObject({ severity: 'blocker', sourcedId: '/enrollments' });
    expect(f!.message).toMatch(/marks enrollments\.csv as absent/);
  });

  it('a missing required column is a finding (blocker for a reference column)', async () => {
    const dir = write11(fresh('nocol'));
    const d = district();
    writeBundle(dir, {
      'classes.csv': csv(
        COLUMNS_1_1.classes!.filter((c) => c !== 'schoolSourcedId'),
        d.classes!,
      ),
    });
    const e = await evaluate(dir);
    expect(e.byRule('OR-COLUMN-MISSING')).toEqual([
      expect.objectContaining({ severity: 'blocker', sourcedId: 'classes.csv:schoolSourcedId' }),
    ]);
    expect(e.result.summary.verdict).toBe('not_ready');
  });

  it('an unreadable manifest is a warning that says what was assumed', async () => {
    const dir = write11(fresh('badmanifest'));
    writeBundle(dir, { 'manifest.csv': 'this is not,a manifest\n"broken,\n' });
    const e = await evaluate(dir);
    const [f] = e.byRule('OR-MANIFEST');
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toMatch(/could not be read; assumed: /);
  });
});

describe('delta bundles', () => {
  it('1.1 delta: OR-BUNDLE-DELTA blocker, the snapshot is marked partial', async () => {
    const e = await evaluate(
      write11(fresh('delta'), { modes: { users: 'delta', enrollments: 'delta' }, stamped: true }),
    );
    const [f] = e.byRule('OR-BUNDLE-DELTA');
    expect(f).toMatchObject({ severity: 'blocker' });
    expect(f!.message).toMatch(/users\.csv, enrollments\.csv as delta/);
    expect(e.result.summary.verdict).toBe('not_ready');
    expect(isPartialFeed(e.meta.providerFacts)).toBe(true);
    // Not comparable as if it were complete.
    const id = e.result.summary.snapshotId;
    expect(() => diffSnapshots(e.services.snapshots, id, id)).toThrow(/delta bundle \(changes only\)/);
    // Files a delta does not carry are not "missing": only the delta blocker.
    expect(e.byRule('OR-FILE-MISSING')).toEqual([]);
  });

  it('1.2 delta with roles.csv: OR-BUNDLE-DELTA, still read as 1.2', async () => {
    const e = await evaluate(write12(fresh('delta12'), { delta: true }));
    expect(e.byRule('OR-BUNDLE-DELTA')).toHaveLength(1);
    expect(feedFactsOf(e.meta.providerFacts)).toMatchObject({ version: '1.2', delta: true });
    expect(e.record('users', 'u2').record).toMatchObject({ role: 'student', orgIds: ['s1'] });
  });
});

describe('OneRoster 1.0', () => {
  it('1.0 names are aliased, inactive is not a deletion, and an info finding says it is 1.0', async () => {
    const e = await evaluate(write10(fresh('v10')));
    expect(feedFactsOf(e.meta.providerFacts)).toMatchObject({ version: '1.0', versionSource: 'detected' });
    // classes.termSourcedId (singular) is the term: no CLASS-NO-TERM.
    expect(e.byRule('CLASS-NO-TERM')).toEqual([]);
    expect(e.record('classes', 'k1').record).toMatchObject({ termIds: ['t1'], grades: ['05'] });
    const u3 = e.record('users', 'u3');
    expect(u3.record.status).toBe('active');
    expect(u3.raw).toMatchObject({ metadata: { oneRoster10Status: 'inactive' } });
    expect(e.record('users', 'u1').record).toMatchObject({ userIds: [{ type: 'userId', identifier: 't1' }] });
    // 1.0 has no schoolYear: the end date's year.
    expect(e.record('academicSessions', 't1').record).toMatchObject({ schoolYear: '2027' });
    expect(e.byRule('OR-STATUS-TOBEDELETED')).toEqual([]);
    const [info] = e.byRule('OR-DIALECT');
    expect(info).toMatchObject({ severity: 'info' });
    expect(info!.message).toMatch(/OneRoster 1\.0/);
    expect(info!.message).toMatch(/termSourcedId → termSourcedIds/);
    expect(info!.message).toMatch(/1 record in users\.csv marked "inactive" \(1\.0\) kept as active/);
    expect(e.result.plan.counts).toMatchObject({ users: 3, enrollments: 4 });
    expect(e.result.summary.counts.blocker).toBe(0);
  });
});

describe('OneRoster 1.2', () => {
  it('roles.csv gives each user a primary role and orgs; profiles are attached without passwords', async () => {
    const e = await evaluate(write12(fresh('v12'), { format: { crlf: true, bom: true } }));
    expect(feedFactsOf(e.meta.providerFacts)).toMatchObject({ version: '1.2', versionSource: 'manifest' });
    const teacher = e.record('users', 'u1');
    // Primary role wins; the secondary districtAdministrator role adds the district to the orgs.
    expect(teacher.record).toMatchObject({ role: 'teacher', orgIds: ['s1', 'd1'] });
    expect(teacher.raw).toMatchObject({
      userMasterIdentifier: 'SIS-1',
      userProfiles: [{ profileId: 'p1', vendorId: 'canvas' }],
    });
    expect(JSON.stringify(teacher.raw)).not.toContain('Pr0file-Secret!');
    expect(e.record('users', 'u2').record).toMatchObject({ role: 'student', orgIds: ['s1'] });
    expect(e.byRule('USER-NO-ORG')).toEqual([]);
    expect(e.result.plan.counts).toMatchObject({ users: 3, enrollments: 4 });
    expect(e.byRule('OR-DIALECT')[0]?.message).toMatch(/OneRoster 1\.2 .*roles\.csv/);
    expect(e.result.summary.counts.blocker).toBe(0);
  });

  it('roles for users not in users.csv are reported, not silently dropped', async () => {
    const dir = write12(fresh('v12orphan'));
    const d = district();
    writeBundle(dir, {
      'users.csv': csv(
        [...COLUMNS_1_1.users!.filter((c) => c !== 'role' && c !== 'orgSourcedIds')],
        d.users!.slice(0, 2),
      ),
    });
    const e = await evaluate(dir);
    const f = e.byRule('OR-IMPORT').find((x) => x.detail?.code === 'unknown_user');
    expect(f?.message).toMatch(/roles\.csv names user "u3", who is not in users\.csv/);
  });
});
