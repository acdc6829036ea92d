import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCanvasCsvZip } from '../../electron/services/canvas-csv';
import { generateBaseline, writeProvisioningZip } from '../../electron/services/demo-canvas';
import { run } from '../cli/run';
import { buildFixture, DISTRICT, FAKE_SECRET, FEED_PASSWORD, type ReportFixture } from './fixture';

let fx: ReportFixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(() => fx?.cleanup());

describe('preflight report', () => {
  it("writes html, pdf, xlsx, csv and json for the profile's latest snapshot", async () => {
    const out = join(fx.dataDir, 'out');
    const r = await run([
      'report',
      '--data-dir',
      fx.dataDir,
      '--profile',
      DISTRICT,
      '--format',
      'html,pdf,xlsx,csv,json',
      '--out',
      out,
      '--page-size',
      'letter',
    ]);
    expect(r.err).toContain(`${DISTRICT}: Not ready.`);
    expect(r.code).toBe(0);
    const paths = r.out.trim().split('\n');
    expect(paths.map((p) => p.split('.').pop())).toEqual(['html', 'pdf', 'xlsx', 'csv', 'json']);
    expect(readdirSync(out).sort()).toEqual(paths.map((p) => p.slice(out.length + 1)).sort());

    const html = readFileSync(paths[0]!, 'utf8');
    expect(html).toContain(DISTRICT);
    expect(html).toContain(fx.snapshot.id);
    expect(html).toContain('Connectivity');
    expect(html).toMatch(/@page \{ size: Letter;/);
    expect(execFileSync('pdfinfo', [paths[1]!], { encoding: 'utf8' })).toMatch(
      /Pages:\s+([5-9]|\d\d)\b[\s\S]*\(letter\)/,
    );
    const csv = parse(readFileSync(paths[3]!, 'utf8'), { bom: true, columns: true }) as unknown[];
    const json = JSON.parse(readFileSync(paths[4]!, 'utf8')) as {
      report: { verdict: string };
      findings: unknown[];
    };
    expect(json.report.verdict).toBe('not_ready');
    expect(csv).toHaveLength(json.findings.length);
    expect(json.findings.length).toBe(fx.evaluation.findings.length);
    for (const p of paths.filter((p) => !p.endsWith('.pdf') && !p.endsWith('.xlsx'))) {
      const text = readFileSync(p, 'utf8');
      expect(text).not.toContain(FAKE_SECRET);
      expect(text).not.toMatch(FEED_PASSWORD);
    }
  }, 60_000);

  it('with a Canvas baseline zip: CNV findings join the report, and the Canvas files are written', async () => {
    const zip = join(fx.dataDir, 'provisioning.zip');
    const baseline = generateBaseline(fx.district, {
      claimedLogins: 2,
      orphanCourses: 1,
      oldSisIdShare: 0.05,
    });
    await writeProvisioningZip(baseline, zip);
    const out = join(fx.dataDir, 'conversion-out');
    const r = await run([
      'report',
      '--data-dir',
      fx.dataDir,
      '--profile',
      DISTRICT,
      '--canvas-baseline',
      zip,
      '--format',
      'json,canvas-zip,change-sis-id',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const [jsonPath, zipPath, changePath] = r.out.trim().split('\n');
    const json = JSON.parse(readFileSync(jsonPath!, 'utf8')) as {
      report: { conversion: unknown };
      findings: Array<{ ruleId: string }>;
    };
    const cnv = new Set(json.findings.map((f) => f.ruleId).filter((id) => id.startsWith('CNV-')));
    expect([...cnv]).toEqual(expect.arrayContaining(['CNV-USER-REMAP', 'CNV-COURSE-ORPHAN']));
    expect(json.report.conversion).not.toBeNull();
    const validation = await validateCanvasCsvZip(zipPath!);
    // The fixture's users without a username are the only rows Canvas would reject (a blocker in the findings).
    const errors = validation.problems.filter((p) => p.severity === 'error');
    expect(new Set(errors.map((p) => `${p.file}: ${p.message}`))).toEqual(
      new Set(['users.csv: No login_id given.']),
    );
    expect(json.findings.some((f) => f.ruleId === 'USER-NO-USERNAME')).toBe(true);
    expect(validation.files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['accounts.csv', 'users.csv']),
    );
    // Nothing accepted yet: change_sis_id.csv is the header alone, and the zip carries no change_sis_id file.
    expect(readFileSync(changePath!, 'utf8').trim()).toBe(
      'old_id,new_id,old_integration_id,new_integration_id,type',
    );
    expect(validation.files.map((f) => f.name)).not.toContain('change_sis_id.csv');
  }, 60_000);

  it('exits 2 with a hint for bad formats, missing flags, missing data and unavailable formats', async () => {
    const out = join(fx.dataDir, 'bad');
    const bad = await run(['report', '--data-dir', fx.dataDir, '--format', 'pdf,docx', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown format "docx"/);
    expect((await run(['report', '--data-dir', fx.dataDir, '--format', 'html'])).code).toBe(2);
    const noSnap = await run([
      'report',
      '--data-dir',
      join(fx.dataDir, 'empty'),
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(noSnap.code).toBe(2);
    expect(noSnap.err).toMatch(/error \(no_snapshot\)[\s\S]*hint:/);
    const noBaseline = await run([
      'report',
      '--data-dir',
      fx.dataDir,
      '--format',
      'html,change-sis-id',
      '--out',
      out,
    ]);
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.err).toMatch(/error \(no_baseline\)[\s\S]*hint: .*--canvas-baseline/);
    const noChromium = await run(['report', '--data-dir', fx.dataDir, '--format', 'pdf', '--out', out], {
      env: { PREFLIGHT_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(noChromium.code).toBe(2);
    expect(noChromium.err).toMatch(/error \(chromium_missing\)[\s\S]*hint: .*PREFLIGHT_CHROMIUM/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
