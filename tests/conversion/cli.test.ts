import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { RemapDecisionStore } from '../../electron/services/conversion';
import { createServices } from '../../electron/services/container';
import { EvaluationResult } from '../../shared/evaluate/result';
import { ConversionSummary } from '../../shared/conversion/types';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeProvisioningZip } from '../../electron/services/demo-canvas/write-zip';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { run } from '../cli/run';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'preflight-cnv-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const baseline = generateBaseline(
  { preset: 'tiny' },
  { seed: 3, oldSisIdShare: 0.2, claimedLogins: 2, orphanCourses: 1 },
);
const e = baseline.expected;
// Parents are not in the default plan (observers off): only enrolled users' scenarios count.
const planned = (id: string) => !id.startsWith('PAR-');

let dataDir: string;
let zip: string;
let profileId: string;

beforeAll(async () => {
  dataDir = freshDir();
  const services = createServices({ dataDir });
  const profile = await services.profiles.create({
    name: 'Riverside',
    oneroster: {
      baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
      clientId: 'ck',
      auth: { kind: 'oauth1' },
    },
  });
  profileId = profile.id;
  writeDistrictSnapshot(services.snapshots, baseline.district, { profileId });
  services.snapshots.close();
  zip = join(dataDir, 'provisioning.zip');
  await writeProvisioningZip(baseline, zip);
});

describe('preflight evaluate --canvas-baseline', () => {
  it('imports the report, merges the CNV findings and prints the conversion summary', async () => {
    const r = await run(['evaluate', '--data-dir', dataDir, '--canvas-baseline', zip, '--json']);
    expect(r.err).toMatch(/Imported .*provisioning\.zip as Canvas baseline/);
    expect(r.code).toBe(1); // CNV-LOGIN-CLAIMED is a blocker
    const json = JSON.parse(r.out) as Record<string, unknown>;
    const { findings, summary } = EvaluationResult.parse(json);
    const conversion = ConversionSummary.parse(json.conversion);
    const keys = (rule: string) =>
      findings
        .filter((f) => f.ruleId === rule)
        .map((f) => f.sourcedId)
        .sort();
    expect(keys('CNV-LOGIN-CLAIMED')).toEqual(
      e.claimedLogins
        .map((c) => c.sourcedId)
        .filter(planned)
        .sort(),
    );
    expect(keys('CNV-USER-REMAP')).toEqual(
      e.remappedUsers
        .map((u) => u.sourcedId)
        .filter(planned)
        .sort(),
    );
    expect(keys('CNV-COURSE-ORPHAN')).toEqual(e.orphanCourses);
    expect(summary.byRule.map((t) => t.ruleId)).toEqual(
      expect.arrayContaining(['CNV-LOGIN-CLAIMED', 'CNV-USER-REMAP']),
    );
    expect(conversion.proposals.pending).toBe(keys('CNV-USER-REMAP').length);
    expect(conversion.simulation.importMode.mode).toBe('standard');
  });

  it('uses the latest baseline, the import mode flags and the profile’s rule settings', async () => {
    const services = createServices({ dataDir });
    await services.settings.setMuted(profileId, 'CNV-LOGIN-CLAIMED', true, {
      reason: 'Claimed logins are fixed by hand before the sync',
      by: 'test',
    });
    const r = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--profile',
      'Riverside',
      '--canvas-baseline',
      'latest',
      '--json',
      '--import-mode',
      'batch',
      '--batch-term',
      baseline.terms[0]!.term_id,
      '--change-threshold',
      '1',
    ]);
    expect(r.err).not.toMatch(/Imported/);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    const { findings, summary } = EvaluationResult.parse(json);
    expect(findings.some((f) => f.ruleId === 'CNV-LOGIN-CLAIMED')).toBe(false);
    expect(summary.muted.byRule['CNV-LOGIN-CLAIMED']).toBe(
      e.claimedLogins.filter((c) => planned(c.sourcedId)).length,
    );
    const conversion = ConversionSummary.parse(json.conversion);
    expect(conversion.simulation.importMode).toMatchObject({ mode: 'batch', changeThreshold: 1 });
    expect(conversion.simulation.exceeds).toContain('courses');
    expect(findings.filter((f) => f.ruleId === 'CNV-THRESHOLD').map((f) => f.sourcedId)).toEqual([
      baseline.terms[0]!.term_id,
    ]);
    await services.settings.setMuted(profileId, 'CNV-LOGIN-CLAIMED', false);

    const human = await run(['evaluate', '--data-dir', dataDir, '--canvas-baseline', 'latest']);
    expect(human.out).toMatch(/remap proposals/);
    expect(human.out).toMatch(/Simulated standard import/);
  });

  it('reports a missing report file and a batch mode without term clearly', async () => {
    const missing = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--canvas-baseline',
      join(dataDir, 'nope.zip'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/neither a Canvas report file nor a baseline id/);
    const noTerm = await run([
      'evaluate',
      '--data-dir',
      dataDir,
      '--canvas-baseline',
      'latest',
      '--import-mode',
      'batch',
    ]);
    expect(noTerm.code).toBe(2);
    expect(noTerm.err).toMatch(/--batch-term/);
    const empty = await run(['change-sis-id', '--data-dir', freshDir(), '--out', join(dataDir, 'x.csv')]);
    expect(empty.code).toBe(2);
  });
});

describe('preflight change-sis-id', () => {
  const readRows = (file: string) =>
    parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;

  it('writes the pending high-confidence remaps, then honours the profile’s decisions', async () => {
    const out = join(dataDir, 'change_sis_id.csv');
    const r = await run(['change-sis-id', '--data-dir', dataDir, '--profile', 'Riverside', '--out', out]);
    expect(r.code).toBe(0);
    const users = e.remappedUsers.filter((u) => planned(u.sourcedId));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'old_id,new_id,old_integration_id,new_integration_id,type',
    );
    const rows = readRows(out);
    expect(rows.map((x) => `${x.old_id}>${x.new_id} ${x.type}`).sort()).toEqual(
      users.map((u) => `${u.oldUserId}>${u.sourcedId} user`).sort(),
    );
    expect(r.out).toMatch(new RegExp(`Wrote ${users.length} rows`));

    const rejected = `user:${users[0]!.oldUserId}>${users[0]!.sourcedId}`;
    await new RemapDecisionStore(dataDir).set(profileId, { [rejected]: 'rejected' });
    await run([
      'change-sis-id',
      '--data-dir',
      dataDir,
      '--profile',
      'Riverside',
      '--out',
      out,
      '--min-confidence',
      'medium',
    ]);
    expect(
      readRows(out)
        .map((x) => x.new_id)
        .sort(),
    ).toEqual(
      users
        .slice(1)
        .map((u) => u.sourcedId)
        .sort(),
    );
  });
});
