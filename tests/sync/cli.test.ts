import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSnapshotStore } from '../../electron/services/snapshots';
import { SyncHistoryStore } from '../../electron/services/sync';
import { writeDistrictCsv } from '../../test-support/district-csv';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { run } from '../cli/run';
import { CanvasWithImports, TOKEN } from './harness';

let dataDir: string;
let canvas: CanvasWithImports;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-sync-cli-'));
  const store = openSnapshotStore(dataDir);
  writeDistrictSnapshot(store, { preset: 'tiny' });
  store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => canvas.close());

const args = (...extra: string[]) => [
  'sync',
  '--data-dir',
  dataDir,
  '--canvas-url',
  canvas.double.url,
  '--canvas-token-env',
  'TEST_CANVAS_TOKEN',
  '--poll-ms',
  '5',
  ...extra,
];
const env = { TEST_CANVAS_TOKEN: TOKEN };

/** Every .zip under a folder: the SIS import zip must never stay in the data folder, whatever the outcome. */
const zipsUnder = (d: string): string[] =>
  existsSync(d)
    ? readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? zipsUnder(join(d, e.name)) : e.name.endsWith('.zip') ? [e.name] : [],
      )
    : [];

describe('preflight sync', () => {
  it('prints the simulation and sends nothing without --yes', async () => {
    canvas = await new CanvasWithImports({}, []).start();
    const r = await run(args(), { env });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Simulated import \(standard import; no Canvas baseline\)/);
    expect(r.out).toMatch(/enrollments/);
    expect(r.out).toMatch(/Nothing was sent/);
    expect(canvas.state.received).toHaveLength(0);
  });

  it('sends the import with --yes, waits for Canvas and exits 0 when it is imported', async () => {
    canvas = await new CanvasWithImports({ pollsToFinish: 2 }, []).start();
    const r = await run(args('--yes', '--threshold', '20', '--json'), { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      sent: boolean;
      result: { workflowState: string; counts: Record<string, number> };
    };
    expect(out).toMatchObject({ sent: true, result: { workflowState: 'imported' } });
    expect(canvas.state.received).toHaveLength(1);
    expect(canvas.state.received[0]!.params.change_threshold).toBe('20');
    expect(out.result.counts.users).toBe(canvas.state.received[0]!.validation.counts.users);
    expect(r.out + r.err).not.toContain(TOKEN);
    const [profileFile] = (await import('node:fs'))
      .readdirSync(join(dataDir, 'sync'))
      .filter((f) => f.endsWith('.json'));
    const history = await new SyncHistoryStore(dataDir).list(profileFile!.replace('.json', ''));
    expect(history.at(-1)).toMatchObject({
      status: 'finished',
      importId: String(canvas.state.received[0]!.id),
    });
    expect(zipsUnder(dataDir)).toEqual([]);
  });

  it('exits 3 and lists the missed prediction when Canvas warns about a row the preview expected to import', async () => {
    const message = 'An existing Canvas user with the SIS ID X has already claimed this login, skipping';
    canvas = await new CanvasWithImports({ extraWarnings: [['users.csv', message, 2]] }, []).start();
    const r = await run(args('--yes', '--json'), { env });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.out) as {
      predicted: { counts: Record<string, number> };
      actual: { warnings: number };
      missed: Array<{
        kind: string;
        key: string;
        predicted: string;
        actual: string;
        message: string;
        entity: unknown;
      }>;
      simulation: unknown;
    };
    expect(out.simulation).toBeTruthy();
    expect(out.actual.warnings).toBe(1);
    expect(out.missed).toEqual([
      expect.objectContaining({
        kind: 'message',
        key: 'users.csv',
        predicted: 'imported',
        actual: 'warning',
        message,
      }),
    ]);
    expect(out.missed[0]!.entity).toMatchObject({ entityType: 'user' });
    const text = await run(args('--yes'), { env });
    expect(text.code).toBe(3);
    expect(text.out).toMatch(/Missed predictions \(1\)/);
  });

  it('exits 1 when Canvas fails the import', async () => {
    canvas = await new CanvasWithImports({ fail: true }, []).start();
    const r = await run(args('--yes'), { env });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Canvas import \d+: failed/);
    expect(canvas.state.received).toHaveLength(1);
    expect(zipsUnder(dataDir)).toEqual([]);
  });

  it("sends through the profile's network settings (its proxy), and leaves no zip when that fails", async () => {
    canvas = await new CanvasWithImports({}, []).start();
    const dir = mkdtempSync(join(tmpdir(), 'preflight-sync-net-'));
    try {
      const data = join(dir, 'data');
      writeDistrictCsv(join(dir, 'oneroster'), { preset: 'tiny' });
      const p = ['--data-dir', data];
      const add = await run(
        [
          'profiles',
          'add',
          ...p,
          '--name',
          'Proxied USD',
          '--base-url',
          'https://sis.example.org/ims/oneroster/v1p1',
          '--client-id',
          'k',
        ],
        { env },
      );
      expect(add.code, add.err).toBe(0);
      expect((await run(['import-csv', join(dir, 'oneroster'), ...p, '--profile', 'Proxied USD'])).code).toBe(
        0,
      );
      // The district's proxy: nothing listens there, so a sync that uses it cannot reach Canvas.
      const net = await run(['profiles', 'network', 'Proxied USD', ...p, '--proxy', 'http://127.0.0.1:9']);
      expect(net.code, net.err).toBe(0);
      const r = await run(
        [
          'sync',
          ...p,
          '--profile',
          'Proxied USD',
          '--canvas-url',
          canvas.double.url,
          '--canvas-token-env',
          'TEST_CANVAS_TOKEN',
          '--poll-ms',
          '5',
          '--yes',
        ],
        { env },
      );
      expect(r.code, r.out + r.err).not.toBe(0);
      expect(canvas.state.received).toHaveLength(0);
      expect(zipsUnder(data)).toEqual([]);
      // Back to direct: the same sync goes through.
      await run(['profiles', 'network', 'Proxied USD', ...p, '--proxy', 'none']);
      const direct = await run(
        [
          'sync',
          ...p,
          '--profile',
          'Proxied USD',
          '--canvas-url',
          canvas.double.url,
          '--canvas-token-env',
          'TEST_CANVAS_TOKEN',
          '--poll-ms',
          '5',
          '--yes',
        ],
        { env },
      );
      expect(direct.code, direct.out + direct.err).toBe(0);
      expect(canvas.state.received).toHaveLength(1);
      expect(zipsUnder(data)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains a missing token variable and a batch mode without a term', async () => {
    canvas = await new CanvasWithImports({}, []).start();
    const noToken = await run(args(), { env: { TEST_CANVAS_TOKEN: '' } });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/TEST_CANVAS_TOKEN is empty or not set/);
    const noTerm = await run(args('--mode', 'batch'), { env });
    expect(noTerm.code).toBe(2);
    expect(noTerm.err).toMatch(/--mode batch needs --term/);
  });
});
