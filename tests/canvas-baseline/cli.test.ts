import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCanvasTarget } from '../../electron/services/canvas-api';
import { createServices } from '../../electron/services/container';
import {
  generateBaseline,
  startCanvasDouble,
  writeProvisioningZip,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';
import { run } from '../cli/run';
import { fakeSecret, filesContaining } from '../secrets/no-leak';
import { cliHint } from '../../electron/cli/hints';
import type { ServiceError } from '../../shared/errors';

// Uses the real OS keychain: run inside a D-Bus session with an unlocked gnome-keyring (see the helper brief).
const dataDir = mkdtempSync(join(tmpdir(), 'preflight-cli-baseline-'));
const services = createServices({ dataDir });
const token = fakeSecret('canvas');
const generated = generateBaseline(
  { preset: 'tiny' },
  { seed: 4, multiLogin: 2, deletedHolders: 1, crosslisted: 2 },
);
const ids: string[] = [];
const outputs: string[] = [];
let double: RunningCanvasDouble;

const cli = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const res = await run([...argv, '--data-dir', dataDir], { env: { PREFLIGHT_PROGRESS: 'plain', ...env } });
  outputs.push(res.out, res.err);
  return res;
};

beforeAll(async () => {
  double = await startCanvasDouble({
    baseline: generated,
    token,
    reportDelayMs: 50,
    throttle: { everyNth: 40 },
  });
  const oneroster = {
    baseUrl: 'https://or.example.org/v1p1',
    clientId: 'k',
    auth: { kind: 'oauth1' as const },
  };
  const withCanvas = await services.profiles.create({
    name: 'Canvas District',
    oneroster,
    canvas: { baseUrl: double.url, rootAccountId: '1' },
  });
  const noToken = await services.profiles.create({
    name: 'No Token',
    oneroster,
    canvas: { baseUrl: double.url, rootAccountId: '1' },
  });
  const noCanvas = await services.profiles.create({ name: 'No Canvas', oneroster });
  ids.push(withCanvas.id, noToken.id, noCanvas.id);
  await services.vault.setSecret(withCanvas.id, 'canvas.token', token);
});
afterAll(async () => {
  for (const id of ids) await services.vault.deleteAll(id);
  await double.close();
  services.snapshots.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('preflight baseline', () => {
  it('resolveCanvasTarget reads the token from the keychain and explains what is missing', async () => {
    const t = await resolveCanvasTarget(services, 'Canvas District');
    expect(t).toMatchObject({ baseUrl: double.url, rootAccountId: '1', token });
    const missing = await resolveCanvasTarget(services, 'No Token').catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'canvas_token_missing', detail: { profile: 'No Token' } });
    expect(cliHint((missing as ServiceError).toData())).toContain("--profile 'No Token' --kind canvas.token");
    await expect(resolveCanvasTarget(services, 'No Canvas')).rejects.toMatchObject({
      code: 'canvas_not_configured',
    });
  });

  it('fetch --via api and --via report store the same counts, with progress on stderr', async () => {
    const api = await cli(['baseline', 'fetch', '--profile', 'Canvas District', '--via', 'api', '--json']);
    expect(api.code, api.err).toBe(0);
    const a = JSON.parse(api.out);
    expect(a).toMatchObject({ status: 'complete', source: 'api', profileId: ids[0], rootAccountId: '1' });
    expect(a.counts.users.total).toBe(generated.users.length);
    expect(a.counts.enrollments.total).toBe(generated.enrollments.length);
    expect(api.err).toMatch(/^users: [\d,]+ users read/m);
    expect(api.err).toMatch(/^enrollments: [\d,]+ rows/m);

    const rep = await cli(['baseline', 'fetch', '--profile', 'Canvas District']);
    expect(rep.code, rep.err).toBe(0);
    expect(rep.err).toMatch(/^report: Canvas is building the report/m);
    expect(rep.out).toMatch(/Canvas baseline [\w-]+ complete \(report\)\./);
    expect(rep.out).toMatch(/Crosslisted sections: 2/);

    const list = JSON.parse((await cli(['baseline', 'list', '--profile', 'Canvas District', '--json'])).out);
    expect(list.map((b: { source: string }) => b.source)).toEqual(['report', 'api']);
    expect(list[0].counts).toEqual(a.counts);
  });

  it('fetch without a profile reads the token from an environment variable', async () => {
    const res = await cli(
      [
        'baseline',
        'fetch',
        '--canvas-url',
        double.url,
        '--canvas-token-env',
        'CANVAS_T',
        '--via',
        'api',
        '--json',
      ],
      { CANVAS_T: token },
    );
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ status: 'complete', profileId: null });
  });

  it('import stores a downloaded report zip', async () => {
    const zip = join(dataDir, 'provisioning.zip');
    await writeProvisioningZip(generated, zip);
    const res = await cli(['baseline', 'import', zip, '--profile', 'Canvas District', '--json']);
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ status: 'complete', source: 'report', problemCount: 0 });
  });

  it('fails with exit 2, a code and a hint, never printing the token', async () => {
    const missing = await cli(['baseline', 'fetch', '--profile', 'No Token']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/error \(canvas_token_missing\)/);
    expect((await cli(['baseline', 'fetch', '--profile', 'No Canvas'])).err).toMatch(/canvas_not_configured/);
    const wrong = fakeSecret('wrong');
    const bad = await cli(
      ['baseline', 'fetch', '--canvas-url', double.url, '--canvas-token-env', 'T', '--via', 'api'],
      { T: wrong },
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/error \(canvas_unauthorized\): Canvas did not accept the access token/);
    expect(bad.err).toMatch(/hint: .*canvas\.token/);
    expect((await cli(['baseline', 'fetch'])).code).toBe(2);
    const all = outputs.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(wrong);
    expect(filesContaining(dataDir, token)).toEqual([]);
  });
});
