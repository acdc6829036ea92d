import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCanvasDouble, type RunningCanvasDouble } from '../../electron/services/demo-canvas';
import { createSisImportState, sisImportRoutes } from '../../electron/services/demo-canvas/sis-import-routes';
import { SyncHistoryStore } from '../../electron/services/sync';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeProvisioningZip } from '../../electron/services/demo-canvas/write-zip';
import { writeDistrictCsv } from '../../test-support/district-csv';
import { run } from './run';

/**
 * The README's command-line flow, end to end against the bundled Canvas double: profile → import-csv → baseline
 * import → evaluate → findings acknowledge → remaps accept → sync. Nothing is mocked: real stores, a loopback
 * Canvas, the real zip.
 */
const TOKEN = 'flow-canvas-token-5d1e8a';
const env = { FLOW_CANVAS_TOKEN: TOKEN };
const baseline = generateBaseline({ preset: 'tiny' }, { seed: 5, oldSisIdShare: 0.3, claimedLogins: 1 });

let dir: string;
let dataDir: string;
let canvas: RunningCanvasDouble;
let state: ReturnType<typeof createSisImportState>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-flow-'));
  dataDir = join(dir, 'data');
  writeDistrictCsv(join(dir, 'oneroster'), baseline.district);
  await writeProvisioningZip(baseline, join(dir, 'provisioning.zip'));
  // The double applies the import to its Canvas row by row, like Canvas (skips with Canvas's messages).
  state = createSisImportState({ canvas: baseline, knownTermIds: baseline.terms.map((t) => t.term_id) });
  canvas = await startCanvasDouble({ baseline, token: TOKEN, extraRoutes: sisImportRoutes(state) });
});
afterAll(async () => {
  await canvas.close();
  rmSync(dir, { recursive: true, force: true });
});

const P = ['--data-dir', () => dataDir, '--profile', 'Flow USD'] as const;
const cli = (...args: string[]) =>
  run([...args, ...P.map((a) => (typeof a === 'function' ? a() : a))], { env });

describe('the README command-line flow', () => {
  it('profile → import-csv → baseline import → evaluate → acknowledge → remaps accept → sync', async () => {
    const add = await run(
      [
        'profiles',
        'add',
        '--data-dir',
        dataDir,
        '--name',
        'Flow USD',
        '--base-url',
        'https://sis.example.org/ims/oneroster/v1p1',
        '--client-id',
        'flow',
        '--canvas-url',
        canvas.url,
        '--canvas-account-id',
        '1',
      ],
      { env },
    );
    expect(add.err + add.out).not.toMatch(/error/);
    expect(add.code).toBe(0);

    const imported = await cli('import-csv', join(dir, 'oneroster'));
    expect(imported.code, imported.err).toBe(0);
    const base = await cli('baseline', 'import', join(dir, 'provisioning.zip'));
    expect(base.code, base.err).toBe(0);

    const evaluated = await cli('evaluate', '--canvas-baseline', 'latest', '--json');
    expect(evaluated.code).toBe(1); // the claimed login is a blocker
    const claimed = baseline.expected.claimedLogins[0]!.sourcedId;

    const sync = (...extra: string[]) =>
      cli('sync', '--canvas-token-env', 'FLOW_CANVAS_TOKEN', '--poll-ms', '5', '--json', ...extra);
    type Preview = {
      sent: boolean;
      refusals: Array<{ code: string; message: string }>;
      checks: Array<{ id: string; status: string; count: number | null; rules: Array<{ ruleId: string }> }>;
    };
    const refused = await sync('--yes');
    expect(refused.code).toBe(1);
    const r1 = JSON.parse(refused.out) as Preview;
    expect(r1.sent).toBe(false);
    expect(r1.refusals.map((r) => r.code).sort()).toEqual(['blockers_open', 'remaps_pending']);
    // With the remaps pending, Canvas would skip the remapped users' rows too: every one is a blocker.
    const blockers = r1.checks.find((c) => c.id === 'blockers')!;
    expect(blockers.status).toBe('fail');
    expect(blockers.rules.map((r) => r.ruleId)).toContain('CNV-LOGIN-CLAIMED');
    const pending = r1.checks.find((c) => c.id === 'remaps_pending')!.count!;
    expect(pending).toBeGreaterThan(0);

    // Muting or downgrading the rule does not let its blocker through: only an acknowledgement does.
    const mute = await cli('findings', 'mute', '--rule', 'CNV-LOGIN-CLAIMED', '--reason', 'noise');
    expect(mute.code, mute.err).toBe(0);
    const muted = JSON.parse((await sync('--yes')).out) as Preview;
    expect(muted.checks.find((c) => c.id === 'blockers')!.status).toBe('fail');
    expect((await cli('findings', 'unmute', '--rule', 'CNV-LOGIN-CLAIMED')).code).toBe(0);

    const noReason = await cli('findings', 'acknowledge', '--rule', 'CNV-LOGIN-CLAIMED');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/needs a reason/);
    const ack = await cli(
      'findings',
      'acknowledge',
      '--rule',
      'CNV-LOGIN-CLAIMED',
      '--severity',
      'blocker',
      '--id',
      claimed,
      '--reason',
      'The other account is a test login; Canvas may skip this user tonight',
    );
    expect(ack.out).toMatch(/Acknowledged 1 finding/);

    // Forcing past the undecided remaps is a deliberate choice: the preview then lists Canvas's skips first.
    const forced = JSON.parse((await sync('--allow-pending-remaps')).out) as Preview & {
      prediction: { skips: Array<{ file: string; message: string }> };
    };
    expect(forced.checks.find((c) => c.id === 'remaps_pending')).toMatchObject({ status: 'warn' });
    expect(forced.prediction.skips.filter((s) => s.file === 'users.csv').length).toBeGreaterThanOrEqual(
      pending,
    );
    const forcedText = await cli('sync', '--canvas-token-env', 'FLOW_CANVAS_TOKEN', '--allow-pending-remaps');
    expect(forcedText.out.indexOf('Predicted: Canvas skips')).toBe(0);
    expect(state.received).toHaveLength(0);

    const listed = JSON.parse((await cli('remaps', 'list', '--json')).out) as {
      proposals: Array<{ id: string; decision: string }>;
    };
    expect(listed.proposals.filter((p) => p.decision === 'pending')).toHaveLength(pending);
    const accepted = await cli('remaps', 'accept', '--all');
    expect(accepted.out).toMatch(new RegExp(`Accepted ${pending} of ${pending} remap`));

    // The claimed user's enrollments are skipped with it: Canvas will skip them, so they are blockers too.
    const skipped = JSON.parse((await sync('--yes')).out) as Preview;
    expect(skipped.refusals.map((r) => r.code)).toEqual(['blockers_open']);
    expect(skipped.checks.find((c) => c.id === 'blockers')!.rules.map((r) => r.ruleId)).toEqual([
      'CNV-ROW-SKIPPED',
    ]);
    const ack2 = await cli(
      'findings',
      'acknowledge',
      '--rule',
      'CNV-ROW-SKIPPED',
      '--reason',
      'Enrollments of the user whose login is claimed; fixed after the sync',
    );
    expect(ack2.code, ack2.err).toBe(0);

    const sent = await sync('--yes');
    expect(sent.code, sent.err).toBe(0);
    const out = JSON.parse(sent.out) as Preview & {
      result: { workflowState: string; counts: Record<string, number> };
      predicted: { counts: Record<string, number> };
      actual: { counts: Record<string, number> };
      missed: unknown[];
    };
    expect(out.sent).toBe(true);
    expect(out.result.workflowState).toMatch(/^imported/);
    expect(out.missed).toEqual([]);
    expect(out.actual.counts.users).toBe(out.predicted.counts.users);
    expect(out.actual.counts.enrollments).toBe(out.predicted.counts.enrollments);
    expect(out.result.workflowState).toBe('imported_with_messages'); // the claimed login and its enrollments
    expect(out.predicted.counts.change_sis_ids).toBe(pending);
    expect(state.received).toHaveLength(1);
    expect(state.received[0]!.validation.counts.change_sis_id).toBe(pending);
    expect(sent.out + sent.err).not.toContain(TOKEN);

    // The zip does not stay in the data folder; the history keeps the checklist, the reason and the comparison.
    const zips = (d: string): string[] =>
      existsSync(d)
        ? readdirSync(d, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? zips(join(d, e.name)) : e.name.endsWith('.zip') ? [e.name] : [],
          )
        : [];
    expect(zips(dataDir)).toEqual([]);
    const profileFile = readdirSync(join(dataDir, 'sync')).find((f) => f.endsWith('.json'))!;
    const [entry] = await new SyncHistoryStore(dataDir).list(profileFile.replace('.json', ''));
    expect(entry!.acknowledgedBlockers).toContainEqual(
      expect.objectContaining({
        ruleId: 'CNV-LOGIN-CLAIMED',
        sourcedId: claimed,
        reason: expect.stringMatching(/test login/),
      }),
    );
    expect(entry!.guardRails.find((c) => c.id === 'remaps_pending')!.status).toBe('pass');
    expect(entry!.predictionCheck).toMatchObject({ missed: [] });
  });
});
