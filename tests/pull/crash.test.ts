import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { resumePull } from '../../electron/services/pull';
import { DB_FILE_NAME, openSnapshotStore } from '../../electron/services/snapshots';
import { INTERRUPTED } from '../../electron/services/snapshots/store';
import { startFixture, type PullFixture } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');

describe('a pull killed mid-way', () => {
  let fx: PullFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('leaves an intact database, is marked failed on the next open, and resumes to exact counts', async () => {
    fx = await startFixture({ district: { preset: 'small' }, faults: { latencyMs: 30 } });
    // The child pulls into its own folder (the fixture's store stays closed to it until after the kill).
    const dataDir = join(fx.dir, 'child');
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/run-ts.js'),
        join(ROOT, 'tests/pull/fixtures/pull-child.ts'),
        dataDir,
        fx.provider.baseUrl,
        fx.provider.clientId,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, PULL_CHILD_SECRET: fx.provider.clientSecret },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );

    let snapshotId = '';
    let finished = false;
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        const [kind, id, done] = line.split(' ');
        if (kind === 'finished') finished = true;
        if (kind === 'progress' && Number(done) >= 1500) {
          snapshotId = id!;
          break;
        }
      }
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(finished).toBe(false);
    expect(snapshotId).not.toBe('');

    const db = new Database(join(dataDir, DB_FILE_NAME));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      (db.prepare('SELECT status FROM snapshots WHERE id = ?').get(snapshotId) as { status: string }).status,
    ).toBe('running');
    db.close();

    const store = openSnapshotStore(dataDir);
    try {
      const meta = store.get(snapshotId);
      expect(meta).toMatchObject({ status: 'failed', error: INTERRUPTED });
      const kept = Object.values(store.counts(snapshotId)).reduce((a, b) => a + b, 0);
      expect(kept).toBeGreaterThanOrEqual(1000);

      fx.provider.setFaults({});
      const resumed = await resumePull(snapshotId, { store, client: fx.client() });
      expect(resumed.status).toBe('complete');
      expect(resumed.counts).toEqual(fx.expected());
      expect(resumed.issues.duplicates).toBe(0);
      expect(resumed.facts.problems).toEqual([]);
    } finally {
      store.close();
    }
  });
});
