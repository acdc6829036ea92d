import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED } from '../../electron/services/snapshots';
import { useTempStores } from './helpers';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const stores = useTempStores();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const BATCH = 2000;

/** Starts the writer child and resolves once it has committed `batches` batches. */
function startWriter(dataDir: string, batches: number): Promise<{ child: ChildProcess; snapshotId: string }> {
  const child = spawn(
    process.execPath,
    ['bin/run-ts.js', 'tests/snapshots/fixtures/writer-child.ts', dataDir, String(BATCH)],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let snapshotId = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      snapshotId ||= /started (\S+)/.exec(out)?.[1] ?? '';
      if (snapshotId && out.includes(`batch ${batches}\n`)) resolve({ child, snapshotId });
    });
    child.once('exit', (code) => reject(new Error(`writer child exited early (${code}): ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('snapshot store: crash recovery', () => {
  it('leaves a live writer alone, and marks its snapshot failed ("interrupted") once it was SIGKILLed mid-write', async () => {
    const dir = stores.tempDir();
    const { child, snapshotId } = await startWriter(dir, 3);

    const store = stores.open(dir); // recovery runs on open: the writer is alive, so nothing changes
    expect(store.get(snapshotId)?.status).toBe('running');

    child.kill('SIGKILL');
    await exited(child);
    expect(child.signalCode).toBe('SIGKILL');

    store.close();

    const reopened = stores.open(dir); // opening recovers snapshots of dead writers
    const meta = reopened.get(snapshotId)!;
    expect(reopened.recoverInterrupted()).toEqual([]);
    expect(meta).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(reopened.latestComplete('crash-test')).toBeNull();
    // Every committed batch is whole: records and done pages were written in the same transaction.
    const pages = reopened.donePages(snapshotId, 'users').size;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(meta.counts!.users).toBe(pages * BATCH);
    reopened.close();

    const raw = new Database(`${dir}/preflight.sqlite`, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();
  }, 60_000);
});
