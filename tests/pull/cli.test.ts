import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index';
import { SnapshotDiff } from '../../shared/snapshots/diff';
import { SnapshotResult } from '../../shared/snapshots/result';
import { SnapshotList } from '../../shared/snapshots/snapshot';
import { startFixture, type PullFixture } from './harness';

const SECRET_ENV = 'PULL_TEST_SECRET';
const SAMPLE = '/work/shared/data/oneroster-samples/edfi-grand-bend-1.1';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('preflight pull / resume / snapshots / diff / import-csv', () => {
  let fx: PullFixture;
  let target: string[];

  async function cli(
    argv: string[],
    opts: { signal?: AbortSignal; onErr?: (text: string) => void } = {},
  ): Promise<Run> {
    let out = '';
    let err = '';
    const code = await main([...argv, '--data-dir', fx.dir], {
      stdout: (t) => (out += t),
      stderr: (t) => {
        err += t;
        opts.onErr?.(t);
      },
      readStdin: async () => '',
      env: { [SECRET_ENV]: fx.provider.clientSecret, PREFLIGHT_PROGRESS: 'plain' },
      signal: opts.signal ?? new AbortController().signal,
    });
    expect(out + err).not.toContain(fx.provider.clientSecret);
    return { code, out, err };
  }

  beforeAll(async () => {
    fx = await startFixture({ district: { preset: 'tiny' } });
    target = [
      '--base-url',
      fx.provider.baseUrl,
      '--client-id',
      fx.provider.clientId,
      '--client-secret-env',
      SECRET_ENV,
    ];
  });
  afterAll(async () => {
    await fx.close();
  });

  let firstId = '';

  it('pull --json prints exactly the snapshot result on stdout, progress on stderr', async () => {
    const r = await cli(['pull', ...target, '--json', '--page-size', '20', '--concurrency', '3']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['counts', 'error', 'issues', 'snapshotId', 'status']);
    const result = SnapshotResult.strict().parse(json);
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual(fx.expected());
    expect(Object.keys(result.issues.byCollection).sort()).toEqual(Object.keys(fx.expected()).sort());
    expect(r.err).toMatch(/pull complete: \d+ records/);
    firstId = result.snapshotId;
  });

  it('prints a table without --json', async () => {
    const r = await cli(['pull', ...target, '--page-size', '50']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^collection\s+records/m);
    expect(r.out).toMatch(/enrollments\s+\d+/);
    expect(r.out).toMatch(/Snapshot \S+ complete\./);
  });

  it('Ctrl-C cancels (snapshot cancelled, resumable) and resume completes it', async () => {
    fx.provider.setFaults({ latencyMs: 40 });
    const controller = new AbortController();
    let seen = 0;
    const r = await cli(['pull', ...target, '--json', '--page-size', '5', '--concurrency', '1'], {
      signal: controller.signal,
      onErr: (t) => {
        const m = /pull pulling: (\d+) records/.exec(t);
        if (m) seen = Number(m[1]);
        if (seen >= 40) controller.abort();
      },
    });
    fx.provider.setFaults({});
    expect(r.code).toBe(130);
    const cancelled = SnapshotResult.parse(JSON.parse(r.out));
    expect(cancelled.status).toBe('cancelled');

    // A resume takes the pull lock a pull of the same provider holds: refused at once while one runs.
    fx.provider.setFaults({ latencyMs: 40 });
    const busy = new AbortController();
    let started = (): void => undefined;
    const pulling = new Promise<void>((resolve) => (started = resolve));
    const other = cli(['pull', ...target, '--page-size', '5', '--concurrency', '1'], {
      signal: busy.signal,
      onErr: (t) => {
        if (/pull pulling: \d+ records/.test(t)) started();
      },
    });
    await pulling;
    const refused = await cli(['resume', cancelled.snapshotId, ...target, '--json']);
    busy.abort();
    await other;
    fx.provider.setFaults({});
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('already running');

    const resumed = await cli(['resume', cancelled.snapshotId, ...target, '--json']);
    expect(resumed.code, resumed.err).toBe(0);
    const result = SnapshotResult.parse(JSON.parse(resumed.out));
    expect(result).toMatchObject({ status: 'complete', counts: fx.expected() });
    expect(result.snapshotId).not.toBe(cancelled.snapshotId);
  });

  it('exits 1 with the failure in the JSON when a required collection is not served', async () => {
    fx.provider.setFaults({ notFound: ['/enrollments'] });
    const r = await cli(['pull', ...target, '--json']);
    fx.provider.setFaults({});
    expect(r.code).toBe(1);
    const result = SnapshotResult.parse(JSON.parse(r.out));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/enrollments/);
  });

  it('exits 2 when no provider is named', async () => {
    const r = await cli(['pull', '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--profile NAME/);
  });

  it('lists, shows, diffs and deletes snapshots', async () => {
    const list = SnapshotList.parse(JSON.parse((await cli(['snapshots', 'list', '--json'])).out));
    expect(list.map((s) => s.status)).toEqual(expect.arrayContaining(['complete', 'cancelled', 'failed']));
    const complete = list.filter((s) => s.status === 'complete');
    const latest = complete[0]!.id;

    const show = await cli(['snapshots', 'show', firstId]);
    expect(show.code).toBe(0);
    expect(show.out).toContain(`Snapshot ${firstId} (complete, api)`);

    const diff = await cli(['diff', firstId, latest, '--json']);
    expect(diff.code, diff.err).toBe(0);
    const d = SnapshotDiff.parse(JSON.parse(diff.out));
    expect(d.collections.users).toMatchObject({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: fx.expected().users,
    });

    const del = await cli(['snapshots', 'delete', firstId, '--json']);
    expect(JSON.parse(del.out)).toEqual({ snapshotId: firstId, deleted: true });
    const missing = await cli(['snapshots', 'show', firstId]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/snapshot_not_found/);
  });

  it('import-csv --json prints the same shape', async () => {
    const r = await cli(['import-csv', SAMPLE, '--json']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['counts', 'error', 'issues', 'snapshotId', 'status']);
    const result = SnapshotResult.parse(json);
    expect(result.status).toBe('complete');
    expect(result.counts.users).toBeGreaterThan(0);
  });
});
