import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineTimeZone } from '../../electron/services/canvas-csv/dates';
import { registerSecret } from '../../electron/services/logging/redact';
import { run } from '../cli/run';
import { fakeSecret } from '../secrets/no-leak';
import { csv, COLUMNS_1_1, district, TOKEN_LIKE, write11 } from './dialect-bundles';
import { writeBundle } from './helpers';

/**
 * Issue 11: a class titled "Basic Detection" came out as "Basic [REDACTED]" in every output. Roster text must
 * pass through evaluate --json, plan --json and the JSON/CSV/HTML report untouched; only a registered secret
 * value is removed.
 */

const root = mkdtempSync(join(tmpdir(), 'preflight-roster-text-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ROSTER_TEXT = ['Basic Mathematics', 'Basic Detection', 'Bearer Creek Elementary', TOKEN_LIKE];

describe('roster text in every output', () => {
  it('passes through evaluate --json, plan --json and the report files; a registered secret does not', async () => {
    const secret = fakeSecret('district');
    registerSecret(secret);
    const bundle = write11(join(root, 'bundle'));
    const d = district();
    // The secret sits in a user's name (as if an export leaked it); the second class has no term, so its
    // title is quoted in a finding.
    d.users![2]!.givenName = `Ben ${secret}`;
    d.classes![1]!.termSourcedIds = '';
    writeBundle(bundle, {
      'classes.csv': csv(COLUMNS_1_1.classes!, d.classes!),
      'users.csv': csv(COLUMNS_1_1.users!, d.users!),
    });
    const dataDir = join(root, 'data');

    const evaluated = await run(['evaluate', '--data-dir', dataDir, '--oneroster-csv', bundle, '--json']);
    const planned = await run(['plan', '--data-dir', dataDir, '--json']);
    const out = join(root, 'report');
    const reported = await run(['report', '--data-dir', dataDir, '--format', 'json,csv,html', '--out', out]);
    expect(reported.err).not.toMatch(/^error/m);
    const files = reported.out.trim().split('\n');
    expect(files).toHaveLength(3);

    const outputs: Record<string, string> = {
      'evaluate --json': evaluated.out,
      'plan --json': planned.out,
      ...Object.fromEntries(files.map((f) => [f.split('.').pop()!, readFileSync(f, 'utf8')])),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toMatch(/(Basic|Bearer) \[REDACTED\]/);
      expect(text, name).not.toContain(secret);
    }
    // The plan carries every roster value; the findings quote the class without a term.
    for (const value of ROSTER_TEXT) expect(outputs['plan --json'], value).toContain(value);
    for (const name of ['evaluate --json', 'json', 'csv', 'html']) {
      expect(outputs[name], name).toMatch(/Basic Detection/);
    }
    // The report says which time zone the Canvas dates use, and which OneRoster version was read.
    const report = JSON.parse(outputs['json']!) as {
      report: { canvasDates: { timeZone: string; source: string }; snapshot: { onerosterVersion: string } };
    };
    expect(report.report.canvasDates).toEqual({ timeZone: machineTimeZone(), source: 'machine' });
    expect(report.report.snapshot.onerosterVersion).toBe('1.1');
    expect(outputs['html']).toMatch(/Canvas dates: terms and enrollments start at 00:00:00/);
    // A registered secret value is still removed, wherever it comes from.
    expect(outputs['plan --json']).toContain('Ben [REDACTED]');
  }, 60_000);
});
